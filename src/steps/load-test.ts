// `alb-fc test --load`: many requests through the path the connectivity test found (the custom domain, else the ALB
// name with a Host header), `concurrency` at a time, until `requests` were sent or `durationMs` passed. Counts what
// came back — 2xx served, 429 throttled, anything else by status — and measures the served requests' latency; the
// statistics are src/lib/latency-stats.ts, the explanation load-advice.ts. Every request carries a Date header, which
// FC behind ALB requires (https://www.alibabacloud.com/help/en/fc/alb-triggers).
import type { Route } from '../cloud/ports.js';
import {
  histogram,
  perSecond,
  summarizeLatencies,
  type HistogramBucket,
  type LatencySummary,
} from '../lib/latency-stats.js';
import { throwIfAborted } from '../lib/sleep.js';
import { adviseOnLoad, type Advice, type CapacityFacts } from './load-advice.js';
import type { StepContext } from './step.js';

export interface LoadOptions {
  /** How many requests to send (with `durationMs`: at most this many). */
  requests?: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** How long to keep sending (with `requests`: whichever ends first). */
  durationMs?: number;
  /** The QPS the advice aims at; default: what the test offered. */
  targetQps?: number;
}

/** The request the connectivity test succeeded with, repeated by the load test. */
export interface LoadRequest {
  url: string;
  route: Route;
  hostHeader?: string;
}

export interface LoadResult {
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** 429 answers: FC throttled them. */
  throttled: number;
  /** Other answers by status, and requests without an answer (`network`, `timeout`). */
  errors: Record<string, number>;
  /** Served (2xx) requests per second. */
  qps: number;
  /** Every answer per second, throttled and failed ones included. */
  attemptsPerSecond: number;
  concurrency: number;
  durationMs: number;
  /** Latency of the served requests (of every answer when none was served). */
  latencyMs: LatencySummary | undefined;
  histogram: HistogramBucket[];
  advice: Advice;
}

export const DEFAULT_LOAD_REQUESTS = 100;
export const LOAD_REQUEST_TIMEOUT_MS = 30_000;

/** FC's error body (`{Code, Message, RequestId}`) when an answer carries one, else its first line. */
function messageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { Message?: unknown; message?: unknown };
    const message = parsed.Message ?? parsed.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON
  }
  const line = body.trim().split('\n')[0]?.trim();
  return line ? line.slice(0, 200) : undefined;
}

export async function runLoad(
  ctx: StepContext,
  request: LoadRequest,
  options: LoadOptions,
  facts: () => Promise<CapacityFacts | undefined>,
): Promise<LoadResult> {
  const { clock, cloud } = ctx;
  const total = options.durationMs === undefined ? (options.requests ?? DEFAULT_LOAD_REQUESTS) : options.requests;
  const started = clock.now();
  let sent = 0;
  let done = 0;
  let ok = 0;
  let throttled = 0;
  let failed = 0;
  const errors: Record<string, number> = {};
  const served: number[] = [];
  const all: number[] = [];
  let throttleMessage: string | undefined;
  let lastPercent = -1;

  const more = (): boolean => {
    if (total !== undefined && sent >= total) return false;
    return options.durationMs === undefined || clock.now() - started < options.durationMs;
  };
  const progress = (): void => {
    const elapsedMs = clock.now() - started;
    const fraction = total !== undefined ? done / total : Math.min(1, elapsedMs / Math.max(1, options.durationMs ?? 1));
    const percent = Math.floor(fraction * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    ctx.emit({
      type: 'load-progress',
      step: 'test',
      done,
      ...(total !== undefined ? { total } : {}),
      elapsedMs,
      ...(options.durationMs !== undefined ? { durationMs: options.durationMs } : {}),
      ok,
      throttled,
      errors: failed,
    });
  };

  const worker = async (): Promise<void> => {
    while (more()) {
      throwIfAborted(ctx.signal, 'test');
      sent += 1;
      const begin = clock.now();
      try {
        const answer = await cloud.network.get(request.url, {
          route: request.route,
          ...(request.hostHeader ? { hostHeader: request.hostHeader } : {}),
          headers: { Date: new Date(clock.now()).toUTCString() },
          timeoutMs: LOAD_REQUEST_TIMEOUT_MS,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        const ms = clock.now() - begin;
        all.push(ms);
        if (answer.status >= 200 && answer.status < 300) {
          ok += 1;
          served.push(ms);
        } else if (answer.status === 429) {
          throttled += 1;
          throttleMessage ??= messageOf(answer.body);
        } else {
          failed += 1;
          errors[String(answer.status)] = (errors[String(answer.status)] ?? 0) + 1;
        }
      } catch (error) {
        throwIfAborted(ctx.signal, 'test');
        const key = error instanceof Error && /within \d+ ms/.test(error.message) ? 'timeout' : 'network';
        failed += 1;
        errors[key] = (errors[key] ?? 0) + 1;
      }
      done += 1;
      progress();
    }
  };

  progress();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  const durationMs = Math.max(1, clock.now() - started);
  const latencies = served.length > 0 ? served : all;
  const latencyMs = summarizeLatencies(latencies);
  const servedLatency = served.length > 0 ? latencyMs : undefined;
  const qps = perSecond(ok, durationMs);
  const advice = adviseOnLoad(
    {
      requests: done,
      ok,
      throttled,
      concurrency: options.concurrency,
      meanLatencyMs: servedLatency?.mean,
      p50Ms: servedLatency?.p50,
      maxMs: servedLatency?.max,
      qps,
      ...(throttleMessage ? { throttleMessage } : {}),
    },
    throttled > 0 || ok > 0 ? await facts() : undefined,
    options.targetQps,
  );
  return {
    requests: done,
    ok,
    throttled,
    errors,
    qps,
    attemptsPerSecond: perSecond(done, durationMs),
    concurrency: options.concurrency,
    durationMs,
    latencyMs,
    histogram: histogram(latencies),
    advice,
  };
}
