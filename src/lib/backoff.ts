// Delays between retries, and between the polls of a transition. Both are jittered so that concurrent runs do not
// call in lockstep, and no delay exceeds 5 s (issue 4).
//
// Retries back off exponentially per attempt, with "equal jitter" (half fixed, half random).
//
// Polls follow the time the transition has been running (issue 12): every 250 ms (±20 %) while it is young, so
// that its end is noticed within 0.3 s plus one call — ALB's transitions take seconds (its load-balancer controller
// polls a new server group every second: alibaba/alibaba-load-balancer-controller pkg/util/constant.go) — then the
// delay grows with the time waited beyond that, by a tenth of it, up to 5 s: a transition that takes minutes costs a
// read every 5 s. One wait thus reads at most 5 times a second (less the call's own time), under the 20 calls per
// second ALB allows each of its read APIs per account and region (docs/benchmarks.md, "Polls and API rate limits").

export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  capMs: number;
}

export const RETRY_BACKOFF: BackoffPolicy = { initialMs: 400, factor: 1.25, capMs: 5_000 };

/** The delay before attempt `attempt + 1` (attempt 0 = after the first try); `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  const r = unit(random);
  return Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * r));
}

/** How often a transition is polled: steadily while it is young, then less and less often. */
export interface PollSchedule {
  /** The delay between polls while the transition is young (before a ±20 % jitter). */
  intervalMs: number;
  /** How long the delay stays at `intervalMs`. */
  youngMs: number;
  /** Then the delay grows by this fraction of the time waited beyond `youngMs`… */
  growth: number;
  /** …up to this (jitter included). */
  capMs: number;
}

export const POLL_SCHEDULE: PollSchedule = { intervalMs: 250, youngMs: 10_000, growth: 0.1, capMs: 5_000 };

/** The delay before the next poll of a transition polled for `elapsedMs` so far; `random` returns [0, 1). */
export function pollDelay(elapsedMs: number, schedule: PollSchedule, random: () => number): number {
  const beyond = Math.max(0, elapsedMs - schedule.youngMs);
  const target = schedule.intervalMs + beyond * schedule.growth;
  const jittered = target * (0.8 + 0.4 * unit(random));
  return Math.max(1, Math.round(Math.min(schedule.capMs, jittered)));
}

function unit(random: () => number): number {
  return Math.min(Math.max(random(), 0), 1);
}
