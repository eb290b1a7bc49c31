// Why a load test was (or was not) throttled, and what to change, with numbers — the seed FAQ's answer to "why is
// QPS low with Function Compute behind ALB": requests one instance serves at once (instance concurrency) times the
// instances the function may use (its reserved concurrency, within the account's instance limit) bound how many
// requests are served at once; by Little's law the instances a target QPS needs are
//   ceil(target QPS × latency in seconds / instance concurrency).
// Sources of the levers: src/steps/capacity-rules.ts; the account's default of 100 instances per region: FC 3.0
// "Specify the maximum number of instances"
// (https://help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/overview-of-configuring-the-maximum-number-of-on-demand-instances).

/** What is known of the function's capacity when the test ends (read live; absent when it could not be). */
export interface CapacityFacts {
  functionName?: string;
  runtime?: string;
  reservedConcurrency?: number;
  /** 1 when the function reports none. */
  instanceConcurrency: number;
  provisionedInstances?: number;
}

export interface LoadFigures {
  requests: number;
  ok: number;
  throttled: number;
  /** Requests in flight at once (the test's concurrency). */
  concurrency: number;
  /** Mean latency of the successful requests, ms. */
  meanLatencyMs: number | undefined;
  /** Median and slowest of the successful requests, ms. */
  p50Ms?: number | undefined;
  maxMs?: number | undefined;
  /** Successful requests per second. */
  qps: number;
  /** What FC said when it throttled (its error message), if the answers carried one. */
  throttleMessage?: string;
}

export const DEFAULT_ACCOUNT_INSTANCE_LIMIT = 100;

export interface Advice {
  /** The limit that refused requests, when some were throttled. */
  limit?: 'reserved concurrency' | 'account instance limit';
  /** The QPS the advice aims at: the one asked for, else what the test offered. */
  targetQps?: number;
  /** Instances that QPS needs at the measured latency. */
  instancesNeeded?: number;
  lines: string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Instances needed for `qps` at `latencyMs` each, `perInstance` requests at once per instance (Little's law). */
export function instancesFor(qps: number, latencyMs: number, perInstance: number): number {
  return Math.max(1, Math.ceil((qps * latencyMs) / 1000 / Math.max(1, perInstance) - 1e-9));
}

export function adviseOnLoad(figures: LoadFigures, facts: CapacityFacts | undefined, targetQps?: number): Advice {
  const ic = facts?.instanceConcurrency ?? 1;
  const latency = figures.meanLatencyMs;
  // Without a target, the load the test offered: its concurrency, each request taking the measured latency.
  const target = targetQps ?? (latency ? Math.round(((figures.concurrency * 1000) / latency) * 10) / 10 : undefined);
  // The offered load is `concurrency` requests at once whatever their latency: exactly that many slots, not a
  // figure rounded through the QPS.
  const needed =
    target === undefined || !latency
      ? undefined
      : targetQps === undefined
        ? Math.ceil(figures.concurrency / ic)
        : instancesFor(target, latency, ic);
  const reserved = facts?.reservedConcurrency;
  const numbers =
    target !== undefined && needed !== undefined && latency
      ? `${target} QPS × ${(latency / 1000).toFixed(3)} s per request ≈ ${((target * latency) / 1000).toFixed(1)} requests at once, ` +
        `÷ ${ic} per instance → ${plural(needed, 'instance')} needed` +
        (targetQps === undefined ? ` for the load this test offered (${figures.concurrency} requests at once)` : '')
      : undefined;

  // Requests far slower than the median on a fresh function are new instances starting (FC's cold starts).
  const coldStarts =
    figures.p50Ms !== undefined && figures.maxMs !== undefined && figures.maxMs > 2 * figures.p50Ms
      ? `The slowest requests (up to ${Math.round(figures.maxMs)} ms, against ${Math.round(figures.p50Ms)} ms for half of them) are likely cold starts of new instances: --provisioned-instances N keeps N started.`
      : undefined;

  if (figures.throttled === 0) {
    const room =
      reserved !== undefined
        ? `within the function's reserved concurrency of ${plural(reserved, 'instance')} × ${ic} request${ic === 1 ? '' : 's'} each`
        : `within the account's instance limit (${DEFAULT_ACCOUNT_INSTANCE_LIMIT} per region by default)`;
    const lines = [`No request was throttled: ${figures.concurrency} requests at once fit ${room}.`];
    if (numbers) lines.push(`${numbers}.`);
    if (coldStarts) lines.push(coldStarts);
    return {
      ...(target !== undefined ? { targetQps: target } : {}),
      ...(needed ? { instancesNeeded: needed } : {}),
      lines,
    };
  }

  const share = Math.round((figures.throttled / Math.max(1, figures.requests)) * 100);
  const lines = [
    `${figures.throttled} of ${figures.requests} requests (${share}%) were throttled (HTTP 429): Function Compute refused them at a concurrency limit, so only ${figures.qps} requests/s were served.`,
  ];
  const byReserved = reserved !== undefined && figures.concurrency > reserved * ic;
  const limit: Advice['limit'] = byReserved ? 'reserved concurrency' : 'account instance limit';
  lines.push(
    byReserved
      ? `The limit hit: the function's reserved concurrency, ${plural(reserved, 'instance')} × ${ic} request${ic === 1 ? '' : 's'} each = ${reserved * ic} at once, against ${figures.concurrency} sent at once.`
      : `The limit hit: the account's instances in the region (${DEFAULT_ACCOUNT_INSTANCE_LIMIT} by default on FC 3.0, shared by every function, provisioned ones included).`,
  );
  if (figures.throttleMessage) lines.push(`Function Compute said: ${figures.throttleMessage}`);
  if (numbers) lines.push(`${numbers}.`);
  const levers: string[] = [];
  if (needed !== undefined) {
    if (reserved !== undefined && reserved < needed) levers.push(`--reserved-concurrency ${needed} (now ${reserved})`);
    if (reserved === undefined) levers.push(`--reserved-concurrency ${needed} to reserve them for this function`);
    const custom = facts?.runtime?.startsWith('custom') ?? false;
    levers.push(
      custom
        ? `--instance-concurrency 10 to serve 10 requests per instance (${instancesFor(target ?? 0, latency ?? 0, 10)} instances then)`
        : `instance concurrency above 1 needs a custom runtime (FC 3.0 built-in runtimes serve one request per instance)`,
    );
    levers.push(
      `--provisioned-instances N keeps N of them started, without cold starts (within the reserved concurrency)`,
    );
    if (needed > DEFAULT_ACCOUNT_INSTANCE_LIMIT * 0.9) {
      levers.push(
        `ask Quota Center for more instances: a function may reserve at most 90% of the account's ${DEFAULT_ACCOUNT_INSTANCE_LIMIT} per region`,
      );
    } else if (!byReserved) {
      levers.push(
        `ask Quota Center for more instances per region if other functions use the account's ${DEFAULT_ACCOUNT_INSTANCE_LIMIT}`,
      );
    }
  }
  if (levers.length > 0) lines.push(`To serve it: ${levers.join('; ')}.`);
  if (coldStarts) lines.push(coldStarts);
  return {
    limit,
    ...(target !== undefined ? { targetQps: target } : {}),
    ...(needed ? { instancesNeeded: needed } : {}),
    lines,
  };
}
