import { describe, expect, it } from 'vitest';
import { decideServerGroup } from '../../src/steps/server-group-decision.js';
import { group, pending, record } from './decisions-fixtures.js';

const desired = { name: 'sg', healthCheck: false };

describe('decideServerGroup', () => {
  it('keeps the recorded group, adopts a tagged one, creates otherwise', () => {
    expect(
      decideServerGroup({
        stack: 'demo',
        desired,
        byId: group(),
        tagged: [],
        record: record({ id: 'sgp-1', name: 'sg' }),
      }).action,
    ).toBe('unchanged');
    expect(
      decideServerGroup({ stack: 'demo', desired, byId: undefined, tagged: [group()], record: undefined }),
    ).toMatchObject({ action: 'adopt', owned: true });
    expect(decideServerGroup({ stack: 'demo', desired, byId: undefined, tagged: [], record: undefined }).action).toBe(
      'create',
    );
  });

  it('ignores tagged groups of another name, type, stack or being deleted', () => {
    const tagged = [
      group({ name: 'other' }),
      group({ type: 'Instance' }),
      group({ tags: { 'alb-fc:stack': 'prod', 'alb-fc:managed-by': 'alb-fc' } }),
      group({ status: 'Deleting' }),
    ];
    expect(decideServerGroup({ stack: 'demo', desired, byId: undefined, tagged, record: undefined }).action).toBe(
      'create',
    );
  });

  it('resumes an interrupted create with the same ClientToken', () => {
    const decision = decideServerGroup({
      stack: 'demo',
      desired,
      byId: undefined,
      tagged: [],
      record: pending({ name: 'sg' }),
    });
    expect(decision.action).toBe('create');
    expect(decision.reasons[0]).toMatch(/same ClientToken \(albfc-x\)/);
  });

  it('refuses what it cannot change in place: type, name, health check', () => {
    for (const live of [{ type: 'Ip' }, { name: 'renamed' }, { healthCheckEnabled: true }]) {
      const decision = decideServerGroup({
        stack: 'demo',
        desired,
        byId: group(live),
        tagged: [],
        record: record({ id: 'sgp-1', name: 'sg' }),
      });
      expect(decision.action, JSON.stringify(live)).toBe('conflict');
      expect(decision.hint).toMatch(/destroy/);
    }
  });

  it('adopts the first of several tagged groups and names the others', () => {
    const decision = decideServerGroup({
      stack: 'demo',
      desired,
      byId: undefined,
      tagged: [group(), group({ id: 'sgp-2' })],
      record: undefined,
    });
    expect(decision.found?.id).toBe('sgp-1');
    expect(decision.reasons[0]).toMatch(/sgp-1, sgp-2/);
  });
});
