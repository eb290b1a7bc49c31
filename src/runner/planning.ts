// The read-only phases of a deploy, shared by `deploy`, `plan` and the one-step subcommands: the lookup
// (preflight), then a plan of every resource step in the DAG, its conflicts and its rows.
import { AlbFcError, ExitCode } from '../errors.js';
import { walkDag, type DagNode } from '../lib/dag.js';
import type { StackInput } from '../stack-input.js';
import type { LookupOutputs, StepOutputs } from '../state/schema.js';
import { lookup } from '../steps/lookup.js';
import { stepOf, type PlanOf } from '../steps/registry.js';
import type { Decision, Upstream } from '../steps/step.js';
import { RESOURCE_STEPS, STEP_NEEDS, STEP_TITLES, type ResourceStepId, type StepId } from '../steps/vocabulary.js';
import type { PlanEntry } from './events.js';
import type { RunContext } from './run-context.js';

/** The outputs known so far in a run, per resource step. */
export type KnownOutputs = { [K in ResourceStepId]?: StepOutputs[K] };

export interface PlannedStep<K extends ResourceStepId> {
  plan: PlanOf<K>;
  /** The upstream outputs the plan was made with; the plan is reused when they are unchanged. */
  key: string;
}

/** The plans of a run, per resource step. */
export type Plans = { [K in ResourceStepId]?: PlannedStep<K> };

/** `plans[id] = planned`, typed per step (TypeScript checks such a write only through a generic key). */
export function setPlanned<K extends ResourceStepId>(
  plans: { [P in K]?: PlannedStep<P> },
  id: K,
  planned: PlannedStep<K>,
): void {
  plans[id] = planned;
}

/** The resource steps as a DAG (the lookup has run before the walk). */
export const RESOURCE_NODES: readonly DagNode<ResourceStepId>[] = RESOURCE_STEPS.map((id) => ({
  id,
  needs: STEP_NEEDS[id].filter((need): need is ResourceStepId => need !== 'lookup' && need !== 'test'),
}));

function copyKnown<K extends ResourceStepId>(upstream: Upstream, known: KnownOutputs, need: K): void {
  const value: Upstream[K] = known[need];
  if (value) upstream[need] = value;
}

/** What step `id` reads from the others: the lookup, and the outputs of its needs known so far. */
export function upstreamFor(id: StepId, lookupOut: LookupOutputs | undefined, known: KnownOutputs): Upstream {
  const upstream: Upstream = {};
  if (lookupOut) upstream.lookup = lookupOut;
  for (const need of STEP_NEEDS[id]) {
    if (need !== 'lookup' && need !== 'test') copyKnown(upstream, known, need);
  }
  return upstream;
}

export function upstreamKey(upstream: Upstream): string {
  return JSON.stringify(upstream);
}

export async function lookupPhase(
  run: RunContext,
  input: StackInput,
  options: { wait: boolean },
): Promise<LookupOutputs | undefined> {
  const startedAt = run.report.stepStarted('lookup');
  try {
    const out = await lookup(run.deployContext('lookup', input), options);
    const zone = out.zone ? `; zone ${out.zone}` : '';
    run.report.stepDone(
      'lookup',
      startedAt,
      'unchanged',
      `${out.loadBalancerId} → ${out.dnsName}${zone}`,
      out.loadBalancerId,
    );
    return out;
  } catch (error) {
    run.report.stepFailed('lookup', startedAt, error);
    return undefined;
  }
}

function planEntry(id: ResourceStepId, plan: Decision & { detail: string }): PlanEntry {
  return {
    step: id,
    title: STEP_TITLES[id],
    action: plan.action,
    detail: plan.detail,
    reasons: plan.reasons,
    ...(plan.hint ? { hint: plan.hint } : {}),
  };
}

/** Plans one resource step read-only, with the upstream outputs known so far (announced as a `plan` event). */
export async function planStep<K extends ResourceStepId>(
  run: RunContext,
  input: StackInput,
  id: K,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
): Promise<PlannedStep<K>> {
  const upstream = upstreamFor(id, lookupOut, known);
  const plan = await stepOf(id).plan(run.deployContext(id, input, upstream));
  run.emit({ type: 'plan', ...planEntry(id, plan) });
  return { plan, key: upstreamKey(upstream) };
}

