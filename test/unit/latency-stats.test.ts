import { describe, expect, it } from 'vitest';
import { histogram, percentile, perSecond, summarizeLatencies } from '../../src/lib/latency-stats.js';

// The load test's statistics (src/lib/latency-stats.ts): nearest-rank percentiles, round histogram buckets, rates.
describe('percentile (nearest rank)', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('answers the smallest value with at least p% at or below it', () => {
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it('refuses no values', () => {
    expect(() => percentile([], 50)).toThrow();
  });
});

describe('summarizeLatencies', () => {
  it('sorts, then answers count, min, mean, p50, p90, p99 and max', () => {
    expect(summarizeLatencies([300, 100, 200, 400])).toEqual({
      count: 4,
      min: 100,
      mean: 250,
      p50: 200,
      p90: 400,
      p99: 400,
      max: 400,
    });
    expect(summarizeLatencies([])).toBeUndefined();
  });
});

describe('histogram', () => {
  it('uses one round width, starting at a round bound, covering every value', () => {
    const buckets = histogram([203, 205, 212, 219, 260]);
    expect(buckets.map((b) => [b.fromMs, b.toMs])).toEqual([
      [200, 210],
      [210, 220],
      [220, 230],
      [230, 240],
      [240, 250],
      [250, 260],
      [260, 270],
    ]);
    expect(buckets.map((b) => b.count)).toEqual([2, 2, 0, 0, 0, 0, 1]);
  });

  it('never has more buckets than asked, however the values spread', () => {
    const values = [1, 37, 480, 2999, 3000];
    const buckets = histogram(values, 10);
    expect(buckets.length).toBeLessThanOrEqual(10);
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(values.length);
    expect(buckets[0]!.fromMs).toBeLessThanOrEqual(1);
    expect(buckets.at(-1)!.toMs).toBeGreaterThan(3000);
  });

  it('puts one value, or equal values, in one bucket', () => {
    expect(histogram([205, 205])).toEqual([{ fromMs: 205, toMs: 206, count: 2 }]);
    expect(histogram([])).toEqual([]);
  });
});

describe('perSecond', () => {
  it('answers events per second with one decimal', () => {
    expect(perSecond(40, 1000)).toBe(40);
    expect(perSecond(2, 450)).toBe(4.4);
    expect(perSecond(5, 0)).toBe(0);
  });
});
