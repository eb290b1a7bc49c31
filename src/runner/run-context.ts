// One command's run: what the engine was given, the stack's state (opened, locked, closed), the report being
// built, and the contexts its steps run in.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { CloudPorts } from '../cloud/ports.js';
import { asAlbFcError, preflightError } from '../errors.js';
import { POLL_SCHEDULE, type PollSchedule } from '../lib/backoff.js';
import type { StackInput } from '../stack-input.js';
import { emptyState, STATE_SCHEMA_VERSION, type StackState } from '../state/schema.js';
import { describeHolder, type LockHandle, type StateStore } from '../state/store.js';
import type { DeployContext, LookupContext, StepContext, Upstream } from '../steps/step.js';
import type { StepInput } from '../steps/step-input.js';
import type { StepRef } from '../steps/vocabulary.js';
import type { EventSink, PlanEntry } from './events.js';
import { guardCloud } from './guarded-cloud.js';
import { ReportBuilder } from './report-builder.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { scopedSession, StateSession } from './state-session.js';
import { waitUntilReady } from './wait.js';

/** What the engine is given by its caller (the CLI, or a test): the cloud, the state store, the clock, … */
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
   * How often transitions are polled (default POLL_SCHEDULE). Tests against the local cloud, whose transitions
   * end after one read, poll faster so that a run takes milliseconds instead of the real cloud's seconds.
   */
  poll?: Partial<PollSchedule>;
  /**
   * Asked once the plan is known and before anything changes, when the plan changes something: resolve
   * false (or throw, e.g. "no --yes in non-interactive mode") to stop with nothing changed.
   */
  approve?: (plan: PlanEntry[]) => Promise<boolean>;
  /** Shown in the run-start event. */
  endpoint?: string;
  local?: boolean;
}

export class RunContext {
  readonly started: number;
  readonly report: ReportBuilder;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly poll: PollSchedule;
  private opened: StateSession | undefined;
  private lock: LockHandle | undefined;
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly command: string,
    readonly stack: string,
    readonly region: string,
    readonly deps: EngineDeps,
    private readonly waitTimeoutMs: number,
  ) {
    this.started = deps.clock.now();
    this.random = deps.random ?? Math.random;
    this.policy = { ...DEFAULT_RETRY, budgetMs: Math.min(DEFAULT_RETRY.budgetMs, waitTimeoutMs), ...deps.retry };
    this.poll = { ...POLL_SCHEDULE, ...deps.poll };
    this.report = new ReportBuilder({ command, stack, region, started: this.started }, this.emit, () =>
      deps.clock.now(),
    );
  }

  emit: EventSink = (event) => this.deps.emit(event);

  /** The state session; only after `open`. */
  get session(): StateSession {
    if (!this.opened) throw new Error('the state was not opened');
    return this.opened;
  }

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
      this.emit({
        type: 'info',
        message: `state migrated from schema version ${loaded.migratedFrom} to ${STATE_SCHEMA_VERSION}`,
      });
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
    this.opened = new StateSession(store, state, clock);
    return this.opened;
  }

  /** The stack's state as it is now, when it was opened. */
  openedState(): StackState | undefined {
    return this.opened?.state;
  }

  /** The state records something (a fresh state, or none opened, does not). */
  hasState(): boolean {
    return this.opened !== undefined && !this.opened.isEmpty();
  }

  /** Waits for the last saves and releases the lock, whatever happened. */
  async close(): Promise<void> {
    try {
      await this.opened?.flush();
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

  private memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let promise = this.memos.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = compute();
      this.memos.set(key, promise);
    }
    return promise;
  }

  private serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(task, task);
    this.queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }

  /** What a step method runs with: guarded ports, the state, the run's waits. */
  stepContext(step: StepRef, upstream: Upstream = {}): StepContext {
    const session = this.session;
    const { clock, signal } = this.deps;
    const env = { clock, signal, random: this.random, policy: this.policy, emit: this.emit, step };
    return {
      step,
      stack: this.stack,
      // Each step reads and writes the records of its own route or host (src/runner/state-session.ts).
      session: scopedSession(session, step as never),
      cloud: guardCloud(this.deps.cloud, env),
      once: guardCloud(this.deps.cloud, { ...env, policy: { ...this.policy, maxAttempts: 1 } }),
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
        waitUntilReady(env, { step, what, timeoutMs: this.waitTimeoutMs, schedule: this.poll }, probe),
      memo: (key, compute) => this.memo(key, compute),
      serialize: (key, task) => this.serialize(key, task),
    };
  }

  /** A step context with the step's view of the input, for the steps of a deploy (plan, apply, test). */
  deployContext(step: StepRef, input: StepInput, upstream: Upstream = {}): DeployContext {
    return { ...this.stepContext(step, upstream), input };
  }

  /** The lookup's context: the whole stack's input (every host needs its zone). */
  lookupContext(input: StackInput): LookupContext {
    return { ...this.stepContext('lookup'), input };
  }
}
