// A lost state file, against the local cloud: deploy finds every resource by its tags, names and the DNS
// remark, adopts them (and says what it adopted), creates nothing, and ends with exactly one of each.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach, expectNothingLeft } from './support/expectations.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const stack = useLocalStack();

describe('lost state', () => {
  it('rebuilds the state by adoption, creating nothing, and says what it found', async () => {
    const { result: first } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(first.exitCode, describeReport(first)).toBe(0);
    expect(
      stack.eventsOf('info').filter((e) => /adopt/.test(e.message)),
      'nothing to adopt the first time',
    ).toEqual([]);
    const ids = (await stack.state())?.steps;
    await stack.deleteState();

    const before = stack.mutations().length;
    const { result } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(stack.mutations().slice(before), 'nothing created or changed').toEqual([]);
    expect(
      result.steps
        .filter((s) => s.action === 'adopted')
        .map((s) => s.step)
        .sort(),
    ).toEqual(['dnsRecord', 'function', 'listener', 'server', 'serverGroup']);
    const said = stack.eventsOf('info').filter((e) => /adopt/.test(e.message));
    expect(said).toHaveLength(1);
    expect(said[0]?.message).toContain(`Server group ${ids?.serverGroup?.outputs?.id}`);
    expect(said[0]?.message).toContain(`(${ids?.listener?.outputs?.id})`);
    expect(said[0]?.message).toContain('DNS CNAME api.example.com');
    const rebuilt = (await stack.state())?.steps;
    expect(rebuilt?.serverGroup?.outputs).toEqual(ids?.serverGroup?.outputs);
    expect(rebuilt?.listener?.outputs).toEqual(ids?.listener?.outputs);
    expect(rebuilt?.dnsRecord?.outputs).toEqual(ids?.dnsRecord?.outputs);
    await expectExactlyOneOfEach(stack, 'rebuilt');

    // Adopted by its tags, the stack's own: destroy deletes it all without --include-adopted.
    const { result: gone } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    await expectNothingLeft(stack, 'destroyed after the rebuild');
  });

  it('destroys a stack whose state was lost, finding its resources by their tags', async () => {
    await stack.process((deps) => deploy(stack.input(), deps));
    await stack.deleteState();
    const { result } = await stack.process((deps) =>
      destroy(STACK, deps, { includeAdopted: false, input: stack.input() }),
    );
    expect(result.exitCode, describeReport(result)).toBe(0);
    await expectNothingLeft(stack, 'destroyed without a state');
  });
});
