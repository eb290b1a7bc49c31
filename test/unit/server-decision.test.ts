import { describe, expect, it } from 'vitest';
import type { BackendServer } from '../../src/cloud/ports.js';
import { decideServer } from '../../src/steps/server-decision.js';
import { pending, record } from './decisions-fixtures.js';

const A = 'acs:fc:cn-hangzhou:1:functions/a';
const B = 'acs:fc:cn-hangzhou:1:functions/b';

function server(serverId: string, status = 'Available'): BackendServer {
  return { serverGroupId: 'sgp-1', serverId, serverType: 'Fc', status };
}

const base = { functionArn: A, serverGroupId: 'sgp-1', groupOwned: true };

describe('decideServer', () => {
  it('adds the function to an empty group', () => {
    expect(decideServer({ ...base, servers: [], record: undefined }).action).toBe('create');
    expect(
      decideServer({ ...base, servers: [], record: pending({ serverGroupId: 'sgp-1', functionArn: A }) }).reasons[0],
    ).toMatch(/resuming/);
    expect(decideServer({ ...base, servers: [server(B, 'Removing')], record: undefined }).action).toBe('create');
  });

  it('keeps a recorded membership and adopts one found in the group', () => {
    expect(
      decideServer({ ...base, servers: [server(A)], record: record({ serverGroupId: 'sgp-1', functionArn: A }) })
        .action,
    ).toBe('unchanged');
    const adopted = decideServer({ ...base, servers: [server(A, 'Adding')], record: undefined });
    expect(adopted).toMatchObject({ action: 'adopt', owned: true });
    expect(decideServer({ ...base, groupOwned: false, servers: [server(A)], record: undefined }).owned).toBe(false);
  });

  it('swaps out this stack’s previous function (one function per group)', () => {
    const decision = decideServer({
      ...base,
      servers: [server(B)],
      record: record({ serverGroupId: 'sgp-1', functionArn: B }),
    });
    expect(decision.action).toBe('update');
    expect(decision.swapOut?.serverId).toBe(B);
  });

  it('refuses a group that holds someone else’s function', () => {
    const decision = decideServer({ ...base, servers: [server(B)], record: undefined });
    expect(decision.action).toBe('conflict');
    expect(decision.reasons[0]).toMatch(/exactly one function/);
    expect(
      decideServer({
        ...base,
        servers: [server(A), server(B)],
        record: record({ serverGroupId: 'sgp-1', functionArn: B }),
      }).action,
    ).toBe('conflict');
  });
});
