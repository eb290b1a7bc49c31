import { describe, expect, it } from 'vitest';
import { decideFunction, type FunctionDesired } from '../../src/steps/function-decision.js';
import { fn, pending, record } from './decisions-fixtures.js';

const desired: FunctionDesired = {
  name: 'hello',
  runtime: 'nodejs20',
  handler: 'index.handler',
  memorySize: 128,
  timeout: 10,
  codeChecksum: '42',
};
const recorded = { name: 'hello', arn: fn().arn, mode: 'create' as const };

describe('decideFunction', () => {
  it('creates a function that does not exist, saying why', () => {
    expect(decideFunction({ stack: 'demo', desired, found: undefined, record: undefined })).toMatchObject({
      action: 'create',
      owned: true,
    });
    expect(decideFunction({ stack: 'demo', desired, found: undefined, record: record(recorded) }).reasons[0]).toMatch(
      /no longer exists/,
    );
    expect(
      decideFunction({ stack: 'demo', desired, found: undefined, record: pending({ name: 'hello' }) }).reasons[0],
    ).toMatch(/resuming/);
  });

  it('keeps an identical recorded function, and adopts one found by name and tags (lost state, resumed create)', () => {
    expect(decideFunction({ stack: 'demo', desired, found: fn(), record: record(recorded) }).action).toBe('unchanged');
    const adopted = decideFunction({ stack: 'demo', desired, found: fn(), record: undefined });
    expect(adopted).toMatchObject({ action: 'adopt', owned: true });
    expect(decideFunction({ stack: 'demo', desired, found: fn(), record: pending({ name: 'hello' }) }).action).toBe(
      'adopt',
    );
  });

  it.each([
    [{ codeChecksum: '7' }, /code checksum 7 → 42/],
    [{ runtime: 'nodejs18' }, /runtime nodejs18 → nodejs20/],
    [{ handler: 'main.handler' }, /handler main.handler → index.handler/],
    [{ memorySize: 512 }, /memory 512 MB → 128 MB/],
    [{ timeout: 3 }, /timeout 3s → 10s/],
  ])('updates when %o differs', (live, reason) => {
    const decision = decideFunction({ stack: 'demo', desired, found: fn(live), record: record(recorded) });
    expect(decision.action).toBe('update');
    expect(decision.reasons.join()).toMatch(reason);
  });

  it('refuses a function of the same name that is not this stack’s', () => {
    const foreign = decideFunction({ stack: 'demo', desired, found: fn({ tags: {} }), record: undefined });
    expect(foreign).toMatchObject({ action: 'conflict', owned: false });
    expect(foreign.reasons[0]).toMatch(/carries no alb-fc tags/);
    const other = decideFunction({
      stack: 'demo',
      desired,
      found: fn({ tags: { 'alb-fc:stack': 'prod', 'alb-fc:managed-by': 'alb-fc' } }),
      record: undefined,
    });
    expect(other.reasons[0]).toMatch(/stack "prod"/);
    // Recorded by this stack with the same ARN: still ours even if its tags were removed by hand.
    expect(decideFunction({ stack: 'demo', desired, found: fn({ tags: {} }), record: record(recorded) }).action).toBe(
      'unchanged',
    );
  });

  it('retires the previous function when the name changes', () => {
    const decision = decideFunction({
      stack: 'demo',
      desired: { ...desired, name: 'hello2' },
      found: undefined,
      record: record(recorded),
    });
    expect(decision.action).toBe('create');
    expect(decision.retire?.name).toBe('hello');
    // Never retire what the stack only adopted.
    expect(
      decideFunction({
        stack: 'demo',
        desired: { ...desired, name: 'hello2' },
        found: undefined,
        record: record(recorded, { owned: false }),
      }).retire,
    ).toBeUndefined();
  });
});
