import { describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../src/runner/events.js';
import type { Readiness } from '../../src/steps/step.js';
import { waitUntilReady } from '../../src/runner/wait.js';
import { FakeClock, fixedRandom } from '../support/fake-clock.js';

function env(clock: FakeClock, events: RunnerEvent[] = [], signal?: AbortSignal) {
  return { clock, signal, random: fixedRandom(0.5), emit: (e: RunnerEvent) => events.push(e) };
}

function sequence(...answers: Readiness[]): () => Promise<Readiness> {
  let i = 0;
  return async () => answers[Math.min(i++, answers.length - 1)] as Readiness;
}

const options = { step: 'listener' as const, what: 'listener lsn-1 to be Running', timeoutMs: 60_000 };

describe('waitUntilReady', () => {
  it('polls until ready, emitting step-wait with the observed status', async () => {
    const events: RunnerEvent[] = [];
    const clock = new FakeClock();
    const status = await waitUntilReady(
      env(clock, events),
      options,
      sequence(
        { kind: 'pending', status: 'Provisioning' },
        { kind: 'pending', status: 'Provisioning' },
        { kind: 'ready', status: 'Running' },
      ),
    );
    expect(status).toBe('Running');
    expect(events.filter((e) => e.type === 'step-wait')).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('times out at the deadline with the last status (exit 5)', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    await expect(
      waitUntilReady(env(clock), options, sequence({ kind: 'pending', status: 'Provisioning' })),
    ).rejects.toMatchObject({
      code: 'WAIT_TIMEOUT',
      exitCode: 5,
      message: expect.stringContaining('last status: Provisioning') as unknown,
    });
    // It stops at the deadline, not a full backoff later.
    expect(clock.now() - start).toBe(60_000);
  });

  it('fails at once when the resource reports failure, and after a few "not found" in a row', async () => {
    await expect(
      waitUntilReady(
        env(new FakeClock()),
        options,
        sequence({ kind: 'failed', status: 'Stopped', message: 'stopped' }),
      ),
    ).rejects.toMatchObject({ exitCode: 3 });
    const gone = waitUntilReady(env(new FakeClock()), { ...options, goneGrace: 2 }, sequence({ kind: 'gone' }));
    await expect(gone).rejects.toMatchObject({ code: 'RESOURCE_GONE' });
    // A brief "not found" right after a create is tolerated.
    const status = await waitUntilReady(
      env(new FakeClock()),
      options,
      sequence({ kind: 'gone' }, { kind: 'ready', status: 'Running' }),
    );
    expect(status).toBe('Running');
  });

  it('stops on abort with INTERRUPTED', async () => {
    const controller = new AbortController();
    const probe = async (): Promise<Readiness> => {
      controller.abort();
      return { kind: 'pending', status: 'Provisioning' };
    };
    await expect(waitUntilReady(env(new FakeClock(), [], controller.signal), options, probe)).rejects.toMatchObject({
      exitCode: 130,
    });
  });
});
