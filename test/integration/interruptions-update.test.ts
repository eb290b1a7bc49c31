// An update (new listener port, new domain, renamed function, all at once) killed at every API-call boundary,
// through the official SDK clients and the local cloud, then run again: exactly the updated stack, the
// replaced resources deleted, and a further deploy changes nothing.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import type { StackInput } from '../../src/stack-input.js';
import { describeReport } from '../support/invariants.js';
import { crashPoints } from './support/crash-points.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { LocalStack } from './support/local-stack.js';

function updated(stack: LocalStack): StackInput {
  return stack.input({ listener: { port: 8080 }, dns: { domain: 'www.example.com' }, function: { name: 'hello2' } });
}

async function deployed(stack: LocalStack): Promise<void> {
  const { result } = await stack.process((deps) => deploy(stack.input(), deps));
  expect(result.exitCode, describeReport(result)).toBe(0);
}

const POINTS = await crashPoints((stack, deps) => deploy(updated(stack), deps), deployed);

describe.concurrent(`update interrupted at each of ${POINTS.length} points, then resumed (real SDK)`, () => {
  it.each(POINTS)('$label', async (point) => {
    const stack = await LocalStack.start();
    try {
      await deployed(stack);
      const crashed = await stack.process((deps) => deploy(updated(stack), deps), { at: point });
      expect(crashed.sw.diedAt, `${point.label}: the crash point was reached`).toBeDefined();
      const resumed = await stack.process((deps) => deploy(updated(stack), deps));
      expect(resumed.result.exitCode, `${point.label}: ${describeReport(resumed.result)}`).toBe(0);
      expect(resumed.result.test?.body, point.label).toBe('hello world');
      await expectExactlyOneOfEach(stack, point.label, {
        functionName: 'hello2',
        port: 8080,
        domain: 'www.example.com',
      });
      const mutations = stack.mutations().length;
      const again = await stack.process((deps) => deploy(updated(stack), deps));
      expect(again.result.status, `${point.label}: ${describeReport(again.result)}`).toBe('no_changes');
      expect(stack.mutations().slice(mutations), point.label).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
