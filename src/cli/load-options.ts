import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { parseDuration } from '../lib/duration.js';
import type { LoadOptions } from '../runner/engine.js';

// `alb-fc test --load` (issue 10): its options, checked before anything runs. Without --requests or --duration a
// load test sends DEFAULT_REQUESTS requests; without --concurrency, DEFAULT_CONCURRENCY at a time.

export const DEFAULT_REQUESTS = 100;
export const DEFAULT_CONCURRENCY = 10;
/** More sockets than this from one process measure the machine, not the cloud (docs/benchmarks.md). */
const MAX_CONCURRENCY = 1000;

export function withLoadOptions(command: Command): Command {
  return command
    .option('--load', 'after the connectivity test, a load test on the same path (latency, QPS, throttling)')
    .option(
      '--requests <N>',
      `load test: requests to send (default ${DEFAULT_REQUESTS}, or as many as --duration allows)`,
    )
    .option('--concurrency <N>', `load test: requests in flight at once (default ${DEFAULT_CONCURRENCY})`)
    .option(
      '--duration <DURATION>',
      'load test: keep sending for this long, e.g. 30s (with --requests: whichever ends first)',
    )
    .option('--target-qps <QPS>', 'load test: the QPS to size the advice for (default: what the test offered)');
}

function whole(flag: string, raw: unknown, min: number, max: number): number {
  const text = String(raw).trim();
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw usageError('INVALID_VALUE', `${flag} ${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** The load test the options ask for; undefined without --load (and a usage error for its options alone). */
export function loadOptionsOf(options: Record<string, unknown>): LoadOptions | undefined {
  const given = ['requests', 'concurrency', 'duration', 'targetQps'].filter((name) => options[name] !== undefined);
  if (options.load !== true) {
    if (given.length === 0) return undefined;
    const flag = `--${given[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw usageError('INVALID_VALUE', `${flag} is an option of the load test`, 'Add --load: alb-fc test --load …');
  }
  const load: LoadOptions = {
    concurrency:
      options.concurrency === undefined
        ? DEFAULT_CONCURRENCY
        : whole('--concurrency', options.concurrency, 1, MAX_CONCURRENCY),
  };
  if (options.requests !== undefined) load.requests = whole('--requests', options.requests, 1, 10_000_000);
  if (options.duration !== undefined) {
    const ms = parseDuration(String(options.duration));
    if (ms === undefined || ms <= 0) {
      throw usageError(
        'INVALID_VALUE',
        `--duration ${JSON.stringify(options.duration)} must be a duration like 30s or 2m`,
      );
    }
    load.durationMs = ms;
  }
  if (load.requests === undefined && load.durationMs === undefined) load.requests = DEFAULT_REQUESTS;
  if (options.targetQps !== undefined) {
    const qps = Number(String(options.targetQps).trim());
    if (!Number.isFinite(qps) || qps <= 0) {
      throw usageError('INVALID_VALUE', `--target-qps ${JSON.stringify(options.targetQps)} must be a positive number`);
    }
    load.targetQps = qps;
  }
  return load;
}
