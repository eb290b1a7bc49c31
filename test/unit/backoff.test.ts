import { describe, expect, it } from 'vitest';
import { backoffDelay, pollDelay, POLL_SCHEDULE, RETRY_BACKOFF } from '../../src/lib/backoff.js';

const JITTERS = [0, 0.25, 0.5, 0.999999];

describe('retry backoff', () => {
  it('starts under 0.5 s and never exceeds 5 s, whatever the jitter', () => {
    for (const r of JITTERS) {
      expect(backoffDelay(0, RETRY_BACKOFF, () => r)).toBeLessThan(500);
      for (let attempt = 0; attempt < 50; attempt++) {
        const d = backoffDelay(attempt, RETRY_BACKOFF, () => r);
        expect(d).toBeGreaterThan(0);
        expect(d).toBeLessThanOrEqual(5_000);
      }
    }
  });

  it('grows until the cap, and the jitter spans the upper half of the ceiling', () => {
    const low = (n: number): number => backoffDelay(n, RETRY_BACKOFF, () => 0);
    const high = (n: number): number => backoffDelay(n, RETRY_BACKOFF, () => 0.999999);
    expect(low(1)).toBeGreaterThan(low(0));
    expect(high(40)).toBe(5_000);
    expect(low(40)).toBe(2_500);
  });

  it('clamps a random source outside [0, 1)', () => {
    expect(backoffDelay(100, RETRY_BACKOFF, () => 7)).toBe(5_000);
    expect(backoffDelay(0, RETRY_BACKOFF, () => -3)).toBe(200);
  });
});

/** The times at which a wait polls, from its start until `untilMs`, each call taking `callMs`. */
function pollTimes(untilMs: number, random: () => number, callMs = 0): number[] {
  const times: number[] = [];
  for (let t = 0; t <= untilMs;) {
    times.push(t);
    t += callMs;
    t += pollDelay(t, POLL_SCHEDULE, random);
  }
  return times;
}

/** A reproducible [0, 1) sequence (a linear congruential generator). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('poll schedule', () => {
  it('polls every 0.2–0.3 s while the transition is young (its first 10 s)', () => {
    for (const r of JITTERS) {
      for (let elapsed = 0; elapsed <= 10_000; elapsed += 250) {
        const d = pollDelay(elapsed, POLL_SCHEDULE, () => r);
        expect(d).toBeGreaterThanOrEqual(200);
        expect(d).toBeLessThanOrEqual(300);
      }
    }
  });

  it('notices the end of a transition within 0.3 s while young, and within 0.3 s + 12 % of the time beyond', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const times = pollTimes(120_000, seeded(seed));
      for (let end = 0; end <= 110_000; end += 137) {
        const noticed = times.find((t) => t >= end) as number;
        const allowed = 300 + 0.12 * Math.max(0, end - POLL_SCHEDULE.youngMs);
        expect(noticed - end, `end at ${end} ms, seed ${seed}`).toBeLessThanOrEqual(allowed);
      }
    }
  });

  it('reads at most 5 times in any second, and backs off to a read every 5 s', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const times = pollTimes(600_000, seeded(seed));
      for (let i = 0; i < times.length; i++) {
        const inSecond = times.filter((t) => t >= (times[i] as number) && t < (times[i] as number) + 1_000);
        expect(inSecond.length).toBeLessThanOrEqual(5);
      }
      // A ten-minute wait: about 40 reads while young, about 30 while the delay grows, then one every 5 s.
      expect(times.length).toBeLessThan(40 + 30 + 150 + 10);
      expect(times.filter((t) => t > 300_000).length).toBeLessThanOrEqual(300_000 / 4_000 + 1);
    }
  });

  it('grows with the time waited beyond the young phase, never above 5 s, whatever the jitter', () => {
    const mid = (elapsed: number): number => pollDelay(elapsed, POLL_SCHEDULE, () => 0.5);
    expect(mid(20_000)).toBeGreaterThan(mid(10_000));
    expect(mid(40_000)).toBeGreaterThan(mid(20_000));
    expect(mid(20_000)).toBe(1_250);
    for (const r of JITTERS) expect(pollDelay(3_600_000, POLL_SCHEDULE, () => r)).toBeLessThanOrEqual(5_000);
    expect(pollDelay(3_600_000, POLL_SCHEDULE, () => 0)).toBe(5_000);
  });

  it('clamps a random source outside [0, 1), and honours a faster schedule', () => {
    expect(pollDelay(0, POLL_SCHEDULE, () => 7)).toBe(300);
    expect(pollDelay(0, POLL_SCHEDULE, () => -3)).toBe(200);
    expect(pollDelay(60_000, { ...POLL_SCHEDULE, intervalMs: 2, capMs: 20 }, () => 0.5)).toBe(20);
  });
});
