// A transition longer than --wait-timeout: exit 5 with the last observed status, the listener already in the
// state, and a later run (once ALB is done) resumes into the same listener. The local cloud runs on a manual
// clock so that "ALB is done" is a step of the test, not a real minute.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { manualClock } from '../support/fake-clock.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack } from './support/local-stack.js';

const LISTENER_CREATE_MS = 60_000;

const cloudClock = manualClock();
const stack = useLocalStack({
  clock: cloudClock,
  latency: { baseMs: 0, actionMs: {}, transitionMs: { 'listener.create': LISTENER_CREATE_MS } },
});

describe('wait timeout', () => {
  it('exits 5 with the last status, and resumes into the same listener once the transition ends', async () => {
    const { result } = await stack.process((deps) => deploy(stack.input({ waitTimeoutMs: 150 }), deps));
    expect(result.exitCode, describeReport(result)).toBe(5);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'WAIT_TIMEOUT', step: 'listener' });
    expect(result.error?.message).toMatch(/last status: Provisioning/);
    expect(result.error?.hint).toMatch(/Run the same command again/);
    const saved = await stack.state();
    const listenerId = saved?.steps.listener?.outputs?.id;
    expect(listenerId).toBeDefined();
    expect(saved?.steps.listener?.status).toBe('created');
    expect(saved?.steps.listener?.lastError?.code).toBe('WAIT_TIMEOUT');
    // The rest did not wait for the listener: every other step is ready.
    for (const step of ['function', 'serverGroup', 'server', 'dnsRecord'] as const) {
      expect(saved?.steps[step]?.status, step).toBe('ready');
    }

    cloudClock.advance(LISTENER_CREATE_MS);
    const { result: resumed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expect(resumed.test?.body).toBe('hello world');
    expect((await stack.state())?.steps.listener?.outputs?.id).toBe(listenerId);
    expect(stack.mutations().filter((a) => a === 'CreateListener')).toHaveLength(1);
    await expectExactlyOneOfEach(stack, 'after the timeout');
  });
});
