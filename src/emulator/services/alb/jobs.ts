import { uuid } from '../../core/ids.js';
import { transitionDelay, type LatencyProfile } from '../../core/latency.js';
import type { JobRecord, ResourceType, ScopeState } from './state.js';

// Asynchronous ALB calls answer a JobId at once and do their work later (the `JobId` of their
// `@alicloud/alb20200616` *ResponseBody); ListAsynJobs shows each job Processing, then Succeeded or Failed,
// with ms-integer times (ListAsynJobsResponseBody).
// Time is modelled lazily from the injected clock — no timers — so a restarted local cloud continues
// where it stopped and tests can drive a manual clock. A transition of zero length (`--latency none`)
// still waits for one read to see its in-between state (docs/emulator.md, "Latency").

/** Finished jobs kept per scope; older ones are forgotten (assumption: the real service's history is bounded). */
const FINISHED_JOBS_KEPT = 2000;

export interface JobSpec {
  apiName: string;
  operateType: JobRecord['OperateType'];
  resourceType: ResourceType;
  resourceId: string;
  /** A TRANSITIONS name: the job lasts `transitionDelay(latency, transition)`. */
  transition: string;
  /** Resources whose reads reveal the in-between state (defaults to the resource itself). */
  subjects?: string[];
  targets?: string[];
  rollback?: unknown;
}

interface FailureRule {
  apiName?: string;
  remaining: number;
  code: string;
  message: string;
}

/**
 * Jobs told to fail (admin route `POST /_emulator/alb/job-failures`), so clients can exercise a job that
 * ends `Failed` (ListAsynJobsResponseBody documents the status and its ErrorCode/ErrorMessage, never what
 * triggers it).
 */
export class JobFailures {
  private rules: FailureRule[] = [];

  add(rule: FailureRule): FailureRule {
    this.rules.push(rule);
    return rule;
  }

  take(apiName: string): { code: string; message: string } | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.apiName === undefined || r.apiName === apiName));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { code: rule.code, message: rule.message };
  }

  list(): FailureRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }
}

export function startJob(
  scope: ScopeState,
  now: number,
  latency: LatencyProfile,
  failures: JobFailures,
  spec: JobSpec,
): JobRecord {
  const durationMs = Math.max(0, transitionDelay(latency, spec.transition));
  const failWith = failures.take(spec.apiName);
  const job: JobRecord = {
    Id: uuid(),
    ApiName: spec.apiName,
    OperateType: spec.operateType,
    ResourceType: spec.resourceType,
    ResourceId: spec.resourceId,
    CreateTime: now,
    ModifyTime: now,
    Status: 'Processing',
    endsAt: now + durationMs,
    durationMs,
    observed: false,
    subjects: spec.subjects ?? [spec.resourceId],
    ...(spec.targets ? { targets: spec.targets } : {}),
    ...(spec.rollback !== undefined ? { rollback: spec.rollback } : {}),
    ...(failWith ? { failWith } : {}),
  };
  scope.jobs.push(job);
  prune(scope);
  return job;
}

/** A read showed these resources in an in-between state: their zero-length jobs may now finish. */
export function observe(scope: ScopeState, subjectIds: Iterable<string>, now: number): void {
  const ids = new Set(subjectIds);
  if (ids.size === 0) return;
  for (const job of scope.jobs) {
    if (job.Status !== 'Processing' || job.observed) continue;
    if (job.subjects.some((id) => ids.has(id))) markObserved(job, now);
  }
}

export function markObserved(job: JobRecord, now: number): void {
  if (job.observed) return;
  job.observed = true;
  job.observedAt = now;
}

/** Whether a Processing job's transition is over: its time has elapsed and, if instant, a read saw it. */
export function isDue(job: JobRecord, now: number): boolean {
  return job.Status === 'Processing' && now >= job.endsAt && (job.durationMs > 0 || job.observed);
}

/** When the job finished: the end of its duration, or (instant jobs) the read that saw it. */
export function finishTime(job: JobRecord): number {
  return job.durationMs > 0 ? job.endsAt : Math.max(job.CreateTime, job.observedAt ?? job.CreateTime);
}

function prune(scope: ScopeState): void {
  const finished = scope.jobs.filter((job) => job.Status !== 'Processing');
  if (finished.length <= FINISHED_JOBS_KEPT) return;
  const drop = new Set(finished.slice(0, finished.length - FINISHED_JOBS_KEPT).map((job) => job.Id));
  scope.jobs = scope.jobs.filter((job) => !drop.has(job.Id));
}

/** The wire shape of a job (ListAsynJobs `Jobs[]`, SDK ListAsynJobsResponseBodyJobs). */
export function jobShape(job: JobRecord): Record<string, unknown> {
  return {
    Id: job.Id,
    ApiName: job.ApiName,
    OperateType: job.OperateType,
    ResourceType: job.ResourceType,
    ResourceId: job.ResourceId,
    Status: job.Status,
    CreateTime: job.CreateTime,
    ModifyTime: job.ModifyTime,
    ...(job.Status === 'Failed' ? { ErrorCode: job.ErrorCode ?? '', ErrorMessage: job.ErrorMessage ?? '' } : {}),
  };
}
