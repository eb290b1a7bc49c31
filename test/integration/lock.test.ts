// Two runs on the same stack at once, over the real file lock: the second exits 7 naming the first and
// touches nothing; the first finishes undisturbed.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack } from './support/local-stack.js';

const stack = useLocalStack();

describe('a second concurrent deploy', () => {
  it('exits 7 while the first holds the lock, and changes nothing', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (started = resolve));
    // The first run stops at its first API call (the lock is taken by then) until the second has run.
    const first = stack.process((deps) => deploy(stack.input(), deps), {
      deps: (deps) => {
        const alb = deps.cloud.alb;
        return {
          ...deps,
          cloud: {
            ...deps.cloud,
            alb: {
              ...alb,
              getLoadBalancer: async (id) => {
                started();
                await held;
                return alb.getLoadBalancer(id);
              },
            },
          },
        };
      },
    });
    await holding;
    const { result: second } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(second.exitCode, describeReport(second)).toBe(7);
    expect(second.error?.code).toBe('STATE_LOCKED');
    expect(second.error?.message).toMatch(/stack demo is locked by alb-fc deploy \(pid \d+/);
    expect(stack.mutations(), 'the second run changed nothing').toEqual([]);

    release();
    const { result } = await first;
    expect(result.exitCode, describeReport(result)).toBe(0);
    await expectExactlyOneOfEach(stack, 'the first run');
  });
});
