// One command's run: the dependencies, the state session, the report being built, and the step contexts.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { CloudPorts } from '../cloud/ports.js';
import { asAlbFcError, preflightError, type AlbFcError } from '../errors.js';
import type { ResultDocument } from '../result.js';
import type { StackInput } from '../stack-input.js';
import { emptyState } from '../state/schema.js';
import type { LockHandle, StateStore } from '../state/store.js';
import { describeHolder } from '../state/store.js';
import type { StepContext, Upstream } from '../steps/step.js';
import { STEP_TITLES } from '../steps/registry.js';
import type { EventSink, ResourceAction, StepId } from './events.js';
import { guardCloud } from './guarded-cloud.js';
import { summarize, type PlanEntry, type RunReport, type StepReport } from './report.js';
import { POLL_BACKOFF, type BackoffPolicy } from './backoff.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { StateSession } from './state-session.js';
import { waitUntilReady } from './wait.js';

export interface EngineDeps {
  cloud: CloudPorts;
  store: StateStore;
  clock: Clock;
  emit: EventSink;
  /** Ctrl-C / SIGTERM: the run stops between API calls with the state saved (exit 130). */
  signal?: AbortSignal;
  /** [0, 1) source for backoff jitter; injected for deterministic tests. */
  random?: () => number;
  /** Mints the epoch of a new state (part of every ClientToken). */
  newEpoch?: () => string;
  retry?: Partial<RetryPolicy>;
  /**
   * Backoff between readiness polls (default POLL_BACKOFF). Tests against the local cloud, whose transitions
   * end after one read, poll faster so that a run takes milliseconds instead of the real cloud's seconds.
   */
  poll?: Partial<BackoffPolicy>;
  /**
   * Asked once the plan is known and before anything changes, when the plan changes something: resolve
   * false (or throw, e.g. "no --yes in non-interactive mode") to stop with nothing changed.
   */
  approve?: (plan: PlanEntry[]) => Promise<boolean>;
  /** Shown in the run-start event. */
  endpoint?: string;
  local?: boolean;
}

export class Run {
  readonly started: number;
  readonly random: () => number;
  readonly policy: RetryPolicy;
  readonly poll: BackoffPolicy;
  readonly steps = new Map<StepId, StepReport>();
  readonly errors: AlbFcError[] = [];
  readonly resources: ResultDocument['resources'] = {};
  /** Command-specific parts of the report (test result, plan, resource status). */
  report: Partial<Pick<RunReport, 'test' | 'plan' | 'changes' | 'resourceStatus'>> = {};
  /** Overrides the status derived from the steps (used by `status`). */
  statusOverride: RunReport['status'] | undefined;
  session: StateSession | undefined;
  private lock: LockHandle | undefined;
  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(
    readonly command: string,
    readonly stack: string,
    readonly region: string,
    readonly deps: EngineDeps,
    readonly waitTimeoutMs: number,
  ) {
    this.started = deps.clock.now();
    this.random = deps.random ?? Math.random;
    this.policy = { ...DEFAULT_RETRY, budgetMs: Math.min(DEFAULT_RETRY.budgetMs, waitTimeoutMs), ...deps.retry };
    this.poll = { ...POLL_BACKOFF, ...deps.poll };
  }

  emit: EventSink = (event) => this.deps.emit(event);

  /** Loads (and with `lock`, locks) the stack's state; a new state when there is none. */
  async open(options: { lock: boolean }): Promise<StateSession> {
    const { store, clock } = this.deps;
    if (options.lock) {
      this.lock = await store.lock(this.stack, this.command);
      if (this.lock.tookOverFrom) {
        this.emit({
          type: 'warning',
          message: `took over the lock of ${describeHolder(this.lock.tookOverFrom)}, which is no longer running`,
        });
      }
    }
    const loaded = await store.load(this.stack);
    if (loaded?.migratedFrom !== undefined) {
      this.emit({ type: 'info', message: `state migrated from schema version ${loaded.migratedFrom} to 1` });
    }
    const nowIso = new Date(clock.now()).toISOString();
    const state = loaded?.state ?? emptyState(this.stack, this.region, (this.deps.newEpoch ?? randomUUID)(), nowIso);
    if (state.region !== this.region) {
      throw preflightError(
        'STACK_REGION_MISMATCH',
        `stack ${this.stack} was deployed in ${state.region}, not ${this.region}`,
        `Use --region ${state.region}, or another --stack for ${this.region}.`,
      );
    }
    this.session = new StateSession(store, state, clock);
    return this.session;
  }

