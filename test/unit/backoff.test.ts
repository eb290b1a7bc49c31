import { describe, expect, it } from 'vitest';
import { backoffDelay, POLL_BACKOFF, RETRY_BACKOFF } from '../../src/lib/backoff.js';

describe('backoff', () => {
  for (const [name, policy] of [
    ['poll', POLL_BACKOFF],
    ['retry', RETRY_BACKOFF],
  ] as const) {
    it(`${name}: starts under 0.5 s and never exceeds 5 s, whatever the jitter`, () => {
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        expect(backoffDelay(0, policy, () => r)).toBeLessThan(500);
        for (let attempt = 0; attempt < 50; attempt++) {
          const d = backoffDelay(attempt, policy, () => r);
          expect(d).toBeGreaterThan(0);
          expect(d).toBeLessThanOrEqual(5_000);
        }
      }
    });
  }

  it('grows until the cap, and the jitter spans the upper half of the ceiling', () => {
    const low = (n: number): number => backoffDelay(n, POLL_BACKOFF, () => 0);
    const high = (n: number): number => backoffDelay(n, POLL_BACKOFF, () => 0.999999);
    expect(low(1)).toBeGreaterThan(low(0));
    expect(high(40)).toBe(5_000);
    expect(low(40)).toBe(2_500);
  });

  it('clamps a random source outside [0, 1)', () => {
    expect(backoffDelay(100, RETRY_BACKOFF, () => 7)).toBe(5_000);
    expect(backoffDelay(0, RETRY_BACKOFF, () => -3)).toBe(200);
  });
});
