// Kill a deploy at every API-call boundary (before the request; after the cloud did it but before the
// answer; after the answer but before the state write), through the official SDK clients and the local
// cloud, then deploy again: exactly one of each resource, every step ready, and a third deploy changes nothing.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { crashPoints } from './support/crash-points.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { LocalStack } from './support/local-stack.js';

const POINTS = await crashPoints((stack, deps) => deploy(stack.input(), deps));

describe.concurrent(`deploy interrupted at each of ${POINTS.length} points, then resumed (real SDK)`, () => {
  it.each(POINTS)('$label', async (point) => {
    const stack = await LocalStack.start();
    try {
      const crashed = await stack.process((deps) => deploy(stack.input(), deps), { at: point });
      expect(crashed.sw.diedAt, `${point.label}: the crash point was reached`).toBeDefined();
      const resumed = await stack.process((deps) => deploy(stack.input(), deps));
      expect(resumed.result.exitCode, `${point.label}: ${describeReport(resumed.result)}`).toBe(0);
      expect(resumed.result.test?.body, point.label).toBe('hello world');
      await expectExactlyOneOfEach(stack, point.label);
      const mutations = stack.mutations().length;
      const again = await stack.process((deps) => deploy(stack.input(), deps));
      expect(again.result.status, `${point.label}: ${describeReport(again.result)}`).toBe('no_changes');
      expect(stack.mutations().slice(mutations), `${point.label}: a settled stack gets no mutating call`).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
