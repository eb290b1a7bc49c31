// The report of one run, built as it goes: each step's outcome is emitted as an event (what the user sees now)
// and recorded (what the command ends with). `finish` turns the record into the RunReport.
import { asAlbFcError, type AlbFcError } from '../errors.js';
import type { StackState, StepOutputs } from '../state/schema.js';
import type { TestResult } from '../steps/connectivity-test.js';
import { isChanging, stepTitle, type ResourceAction, type ResourceStepId, type StepRef } from '../steps/vocabulary.js';
import { keyOf, kindOf, type InstanceId } from '../state/instance-ids.js';
import type { EventSink, PlanEntry } from './events.js';
import { SINGLE_ROUTE } from '../routes/route-input.js';
import { FALLBACK_RULE } from '../steps/deploy-graph.js';
import { stackTree, type Acted, type StackTree } from './stack-tree.js';
import {
  summarize,
  type RouteResources,
  type ReportedResources,
  type RunReport,
  type RunStatus,
  type StatusEntry,
  type StepReport,
} from './report.js';

export interface ReportFrame {
  command: string;
  stack: string;
  region: string;
  started: number;
}

/** Each resource step's entry in the document's `resources`. */
const RESOURCE_ROWS: { [K in ResourceStepId]: (o: StepOutputs[K], action: ResourceAction) => ReportedResources } = {
  function: (o, action) => ({ function: { name: o.name, arn: o.arn, action } }),
  serverGroup: (o, action) => ({ serverGroup: { id: o.id, action } }),
  server: (o, action) => ({ server: { serverGroupId: o.serverGroupId, functionArn: o.functionArn, action } }),
  listener: (o, action) => ({ listener: { id: o.id, port: o.port, action } }),
  rule: (o, action) => ({ rule: { id: o.id, priority: o.priority, action } }),
  dnsRecord: (o, action) => ({ dnsRecord: { recordId: o.recordId, domain: o.domain, value: o.value, action } }),
};

export class ReportBuilder {
  private readonly steps = new Map<StepRef, StepReport>();
  private readonly errors: AlbFcError[] = [];
  private readonly resources: ReportedResources = {};
  /** The same, by instance id, with the outputs acted on: the stack's picture (src/runner/stack-tree.ts). */
  private readonly acted = new Map<string, Acted>();
  private plan: PlanEntry[] | undefined;
  private test: TestResult | undefined;
  private resourceStatus: StatusEntry[] | undefined;
  /** Replaces the status derived from the steps when nothing failed (`plan`, `status`, a declined approval). */
  statusOverride: RunStatus | undefined;

  constructor(
    private readonly frame: ReportFrame,
    private readonly emit: EventSink,
    private readonly now: () => number,
  ) {}

  stepStarted(step: StepRef): number {
    const at = this.now();
    this.emit({ type: 'step-start', step, title: stepTitle(step), at });
    return at;
  }

  stepDone(step: StepRef, startedAt: number, action: ResourceAction, summary: string, id?: string): void {
    this.steps.set(step, {
      step,
      title: stepTitle(step),
      outcome: 'done',
      action,
      ...(id ? { id } : {}),
      detail: summary,
    });
    this.emit({ type: 'step-done', step, action, summary, ms: this.now() - startedAt });
  }

  stepFailed(step: StepRef, startedAt: number, error: unknown): AlbFcError {
    const failure = asAlbFcError(error, step);
    this.errors.push(failure);
    this.steps.set(step, { step, title: stepTitle(step), outcome: 'failed', error: failure });
    this.emit({ type: 'step-failed', step, error: failure, ms: this.now() - startedAt });
    return failure;
  }

  stepSkipped(
    step: StepRef,
    reason: string,
    outcome: 'skipped' | 'blocked' = 'skipped',
    action?: ResourceAction,
  ): void {
    this.steps.set(step, {
      step,
      title: stepTitle(step),
      outcome,
      detail: reason,
      ...(action ? { action } : {}),
    });
    this.emit({ type: 'step-skipped', step, reason, outcome, ...(action ? { action } : {}) });
  }

  /** A failure outside any step (the lock, an unreadable state, a refused approval). */
  fail(error: unknown): void {
    this.errors.push(asAlbFcError(error));
  }

  /** The plan the run made (or would make), and how many of its entries change something. */
  setPlan(entries: PlanEntry[]): number {
    this.plan = entries;
    return this.changes();
  }

  changes(): number {
    return this.plan?.filter((entry) => isChanging(entry.action)).length ?? 0;
  }

  setTest(result: TestResult): void {
    this.test = result;
  }

  setResourceStatus(entries: StatusEntry[]): void {
    this.resourceStatus = entries;
  }

  /** What happened to a resource, as the `--json` document's `resources` reports it. */
  resource<K extends ResourceStepId>(id: InstanceId<K>, outputs: StepOutputs[K], action: ResourceAction): void {
    this.acted.set(id, { outputs, action });
    const row = RESOURCE_ROWS[kindOf(id)](outputs, action);
    const key = keyOf(id);
    const resources = this.resources;
    if (key === undefined) {
      Object.assign(resources, row);
    } else if (row.dnsRecord) {
      resources.dnsRecords = { ...resources.dnsRecords, [key]: row.dnsRecord };
    } else if (key === FALLBACK_RULE) {
      if (row.rule) resources.fallbackRule = row.rule;
    } else {
      const [route = key, canary] = key.split('/');
      const home: RouteResources = route === SINGLE_ROUTE ? resources : ((resources.routes ??= {})[route] ??= {});
      Object.assign(canary ? (home.canary ??= {}) : home, row);
    }
  }

  /**
   * The report, at `end`; `stateFile` says where the stack's state lives. With the `state` the run ended with,
   * the report draws the stack (`tree`) — except for `plan`, whose resources are still to be made.
   */
  finish(end: number, stateFile: string, state?: StackState): RunReport {
    const steps = [...this.steps.values()];
    const tree = state && this.frame.command !== 'plan' ? this.tree(state, steps) : undefined;
    const summary = summarize(steps, this.errors);
    const { exitCode, error } = summary;
    const status = !error && this.statusOverride ? this.statusOverride : summary.status;
    return {
      command: this.frame.command,
      stack: this.frame.stack,
      region: this.frame.region,
      stateFile,
      status,
      exitCode,
      steps,
      resources: this.resources,
      errors: [...this.errors],
      ...(error ? { error } : {}),
      durationMs: end - this.frame.started,
      ...(this.test ? { test: this.test } : {}),
      ...(this.plan ? { plan: this.plan, changes: this.changes() } : {}),
      ...(this.resourceStatus ? { resourceStatus: this.resourceStatus } : {}),
      ...(tree ? { tree } : {}),
    };
  }

  /** The stack's picture, when there is anything to draw: what the state records and what the run acted on. */
  private tree(state: StackState, steps: StepReport[]): StackTree | undefined {
    const recorded = state.lookup !== undefined || Object.values(state.steps).some((record) => record !== undefined);
    if (!recorded && this.acted.size === 0) return undefined;
    return stackTree({
      records: state.steps,
      ...(state.lookup ? { lookup: state.lookup.outputs } : {}),
      acted: this.acted,
      steps,
      ...(this.resourceStatus ? { live: this.resourceStatus } : {}),
    });
  }
}