function recordPlan<K extends ResourceStepId>(plans: Plans, known: KnownOutputs, id: K, planned: PlannedStep<K>): void {
  setPlanned(plans, id, planned);
  const outputs: KnownOutputs[K] = planned.plan.known;
  if (outputs) known[id] = outputs;
}

/** Plans every resource step read-only; dependents of a step to be created plan with that output unknown. */
export async function planPhase(
  run: RunContext,
  input: StackInput,
  lookupOut: LookupOutputs,
): Promise<Plans | undefined> {
  const plans: Plans = {};
  const known: KnownOutputs = {};
  let failed = false;
  await walkDag<undefined, ResourceStepId>(
    RESOURCE_NODES,
    async (id) => {
      try {
        recordPlan(plans, known, id, await planStep(run, input, id, lookupOut, known));
        return { ok: true, value: undefined };
      } catch (error) {
        failed = true;
        run.report.stepFailed(id, run.deps.clock.now(), error);
        return { ok: false };
      }
    },
    (id, needs) => run.report.stepSkipped(id, `not planned: ${needs.join(', ')} could not be planned`, 'blocked'),
  );
  return failed ? undefined : plans;
}

export function conflictError(
  step: ResourceStepId,
  plan: Decision,
  exitCode: ExitCode = ExitCode.preflight,
): AlbFcError {
  return new AlbFcError({
    code: 'CONFLICT',
    message: `${STEP_TITLES[step]}: ${plan.reasons.join('; ')}`,
    exitCode,
    hint: plan.hint ?? 'Resolve the conflict, then run again.',
    step,
  });
}

/** Preflight: every conflict of the plan is reported at once, and nothing is changed (exit 4). */
export function reportConflicts(run: RunContext, plans: Plans): boolean {
  let any = false;
  for (const id of RESOURCE_STEPS) {
    const plan = plans[id]?.plan;
    if (plan?.action !== 'conflict') continue;
    any = true;
    run.report.stepFailed(id, run.deps.clock.now(), conflictError(id, plan));
  }
  return any;
}

/** The plan's rows in the procedure's order, with the deletes still owed for what earlier updates replaced. */
export function planEntries(run: RunContext, plans: Plans): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const id of RESOURCE_STEPS) {
    const plan = plans[id]?.plan;
    if (plan) entries.push(planEntry(id, plan));
    entries.push(...retiredEntries(run, id));
  }
  return entries;
}

/** Resources an interrupted update replaced and that are still to be deleted. */
function retiredEntries<K extends ResourceStepId>(run: RunContext, id: K): PlanEntry[] {
  const step = stepOf(id);
  return (run.session.record(id)?.retired ?? []).map((retired) => ({
    step: id,
    title: STEP_TITLES[id],
    action: 'delete',
    detail: step.describe(retired),
    reasons: ['replaced by an earlier update; deleted once the replacement is ready'],
  }));
}

/**
 * Without a state, the plan finds the stack's resources by their alb-fc tags (names, and the DNS remark) and
 * adopts them, and says so: only when it found something, naming what. On a first deploy there is nothing to
 * find and nothing to say.
 */
export function announceAdoptions(run: RunContext, plans: Plans, hadState: boolean, verb: string): void {
  if (hadState) return;
  // --function-arn is adopted by the user's choice, not found by tags.
  const givenFunction = plans.function?.plan.existing !== undefined;
  const found: string[] = [];
  for (const id of RESOURCE_STEPS) {
    const plan = plans[id]?.plan;
    if (plan?.action !== 'adopt' || (id === 'function' && givenFunction)) continue;
    found.push(`${STEP_TITLES[id]} ${plan.detail}`);
  }
  if (found.length === 0) return;
  run.emit({
    type: 'info',
    message: `no state for stack ${run.stack}: ${verb} what carries its alb-fc tags: ${found.join('; ')}`,
  });
}
