// Which cloud errors are worth another try, and the retry loop itself. The transient list follows what the clients that
// drive these APIs in production retry (the retry lists of aliyun/terraform-provider-alicloud,
// alicloud/resource_alicloud_alb_*.go and errors.go) and the error codes of ALB and FC; everything else fails fast
// with the cloud's code and RequestId (exit 3). Error codes:
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-errorcodes
// https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes
import type { Clock } from '../clock.js';
import { isCloudError } from '../cloud/errors.js';
import { isAlbFcError } from '../errors.js';
import { backoffDelay, RETRY_BACKOFF, type BackoffPolicy } from '../lib/backoff.js';
import { sleep, throwIfAborted } from '../lib/sleep.js';

const TRANSIENT_CODES = new Set([
  'SystemBusy',
  'IdempotenceProcessing', // same ClientToken while the first request is still running
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'NetworkError',
  'Timeout',
  'OperationFailed.ResourceGroupStatusCheckFail', // Terraform retries it on CreateServerGroup
  'ResourceInUse.ServerGroup', // DeleteServerGroup while the listener deletion settles
  'LastOperationNotFinished', // Alidns, several record operations at once (Terraform PR #3813)
  'ConcurrentUpdateError', // FC 409 while another update of the same function runs
  'ResourceThrottled',
  // Undocumented numeric codes Terraform retries on listener create/update/delete (resource_alicloud_alb_listener.go).
  '-21020',
  '-22001',
  '-22031',
]);
const TRANSIENT_PREFIXES = ['IncorrectStatus.', 'ResourceInConfiguring'];
/**
 * Socket errors worth another try. A name that does not resolve (ENOTFOUND, EAI_AGAIN; `DnsLookupFailed` once
 * wrapped) is not among them: a wrong region, endpoint or proxy does not heal in seconds, and retrying it only hid
 * the cause behind seven attempts (issue 8).
 */
const TRANSPORT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE']);

export type RetryDecision = { retry: false } | { retry: true; minDelayMs: number };

/**
 * Not retried on purpose: `IncorrectBusinessStatus.LoadBalancer` (the ALB is locked for billing or security
 * reasons, `LoadBalancerOperationLocks` of `@alicloud/alb20200616 GetLoadBalancerAttributeResponseBody`, which does
 * not clear in minutes) and every `OperationDenied.*`, `QuotaExceeded.*`, `Forbidden.*`.
 */
export function classifyError(error: unknown): RetryDecision {
  if (isCloudError(error)) {
    const code = error.cloudCode ?? '';
    const transient =
      TRANSIENT_CODES.has(code) ||
      TRANSPORT_CODES.has(code) ||
      TRANSIENT_PREFIXES.some((prefix) => code.startsWith(prefix)) ||
      code.includes('Throttling') ||
      (error.httpStatus !== undefined && error.httpStatus >= 500);
    if (!transient) return { retry: false };
    return { retry: true, minDelayMs: Math.max(0, (error.retryAfterSeconds ?? 0) * 1000) };
  }
  if (isAlbFcError(error)) return { retry: false };
  // A transport failure that an adapter did not wrap (it should): retry the usual socket errors only.
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && TRANSPORT_CODES.has(code)) return { retry: true, minDelayMs: 0 };
  return { retry: false };
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Total time the retries of one call may take. */
  budgetMs: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, budgetMs: 120_000, backoff: RETRY_BACKOFF };

export interface RetryEnv {
  clock: Clock;
  signal: AbortSignal | undefined;
  random: () => number;
  policy: RetryPolicy;
  onRetry?: (info: { error: unknown; cloudCode: string; attempt: number; delayMs: number }) => void;
  step?: string;
}

/** Runs `call(attempt)` until it succeeds, fails for good, or the budget is spent (then the last error). */
export async function withRetries<T>(env: RetryEnv, call: (attempt: number) => Promise<T>): Promise<T> {
  const started = env.clock.now();
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(env.signal, env.step);
    try {
      return await call(attempt);
    } catch (error) {
      const decision = classifyError(error);
      if (!decision.retry || attempt + 1 >= env.policy.maxAttempts) throw error;
      const delayMs = Math.max(decision.minDelayMs, backoffDelay(attempt, env.policy.backoff, env.random));
      if (env.clock.now() - started + delayMs > env.policy.budgetMs) throw error;
      env.onRetry?.({
        error,
        cloudCode: isCloudError(error) ? (error.cloudCode ?? 'unknown') : String((error as { code?: unknown }).code),
        attempt: attempt + 1,
        delayMs,
      });
      await sleep(env, delayMs);
    }
  }
}
