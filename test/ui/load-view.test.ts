// `test --load` on screen: a live progress bar on the running test line (tty), a line per tenth (plain), and the
// summary with counts, rates, percentiles, a histogram and the explanation; --json carries `test.load`.
import { describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../src/runner/events.js';
import type { LoadDocument, ResultDocument } from '../../src/runner/result-document.js';
import { loadProgressText, progressBar } from '../../src/ui/render/load-view.js';
import { fixedNow } from './helpers/events.js';
import { render } from './helpers/run-renderer.js';

const T0 = fixedNow();
const progress = (done: number, ok: number, throttled: number): RunnerEvent => ({
  type: 'load-progress',
  step: 'test',
  done,
  total: 40,
  elapsedMs: done * 10,
  ok,
  throttled,
  errors: 0,
});

const events: RunnerEvent[] = [
  { type: 'run-start', command: 'test', stack: 'default', region: 'cn-hangzhou', local: true, at: T0 },
  { type: 'step-start', step: 'test', title: 'Connectivity test', at: T0 },
  ...Array.from({ length: 40 }, (_, i) => progress(i + 1, Math.min(i + 1, 2), Math.max(0, i - 1))),
];

const load: LoadDocument = {
  requests: 40,
  ok: 2,
  throttled: 38,
  errors: {},
  qps: 4,
  latencyMs: { p50: 205, p90: 230, p99: 230, max: 230, min: 205, mean: 217.5 },
  attemptsPerSecond: 80,
  concurrency: 8,
  durationMs: 500,
  histogram: [
    { fromMs: 200, toMs: 220, count: 1 },
    { fromMs: 220, toMs: 240, count: 1 },
  ],
  limit: 'reserved concurrency',
  targetQps: 36.8,
  instancesNeeded: 8,
  explanation: ['38 of 40 requests (95%) were throttled (HTTP 429)', 'The limit hit: the reserved concurrency'],
};

const doc: ResultDocument = {
  schemaVersion: 1,
  command: 'test',
  status: 'no_changes',
  stack: 'default',
  region: 'cn-hangzhou',
  resources: {},
  test: { url: 'http://hello.example.com/', via: 'dns', status: 200, body: 'slept', load },
  durationMs: 900,
};

describe('load progress', () => {
  it('draws a bar of the answers so far', () => {
    expect(progressBar(0.5, 10)).toBe('[█████░░░░░]');
    expect(loadProgressText({ done: 12, total: 40, elapsedMs: 100, ok: 10, throttled: 2, errors: 0 })).toBe(
      '[██████░░░░░░░░░░░░░░] 12/40 · 10 ok · 2 throttled · 0 errors',
    );
    expect(loadProgressText({ done: 7, elapsedMs: 3000, durationMs: 10_000, ok: 7, throttled: 0, errors: 0 })).toMatch(
      /^\[██████░+\] 3\.0s\/10\.0s, 7 answers/,
    );
  });

  it('redraws the bar on the running test line in a terminal', () => {
    const screen = render('tty', events.slice(0, 22)).stderr.screen();
    expect(screen.at(-1)).toMatch(/Connectivity test +\[██████████░{10}\] 20\/40 · 2 ok · 18 throttled · 0 errors$/);
    expect(screen.filter((line) => line.includes('20/40'))).toHaveLength(1);
  });

  it('prints a line per tenth without a terminal', () => {
    const lines = render('plain', events)
      .stderr.text()
      .split('\n')
      .filter((l) => l.includes('load ['));
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toMatch(/Connectivity test: load \[█{20}\] 40\/40 · 2 ok · 38 throttled/);
  });
});

describe('load summary', () => {
  it('shows counts, QPS, percentiles, the histogram and why', () => {
    const r = render('plain', [...events, { type: 'run-end', at: T0 + 900 }], { command: 'test' });
    r.renderer.result(doc);
    const text = r.stdout.text();
    expect(text).toMatch(/Load +40 requests, 8 at a time, in 0\.5s: 2 ok, 38 throttled \(429\), 0 errors/);
    expect(text).toMatch(/QPS +4 served per second \(80 answers per second\)/);
    expect(text).toMatch(/Latency +p50 205 ms {2}p90 230 ms {2}p99 230 ms {2}max 230 ms/);
    expect(text).toMatch(/Histogram +200–220 ms {2}█{30} 1/);
    expect(text).toMatch(/Why +38 of 40 requests \(95%\) were throttled/);
  });

  it('puts it under test.load in --json', () => {
    const r = render('json', events, { command: 'test' });
    r.renderer.result(doc);
    expect(JSON.parse(r.stdout.text()).test.load).toMatchObject({
      requests: 40,
      ok: 2,
      throttled: 38,
      errors: {},
      qps: 4,
      latencyMs: { p50: 205, p90: 230, p99: 230, max: 230 },
    });
  });
});
