// Delays between polls and between retries: exponential, with "equal jitter" (half fixed, half random) so
// that concurrent runs do not poll in lockstep. The first delay is under 0.5 s (a fast cloud answers fast),
// and no delay exceeds 5 s (issue 4): ALB's transitions take seconds (its
// load-balancer controller polls a new server group every second: alibaba/alibaba-load-balancer-controller
// pkg/util/constant.go).

export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  capMs: number;
}

export const POLL_BACKOFF: BackoffPolicy = { initialMs: 250, factor: 1.25, capMs: 5_000 };
export const RETRY_BACKOFF: BackoffPolicy = { initialMs: 400, factor: 1.25, capMs: 5_000 };

/** The delay before attempt `attempt + 1` (attempt 0 = after the first try); `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * r));
}
