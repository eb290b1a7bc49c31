// Clocks for the tests. FakeClock: sleeps return at once and move time forward, so waits and backoffs run
// instantly and deterministically, and deadlines still expire. manualClock(): the same, starting at the real
// time. HeldClock: the real time, with sleeps that last until the test releases them.
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

/**
 * A FakeClock starting at the real time, for a local cloud whose transitions the test moves with `advance`:
 * requests the SDKs sign with the real time stay within the allowed clock skew.
 */
export function manualClock(): FakeClock {
  return new FakeClock(Date.now());
}

/**
 * The real time, with sleeps that last until `release()`: a local cloud call paying its latency stays in flight
 * for exactly as long as the test wants, and `whenHeld(n)` tells when n calls have got that far.
 */
export class HeldClock implements Clock {
  private readonly held: Array<() => void> = [];
  private readonly waiting: Array<{ count: number; resolve: () => void }> = [];

  now(): number {
    return Date.now();
  }

  /** Held until `release()` (the local cloud's sleeps take no abort signal). */
  sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.held.push(resolve);
      for (const waiter of this.waiting.filter((w) => this.held.length >= w.count)) {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  /** Resolves once `count` sleeps are held at the same time. */
  whenHeld(count: number): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  /** Ends every sleep held so far. */
  release(): void {
    for (const done of this.held.splice(0)) done();
  }
}

/** A deterministic [0, 1) sequence for jitter. */
export function fixedRandom(value = 0.5): () => number {
  return () => value;
}

/**
 * A seeded [0, 1) sequence (mulberry32): random-looking and the same on every run, so a test of a split over many
 * draws (the local cloud's weighted forwarding) can neither flake nor depend on the machine.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
