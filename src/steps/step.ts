// The shape of a step (docs/architecture.md, "A step"): read-only `plan` whose decision is a pure function,
// idempotent `apply`, polled `verify`, and `remove` for teardown. The runner owns ordering, waits and state
// saving around them; steps talk to the cloud only through the (guarded) ports in their context. Everything a
// step needs from the runner is declared here, on the steps' side, and the runner provides it.
import type { Clock } from '../clock.js';
import type { CloudPorts } from '../cloud/ports.js';
import type { PollSchedule } from '../lib/backoff.js';
import type {
  DnsRecordOutputs,
  FunctionOutputs,
  ListenerOutputs,
  LookupOutputs,
  RuleOutputs,
  ServerGroupOutputs,
  ServerOutputs,
  StepOutputs,
  StepRecord,
} from '../state/schema.js';
import type { StackInput } from '../stack-input.js';
import type { StepInput } from './step-input.js';
import type { StepSession } from './step-session.js';
import type { LiveState, ResourceAction, ResourceStepId, StepAction, StepRef } from './vocabulary.js';

/** Outputs of the steps a step needs; a missing entry means "not known yet" (it will be created). */
export interface Upstream {
  lookup?: LookupOutputs;
  function?: FunctionOutputs;
  serverGroup?: ServerGroupOutputs;
  server?: ServerOutputs;
  listener?: ListenerOutputs;
  rule?: RuleOutputs;
  dnsRecord?: DnsRecordOutputs;
  /** Every server group known so far, by instance id: a rule forwards to its route's and its canary's. */
  serverGroups?: Readonly<Record<string, ServerGroupOutputs>>;
}

/** What a step says while it works; its outcome is the runner's to report. */
export type StepNotice =
  | { type: 'warning'; message: string; step?: StepRef }
  /** A poll observed a status while waiting; `elapsedMs` since the wait began, `deadlineMs` its budget. */
  | { type: 'step-wait'; step: StepRef; status: string; elapsedMs: number; deadlineMs: number }
  /** `test --load` went on: `done` answers of `total` (or `elapsedMs` of `durationMs`), how they ended so far. */
  | {
      type: 'load-progress';
      step: 'test';
      done: number;
      total?: number;
      elapsedMs: number;
      durationMs?: number;
      ok: number;
      throttled: number;
      errors: number;
    };

/** One readiness check's answer, polled by the runner until ready, failed, gone for good, or the deadline. */
export type Readiness =
  | { kind: 'ready'; status: string }
  | { kind: 'pending'; status: string }
  /** Not found: right after a create the cloud may not list it yet (eventual consistency), so a few are tolerated. */
  | { kind: 'gone' }
  | { kind: 'failed'; status: string; message: string; code?: string };

/** What every step method gets: the stack, the guarded ports, the state, and the run's waits. */
export interface StepContext {
  /** The step instance: its kind, and the route's or host's key (`function:users`). */
  readonly step: StepRef;
  readonly stack: string;
  /** Ports with abort checks, retries and api-call events. */
  readonly cloud: CloudPorts;
  /** Ports with abort checks and events but no retries, for calls that need a fresh token per attempt. */
  readonly once: CloudPorts;
  readonly session: StepSession;
  readonly upstream: Upstream;
  readonly clock: Clock;
  readonly signal: AbortSignal | undefined;
  readonly random: () => number;
  /** Delays between polls (waits and the connectivity test's retries). */
  readonly poll: PollSchedule;
  readonly emit: (notice: StepNotice) => void;
  /** `call(attempt)` retried on transient errors, for deletes whose ClientToken changes per attempt. */
  retryEach<T>(call: (attempt: number) => Promise<T>): Promise<T>;
  /** Polls `probe` until ready (deadline: --wait-timeout). Resolves with the final status. */
  wait(what: string, probe: () => Promise<Readiness>): Promise<string>;
  /** Run-wide memo (e.g. the zipped code, computed once for plan and apply). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Runs `task` after every earlier task of the run with the same key has settled (one at a time per key). */
  serialize<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * What the steps of a deploy get besides: the stack's input (what the user wants). Teardown and status work from
 * what the state recorded alone, so `verify`, `remove`, `locate` and `inspect` never see an input.
 */
export interface DeployContext extends StepContext {
  readonly input: StepInput;
}

/** The lookup sees the whole stack's input: it checks the ALB, and a DNS zone for every host of every route. */
export interface LookupContext extends StepContext {
  readonly input: StackInput;
}

/** A step's decision: pure, unit-tested, with the reasons a user reads in `plan`. */
export interface Decision {
  action: StepAction;
  reasons: string[];
  /** For `conflict`: what the user can do. */
  hint?: string;
}

export interface StepPlan<O> extends Decision {
  step: ResourceStepId;
  /** One line for the plan list, e.g. `sgp-123 (Fc)` or `new listener HTTP:80`. */
  detail: string;
  /** The outputs the resource has (or will keep) when it already exists; undefined when it will be created. */
  known?: O;
  /** The found resource was already ready when planned, so there is nothing to wait for. */
  ready?: boolean;
}

export interface ApplyOutcome<O> {
  action: ResourceAction;
  outputs: O;
}

export interface Inspection {
  state: LiveState;
  /** The resource's live status (e.g. `Running`), when present. */
  status?: string;
  details: string[];
}

/** A step that owns one cloud resource. Its title and needs are in src/steps/vocabulary.ts. */
export interface ResourceStep<K extends ResourceStepId, P extends StepPlan<StepOutputs[K]>> {
  readonly id: K;
  plan(ctx: DeployContext): Promise<P>;
  apply(ctx: DeployContext, plan: P): Promise<ApplyOutcome<StepOutputs[K]>>;
  /** One read-only readiness check, polled by the runner. */
  verify(ctx: StepContext, outputs: StepOutputs[K]): Promise<Readiness>;
  /** Deletes the resource and waits until it is gone; `absent` when it already was. */
  remove(ctx: StepContext, outputs: StepOutputs[K]): Promise<'deleted' | 'absent'>;
  /** Finds the resource of a record whose create was interrupted before its outputs were saved. */
  locate(ctx: StepContext, record: StepRecord<StepOutputs[K]>): Promise<StepOutputs[K] | undefined>;
  /** Present / missing / drifted against what the state recorded. */
  inspect(ctx: StepContext, outputs: StepOutputs[K]): Promise<Inspection>;
  /** The resource id shown in events. */
  resourceId(outputs: StepOutputs[K]): string;
  describe(outputs: StepOutputs[K]): string;
}
