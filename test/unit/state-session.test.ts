import { describe, expect, it } from 'vitest';
import { CloudError } from '../../src/cloud/errors.js';
import { StateSession } from '../../src/runner/state-session.js';
import { MemoryStateStore } from '../../src/state/memory-store.js';
import { emptyState } from '../../src/state/schema.js';
import { FakeClock } from '../support/fake-clock.js';

function session(): { s: StateSession; store: MemoryStateStore } {
  const store = new MemoryStateStore();
  const s = new StateSession(store, emptyState('demo', 'cn-hangzhou', 'e1', 't'), new FakeClock());
  return { s, store };
}

const request = { name: 'sg', healthCheck: false };

describe('StateSession: the exactly-once protocol', () => {
  it('saves the intent before the create, and the outputs right after', async () => {
    const { s, store } = session();
    const intent = await s.beginCreate('serverGroup', request);
    expect(store.peek('demo')?.steps.serverGroup).toMatchObject({
      status: 'pending',
      intent: { clientToken: intent.clientToken, seq: 0 },
    });
    await s.createSucceeded('serverGroup', { id: 'sgp-1', name: 'sg' });
    expect(store.peek('demo')?.steps.serverGroup).toMatchObject({ status: 'created', outputs: { id: 'sgp-1' } });
  });

  it('re-sends the same token for a pending create, and a new one after a refusal or a completed create', async () => {
    const { s } = session();
    const first = await s.beginCreate('serverGroup', request);
    expect((await s.beginCreate('serverGroup', request)).clientToken).toBe(first.clientToken);
    // Transient failure: still the same token next time.
    await s.createFailed(
      'serverGroup',
      new CloudError({ service: 'alb', action: 'X', cloudCode: 'SystemBusy', message: '' }),
    );
    expect((await s.beginCreate('serverGroup', request)).clientToken).toBe(first.clientToken);
    // Refused for good: a new token.
    await s.createFailed(
      'serverGroup',
      new CloudError({ service: 'alb', action: 'X', cloudCode: 'QuotaExceeded.ServerGroupsNum', message: '' }),
    );
    const second = await s.beginCreate('serverGroup', request);
    expect(second.clientToken).not.toBe(first.clientToken);
    expect(second.seq).toBe(1);
    // Created, then gone: the next create must not replay the old resource.
    await s.createSucceeded('serverGroup', { id: 'sgp-1', name: 'sg' });
    await s.forget('serverGroup');
    const third = await s.beginCreate('serverGroup', request);
    expect(new Set([first.clientToken, second.clientToken, third.clientToken]).size).toBe(3);
    // Other parameters: another token.
    const other = await s.beginCreate('serverGroup', { ...request, name: 'sg2' });
    expect(other.clientToken).not.toBe(third.clientToken);
  });

  it('writes in call order even when steps save concurrently', async () => {
    const { s, store } = session();
    await Promise.all([
      s.beginCreate('function', { name: 'f' }),
      s.beginCreate('serverGroup', request),
      s.setLookup({ loadBalancerId: 'a', dnsName: 'd', addressType: 'Internet' }),
    ]);
    const saved = store.peek('demo');
    expect(saved?.steps.function?.status).toBe('pending');
    expect(saved?.steps.serverGroup?.status).toBe('pending');
    expect(saved?.lookup?.outputs.dnsName).toBe('d');
  });

  it('retires the replaced resource only when owned', async () => {
    const { s } = session();
    await s.adopt('listener', { id: 'lsn-1', loadBalancerId: 'a', port: 80, serverGroupId: 'g' }, true);
    await s.retire('listener');
    expect(s.record('listener')?.retired).toEqual([{ id: 'lsn-1', loadBalancerId: 'a', port: 80, serverGroupId: 'g' }]);
    await s.adopt('dnsRecord', { recordId: '1', zone: 'z', rr: 'r', domain: 'd', value: 'v', ttl: 1 }, false);
    await s.retire('dnsRecord');
    expect(s.record('dnsRecord')?.retired).toBeUndefined();
  });
});
