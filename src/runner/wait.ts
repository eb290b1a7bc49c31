// The one waiter: poll a readiness probe (src/lib/backoff.ts, pollDelay) until ready, failed, gone for good, or the
// deadline.
// A timeout reports the last observed status and exits 5 (resumable: the state already holds the resource).
import { AlbFcError, ExitCode } from '../errors.js';
import type { Readiness } from '../steps/step.js';
import type { StepRef } from '../steps/vocabulary.js';
import type { EventSink } from './events.js';
import { pollDelay, POLL_SCHEDULE, type PollSchedule } from '../lib/backoff.js';
import { sleep, throwIfAborted } from '../lib/sleep.js';
import type { RetryEnv } from './retry.js';
import { formatElapsed } from '../lib/duration.js';

export interface WaitOptions {
  step: StepRef;
  /** What is being waited for, e.g. `server group sgp-x to be Available`. */
  what: string;
  timeoutMs: number;
  /** Consecutive "not found" answers tolerated before giving up. */
  goneGrace?: number;
  /** How often to poll; POLL_SCHEDULE unless the run was given another. */
  schedule?: PollSchedule;
}

export interface WaitEnv extends Pick<RetryEnv, 'clock' | 'signal' | 'random'> {
  emit: EventSink;
}

export async function waitUntilReady(
  env: WaitEnv,
  options: WaitOptions,
  probe: () => Promise<Readiness>,
): Promise<string> {
  const started = env.clock.now();
  const grace = options.goneGrace ?? 3;
  let gone = 0;
  let lastStatus = 'unknown';
  for (;;) {
    throwIfAborted(env.signal, options.step);
    const answer = await probe();
    const elapsedMs = env.clock.now() - started;
    if (answer.kind === 'ready') return answer.status;
    if (answer.kind === 'failed') {
      throw new AlbFcError({
        code: answer.code ?? 'RESOURCE_FAILED',
        message: `${options.what}: it is ${answer.status}: ${answer.message}`,
        exitCode: ExitCode.cloudRefused,
        step: options.step,
      });
    }
    if (answer.kind === 'gone') {
      gone++;
      lastStatus = 'not found';
      if (gone > grace) {
        throw new AlbFcError({
          code: 'RESOURCE_GONE',
          message: `${options.what}: the resource no longer exists`,
          exitCode: ExitCode.cloudRefused,
          hint: 'Someone may have deleted it meanwhile. Run the same command again: alb-fc creates it anew.',
          step: options.step,
        });
      }
    } else {
      gone = 0;
      lastStatus = answer.status;
    }
    env.emit({ type: 'step-wait', step: options.step, status: lastStatus, elapsedMs, deadlineMs: options.timeoutMs });
    const remaining = options.timeoutMs - elapsedMs;
    if (remaining <= 0) {
      throw new AlbFcError({
        code: 'WAIT_TIMEOUT',
        message: `timed out after ${formatElapsed(options.timeoutMs)} waiting for ${options.what}; last status: ${lastStatus}`,
        exitCode: ExitCode.timeout,
        hint: 'The state is saved. Run the same command again to keep waiting (raise --wait-timeout if the cloud is slow).',
        step: options.step,
      });
    }
    await sleep(
      { ...env, step: options.step },
      Math.min(remaining, pollDelay(elapsedMs, options.schedule ?? POLL_SCHEDULE, env.random)),
    );
  }
}
