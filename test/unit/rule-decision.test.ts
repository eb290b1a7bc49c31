import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../src/cloud/ports.js';
import { decideRule, ruleChanges, type RuleDesired } from '../../src/steps/rule-decision.js';
import { stackTags } from '../../src/stack-input.js';

const desired: RuleDesired = {
  name: 'alb-fc-demo-users',
  priority: 10,
  match: { host: 'api.example.com', path: '/users/*' },
  action: { type: 'forward', targets: [{ serverGroupId: 'sgp-1', weight: 100 }] },
};

function live(overrides: Partial<RuleInfo> = {}): RuleInfo {
  return {
    id: 'rule-1',
    listenerId: 'lsn-1',
    name: desired.name,
    priority: 10,
    status: 'Available',
    match: { host: 'api.example.com', path: '/users/*' },
    action: { type: 'forward', targets: [{ serverGroupId: 'sgp-1', weight: 100 }] },
    otherConditions: [],
    tags: stackTags('demo'),
    ...overrides,
  };
}

const ours = { status: 'ready' as const, owned: true, outputs: undefined, updatedAt: 'now' };

describe('decideRule', () => {
  it('creates a rule the listener does not have', () => {
    expect(decideRule({ stack: 'demo', desired, byId: undefined, listed: [], record: undefined }).action).toBe(
      'create',
    );
  });

  it('keeps a rule that matches and forwards as wanted', () => {
    expect(decideRule({ stack: 'demo', desired, byId: live(), listed: [], record: ours })).toMatchObject({
      action: 'unchanged',
      changes: [],
    });
  });

  it('updates in place what changed: match, weights, priority — each said', () => {
    const found = live({
      match: { host: 'api.example.com', path: '/people/*' },
      priority: 30,
      action: {
        type: 'forward',
        targets: [
          { serverGroupId: 'sgp-1', weight: 90 },
          { serverGroupId: 'sgp-2', weight: 10 },
        ],
      },
    });
    const decision = decideRule({ stack: 'demo', desired, byId: found, listed: [], record: ours });
    expect(decision.action).toBe('update');
    expect(decision.reasons).toEqual([
      'match host api.example.com path /people/* → host api.example.com path /users/*',
      'action sgp-1 90%, sgp-2 10% → sgp-1',
      'priority 30 → 10',
    ]);
  });

  it('adopts its own rule found by name after a lost state, and refuses another tool’s rule of that name', () => {
    expect(decideRule({ stack: 'demo', desired, byId: undefined, listed: [live()], record: undefined }).action).toBe(
      'adopt',
    );
    const theirs = decideRule({
      stack: 'demo',
      desired,
      byId: undefined,
      listed: [live({ tags: {} })],
      record: undefined,
    });
    expect(theirs.action).toBe('conflict');
    expect(theirs.reasons[0]).toContain('carries no alb-fc tags');
  });

  it('never changes an adopted rule that drifted', () => {
    const record = { ...ours, owned: false };
    expect(decideRule({ stack: 'demo', desired, byId: live({ priority: 5 }), listed: [], record }).action).toBe(
      'conflict',
    );
  });

  it('reads a lone group without a weight as 100, and extra conditions as drift', () => {
    expect(ruleChanges(desired, live())).toEqual([]);
    expect(ruleChanges(desired, live({ otherConditions: ['Header'] }))).toEqual(['conditions Header removed']);
  });
});
