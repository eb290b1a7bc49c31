// Sleeping and checking for Ctrl-C the one way every wait does: on the injected clock, and an aborted signal
// becomes the INTERRUPTED error (exit 130, state saved) naming the step that was interrupted.
import type { Clock } from '../clock.js';
import { interruptedError } from '../errors.js';

export function throwIfAborted(signal: AbortSignal | undefined, step?: string): void {
  if (signal?.aborted) throw interruptedError(step);
}

export interface SleepEnv {
  clock: Clock;
  signal: AbortSignal | undefined;
  /** The step named by the INTERRUPTED error. */
  step?: string;
}

/** Sleeps on the injected clock; an abort becomes the INTERRUPTED error (exit 130). */
export async function sleep(env: SleepEnv, ms: number): Promise<void> {
  throwIfAborted(env.signal, env.step);
  try {
    await env.clock.sleep(ms, env.signal);
  } catch (error) {
    if (env.signal?.aborted) throw interruptedError(env.step);
    throw error;
  }
}
