// The one-step subcommands through the official SDK clients: run one by one (approved) they build the same
// stack as deploy; not approved — the CLI's answer without --yes when it cannot ask — they change nothing,
// neither in the cloud nor in the state.
import { describe, expect, it } from 'vitest';
import { usageError } from '../../src/errors.js';
import { deploy, runStep } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack } from './support/local-stack.js';

const stack = useLocalStack();

const STEPS = ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const;

describe('one step at a time', () => {
  it('changes nothing without approval (exit 2 from a non-interactive approver)', async () => {
    for (const step of ['function', 'serverGroup'] as const) {
      const { result } = await stack.process((deps) =>
        runStep(step, stack.input(), {
          ...deps,
          approve: async () => {
            throw usageError('CONFIRMATION_REQUIRED', 'pass --yes to apply the plan without a terminal');
          },
        }),
      );
      expect(result.exitCode, `${step}: ${describeReport(result)}`).toBe(2);
      expect(result.plan?.map((p) => [p.step, p.action])).toEqual([[step, 'create']]);
    }
    expect(stack.mutations()).toEqual([]);
    expect(await stack.state()).toBeUndefined();
  });

  it('builds the whole stack step by step when approved, then deploy has nothing to do', async () => {
    for (const step of [...STEPS, 'test'] as const) {
      const { result } = await stack.process((deps) =>
        runStep(step, stack.input(), { ...deps, approve: async () => true }),
      );
      expect(result.exitCode, `${step}: ${describeReport(result)}`).toBe(0);
      if (step === 'test') expect(result.test?.body).toBe('hello world');
    }
    await expectExactlyOneOfEach(stack, 'step by step');
    const before = stack.mutations().length;
    const { result } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(result.status, describeReport(result)).toBe('no_changes');
    expect(stack.mutations().slice(before)).toEqual([]);
  });
});