  hasState(): boolean {
    return this.session !== undefined && !this.session.isEmpty();
  }

  async close(): Promise<void> {
    try {
      await this.session?.flush();
    } catch {
      // A failed save was already reported by the step that made it.
    }
    const lock = this.lock;
    this.lock = undefined;
    try {
      await lock?.release();
    } catch (error) {
      this.emit({ type: 'warning', message: `could not release the state lock: ${asAlbFcError(error).message}` });
    }
  }

  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let promise = this.memos.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = compute();
      this.memos.set(key, promise);
    }
    return promise;
  }

  context(step: StepId, input: StackInput, upstream: Upstream): StepContext {
    const session = this.session;
    if (!session) throw new Error('state not opened');
    const { clock, signal } = this.deps;
    const env = { clock, signal, random: this.random, policy: this.policy, emit: this.emit, step };
    return {
      step,
      input,
      stack: this.stack,
      cloud: guardCloud(this.deps.cloud, env),
      once: guardCloud(this.deps.cloud, { ...env, policy: { ...this.policy, maxAttempts: 1 } }),
      session,
      upstream,
      clock,
      signal,
      random: this.random,
      poll: this.poll,
      emit: this.emit,
      retryEach: (call) =>
        withRetries(
          {
            ...env,
            onRetry: (info) =>
              this.emit({
                type: 'step-retry',
                step,
                cloudCode: info.cloudCode,
                attempt: info.attempt,
                delayMs: info.delayMs,
              }),
          },
          call,
        ),
      wait: (what, probe) =>
        waitUntilReady(env, { step, what, timeoutMs: this.waitTimeoutMs, backoff: this.poll }, probe),
      memo: (key, compute) => this.memo(key, compute),
    };
  }

  stepStarted(step: StepId): number {
    const at = this.deps.clock.now();
    this.emit({ type: 'step-start', step, title: STEP_TITLES[step], at });
    return at;
  }

  stepDone(step: StepId, startedAt: number, action: ResourceAction, summary: string, id?: string): void {
    this.steps.set(step, {
      step,
      title: STEP_TITLES[step],
      outcome: 'done',
      action,
      ...(id ? { id } : {}),
      detail: summary,
    });
    this.emit({ type: 'step-done', step, action, summary, ms: this.deps.clock.now() - startedAt });
  }

  stepFailed(step: StepId, startedAt: number, error: unknown): AlbFcError {
    const failure = asAlbFcError(error, step);
    this.errors.push(failure);
    this.steps.set(step, { step, title: STEP_TITLES[step], outcome: 'failed', error: failure });
    this.emit({ type: 'step-failed', step, error: failure, ms: this.deps.clock.now() - startedAt });
    return failure;
  }

  stepSkipped(step: StepId, reason: string, outcome: 'skipped' | 'blocked' = 'skipped', action?: ResourceAction): void {
    this.steps.set(step, {
      step,
      title: STEP_TITLES[step],
      outcome,
      detail: reason,
      ...(action ? { action } : {}),
    });
    this.emit({ type: 'step-skipped', step, reason, outcome, ...(action ? { action } : {}) });
  }

  fail(error: unknown): void {
    this.errors.push(asAlbFcError(error));
  }

  finish(): RunReport {
    const steps = [...this.steps.values()];
    const summary = summarize(steps, this.errors);
    const { exitCode, error } = summary;
    const status = !error && this.statusOverride ? this.statusOverride : summary.status;
    const end = this.deps.clock.now();
    this.emit({ type: 'run-end', at: end });
    return {
      command: this.command,
      stack: this.stack,
      region: this.region,
      stateFile: this.deps.store.describe(this.stack),
      status,
      exitCode,
      steps,
      resources: this.resources,
      errors: [...this.errors],
      ...(error ? { error } : {}),
      durationMs: end - this.started,
      ...this.report,
    };
  }
}
