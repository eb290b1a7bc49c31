// How `test --load` is shown: a progress bar while it runs (tty), a line per tenth (plain), and in the summary the
// counts, the rates, the latency percentiles, a histogram and why requests were (not) throttled.
import type { LoadDocument } from '../../runner/result-document.js';
import { formatDuration } from './format.js';
import type { StepView } from './step-board.js';
import type { Style } from './style.js';
import { row } from './summary-layout.js';

export type LoadProgress = NonNullable<StepView['load']>;

/** How far the load test is, 0 to 1: answers of the total, or time of the duration. */
export function loadFraction(load: LoadProgress): number {
  if (load.total !== undefined && load.total > 0) return Math.min(1, load.done / load.total);
  if (load.durationMs !== undefined && load.durationMs > 0) return Math.min(1, load.elapsedMs / load.durationMs);
  return 0;
}

export function progressBar(fraction: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/** `[█████░░░] 12/40 · 10 ok · 2 throttled · 0 errors` (or `3.0s/10s` for a timed test). */
export function loadProgressText(load: LoadProgress): string {
  const of =
    load.total !== undefined
      ? `${load.done}/${load.total}`
      : `${formatDuration(load.elapsedMs)}/${formatDuration(load.durationMs ?? 0)}, ${load.done} answers`;
  return `${progressBar(loadFraction(load))} ${of} · ${load.ok} ok · ${load.throttled} throttled · ${load.errors} errors`;
}

const BAR_WIDTH = 30;

/** The summary block of a load test. */
export function loadSummaryLines(load: LoadDocument, style: Style): string[] {
  const errorText = Object.entries(load.errors)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  const counts = [
    style.ok(`${load.ok} ok`),
    load.throttled > 0 ? style.warn(`${load.throttled} throttled (429)`) : '0 throttled',
    errorText === '' ? '0 errors' : style.fail(`errors: ${errorText}`),
  ].join(', ');
  const lines = [
    row(
      style,
      'Load',
      `${load.requests} requests, ${load.concurrency} at a time, in ${formatDuration(load.durationMs)}: ${counts}`,
    ),
    row(
      style,
      'QPS',
      `${style.bold(String(load.qps))} served per second (${load.attemptsPerSecond} answers per second)`,
    ),
  ];
  const latency = load.latencyMs;
  if (latency) {
    const ms = (value: number): string => `${Math.round(value)} ms`;
    lines.push(
      row(
        style,
        'Latency',
        `p50 ${ms(latency.p50)}  p90 ${ms(latency.p90)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}` +
          style.dim(`  (${load.ok > 0 ? 'served requests' : 'every answer'})`),
      ),
    );
  }
  const peak = Math.max(0, ...load.histogram.map((b) => b.count));
  const labels = load.histogram.map((b) => `${b.fromMs}–${b.toMs} ms`);
  const labelWidth = Math.max(0, ...labels.map((l) => l.length));
  load.histogram.forEach((bucket, i) => {
    const bar = '█'.repeat(
      peak === 0 ? 0 : Math.max(bucket.count > 0 ? 1 : 0, Math.round((bucket.count / peak) * BAR_WIDTH)),
    );
    lines.push(
      row(
        style,
        i === 0 ? 'Histogram' : '',
        `${labels[i]!.padStart(labelWidth)}  ${style.accent(bar.padEnd(BAR_WIDTH))} ${bucket.count}`,
      ),
    );
  });
  load.explanation.forEach((line, i) => {
    const text = load.throttled > 0 ? style.warn(line) : line;
    lines.push(row(style, i === 0 ? 'Why' : '', text));
  });
  return lines;
}
