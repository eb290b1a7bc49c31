// Regression (found by the interruption matrix against the local cloud): a deploy killed right after a create
// leaves the resource in transition (a server group Creating, a listener Provisioning); destroy sent its delete
// at once, ALB refused it (IncorrectStatus.*) until the retry budget ran out, and destroy
// exited 3. Destroy now waits for the transition to end, then deletes: no refused call at all.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { expectNothingLeft } from './support/expectations.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const stack = useLocalStack();

describe('destroy after a deploy killed mid-transition', () => {
  it.each([
    ['a server group still Creating', 'alb.getServerGroup'],
    ['a listener still Provisioning', 'alb.getListener'],
    ['a function still joining its group', 'alb.listServers'],
  ])('waits for %s, then deletes it', async (_what, method) => {
    const at = { method, occurrence: method === 'alb.listServers' ? 1 : 0, boundary: 'before-request' } as const;
    const crashed = await stack.process((deps) => deploy(stack.input(), deps), { at });
    expect(crashed.sw.diedAt).toBeDefined();
    const calls = stack.cloud.calls.list().length;
    const { result } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(result.exitCode, describeReport(result)).toBe(0);
    const refused = stack.cloud.calls
      .list()
      .slice(calls)
      .filter((c) => c.code !== null && !/^(Get|List|Describe)/.test(c.action))
      .map((c) => `${c.action} ${c.code}`);
    expect(refused, 'no change refused for a resource in transition').toEqual([]);
    await expectNothingLeft(stack, `after ${method}`);
  });
});
