// Transitions that take real time (a scaled-down `realistic` profile), polled with the engine's own default
// backoff: the engine waits for each resource as the local cloud's realistic profile describes, end to end, both ways.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach, expectNothingLeft } from './support/expectations.js';
import { useLocalStack, STACK } from './support/local-stack.js';

/** The local cloud's realistic profile (docs/emulator.md) at a tenth of its durations. */
const TENTH = {
  baseMs: 5,
  actionMs: { CreateFunction: 100, UpdateFunction: 100, AddDomainRecord: 20, UpdateDomainRecord: 20 },
  transitionMs: {
    'serverGroup.create': 200,
    'serverGroup.delete': 200,
    'servers.add': 300,
    'servers.remove': 300,
    'listener.create': 600,
    'listener.delete': 600,
    'listener.update': 600,
    'serverGroup.update': 200,
  },
};

const stack = useLocalStack({ latency: TENTH });

describe('transitions that take time', () => {
  it('deploys and destroys with the default poll backoff, waiting for each transition', async () => {
    const withDefaultPolling = { deps: (deps: Parameters<typeof deploy>[1]) => ({ ...deps, poll: undefined }) };
    const { result } = await stack.process((deps) => deploy(stack.input(), deps), withDefaultPolling);
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.test?.body).toBe('hello world');
    expect(stack.eventsOf('step-wait').some((w) => w.step === 'listener' && w.status === 'Provisioning')).toBe(true);
    await expectExactlyOneOfEach(stack, 'timed deploy');
    const { result: gone } = await stack.process(
      (deps) => destroy(STACK, deps, { includeAdopted: false }),
      withDefaultPolling,
    );
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    await expectNothingLeft(stack, 'timed destroy');
  });
});
