// A clock whose sleeps return at once and move time forward: waits and backoffs run instantly and
// deterministically, and deadlines still expire.
import type { Clock } from '../../src/clock.js';

export class FakeClock implements Clock {
  /** Every sleep requested, in order. */
  readonly sleeps: number[] = [];

  constructor(public time = Date.UTC(2025, 0, 1, 0, 0, 0)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.time += ms;
    await Promise.resolve();
    if (signal?.aborted) throw signal.reason;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

/** A deterministic [0, 1) sequence for jitter. */
export function fixedRandom(value = 0.5): () => number {
  return () => value;
}
