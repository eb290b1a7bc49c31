// Statistics of a load test, pure: percentiles by nearest rank, a histogram with round bucket bounds, and rates.

export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface HistogramBucket {
  /** Inclusive lower bound, ms. */
  fromMs: number;
  /** Exclusive upper bound, ms (the last bucket includes the maximum). */
  toMs: number;
  count: number;
}

/** The nearest-rank percentile of ascending `sorted` values: the smallest value with at least p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values');
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    min: sorted[0]!,
    mean: Math.round((sum / sorted.length) * 10) / 10,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** The smallest of 1, 2, 5 × 10^k at or above `raw`. */
function niceWidth(raw: number): number {
  if (raw <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= raw) return step * magnitude;
  return 10 * magnitude;
}

/** At most `maxBuckets` buckets of one round width, from a round bound at or below the minimum to past the maximum. */
export function histogram(values: readonly number[], maxBuckets = 10): HistogramBucket[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  let width = niceWidth((max - min) / Math.max(1, maxBuckets));
  let start = Math.floor(min / width) * width;
  // Rounding the start down can push the maximum past the last bucket: widen until it fits.
  while (start + width * maxBuckets <= max) {
    width = niceWidth(width + 1);
    start = Math.floor(min / width) * width;
  }
  const count = Math.max(1, Math.floor((max - start) / width) + 1);
  const buckets: HistogramBucket[] = Array.from({ length: count }, (_, i) => ({
    fromMs: start + i * width,
    toMs: start + (i + 1) * width,
    count: 0,
  }));
  for (const value of values) buckets[Math.min(count - 1, Math.floor((value - start) / width))]!.count += 1;
  return buckets;
}

/** Events per second over `durationMs`, with one decimal. */
export function perSecond(count: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return Math.round((count * 10_000) / durationMs) / 10;
}
