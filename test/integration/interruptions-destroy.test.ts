// Destroy after a deploy killed at every API-call boundary, and destroy itself killed at every boundary and
// run again, through the official SDK clients and the local cloud: nothing is left, in the cloud or on disk.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { crashPoints } from './support/crash-points.js';
import { expectNothingLeft } from './support/expectations.js';
import { LocalStack, STACK } from './support/local-stack.js';

const DEPLOY_POINTS = await crashPoints((stack, deps) => deploy(stack.input(), deps));
const DESTROY_POINTS = await crashPoints(
  (_stack, deps) => destroy(STACK, deps, { includeAdopted: false }),
  async (stack) => {
    await stack.process((deps) => deploy(stack.input(), deps));
  },
);

describe.concurrent(`deploy interrupted at each of ${DEPLOY_POINTS.length} points, then destroyed (real SDK)`, () => {
  it.each(DEPLOY_POINTS)('$label', async (point) => {
    const stack = await LocalStack.start();
    try {
      const crashed = await stack.process((deps) => deploy(stack.input(), deps), { at: point });
      expect(crashed.sw.diedAt, `${point.label}: the crash point was reached`).toBeDefined();
      const destroyed = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
      expect(destroyed.result.exitCode, `${point.label}: ${describeReport(destroyed.result)}`).toBe(0);
      await expectNothingLeft(stack, point.label);
    } finally {
      await stack.close();
    }
  });
});

describe.concurrent(`destroy interrupted at each of ${DESTROY_POINTS.length} points, then run again (real SDK)`, () => {
  it.each(DESTROY_POINTS)('$label', async (point) => {
    const stack = await LocalStack.start();
    try {
      const deployed = await stack.process((deps) => deploy(stack.input(), deps));
      expect(deployed.result.exitCode, describeReport(deployed.result)).toBe(0);
      const crashed = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }), { at: point });
      expect(crashed.sw.diedAt, `${point.label}: the crash point was reached`).toBeDefined();
      const again = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
      expect(again.result.exitCode, `${point.label}: ${describeReport(again.result)}`).toBe(0);
      await expectNothingLeft(stack, point.label);
      const mutations = stack.mutations().length;
      const third = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
      expect(third.result.status, point.label).toBe('no_changes');
      expect(stack.mutations().slice(mutations), point.label).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
