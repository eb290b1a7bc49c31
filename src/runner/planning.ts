// The read-only phases of a deploy, shared by `deploy`, `plan` and the one-step subcommands: the lookup
// (preflight), then a plan of every step instance of the deploy graph (src/steps/deploy-graph.ts: a function,
// group, membership and rule per route, one listener, a CNAME per host), its conflicts and its rows.
import { AlbFcError, ExitCode } from '../errors.js';
import { walkDag } from '../lib/dag.js';
import type { StackInput } from '../stack-input.js';
import { kindOf, type InstanceId } from '../state/instance-ids.js';
import type { LookupOutputs, StepOutputs } from '../state/schema.js';
import { buildGraph, type GraphNode } from '../steps/deploy-graph.js';
import { lookup } from '../steps/lookup.js';
import { stepOf, type PlanOf } from '../steps/registry.js';
import { stepInputOf } from '../steps/step-input.js';
import type { Decision, Upstream } from '../steps/step.js';
import { DESTROY_ORDER, RESOURCE_STEPS, stepTitle, type ResourceStepId } from '../steps/vocabulary.js';
import type { PlanEntry } from './events.js';
import type { RunContext } from './run-context.js';

export type ResourceRef = InstanceId<ResourceStepId>;

/** The outputs known so far in a run, per step instance. */
export type KnownOutputs = Map<ResourceRef, StepOutputs[ResourceStepId]>;

export interface PlannedStep<K extends ResourceStepId> {
  plan: PlanOf<K>;
  /** The upstream outputs the plan was made with; the plan is reused when they are unchanged. */
  key: string;
}

/** The plans of a run, per step instance. */
export type Plans = Map<ResourceRef, PlannedStep<ResourceStepId>>;

/** What step `node` reads from the others: the lookup, and the outputs of its needs known so far. */
export function upstreamFor(
  node: Pick<GraphNode, 'needs'>,
  lookupOut: LookupOutputs | undefined,
  known: KnownOutputs,
): Upstream {
  const upstream: Upstream = {};
  if (lookupOut) upstream.lookup = lookupOut;
  const groups: Record<string, StepOutputs['serverGroup']> = {};
  for (const need of node.needs) {
    const value = known.get(need);
    if (!value) continue;
    Object.assign(upstream, { [kindOf(need)]: value });
    if (kindOf(need) === 'serverGroup') groups[need] = value as StepOutputs['serverGroup'];
  }
  if (Object.keys(groups).length > 0) upstream.serverGroups = groups;
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
    const out = await lookup(run.lookupContext(input), options);
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

function planEntry(id: ResourceRef, plan: Decision & { detail: string }): PlanEntry {
  return {
    step: id,
    title: stepTitle(id),
    action: plan.action,
    detail: plan.detail,
    reasons: plan.reasons,
    ...(plan.hint ? { hint: plan.hint } : {}),
  };
}

/** Plans one step instance read-only, with the upstream outputs known so far (announced as a `plan` event). */
export async function planStep(
  run: RunContext,
  input: StackInput,
  node: GraphNode,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
): Promise<PlannedStep<ResourceStepId>> {
  const upstream = upstreamFor(node, lookupOut, known);
  const plan = await stepOf(kindOf(node.id)).plan(run.deployContext(node.id, stepInputOf(input, node), upstream));
  run.emit({ type: 'plan', ...planEntry(node.id, plan) });
  return { plan, key: upstreamKey(upstream) };
}

/** Plans every step instance read-only; dependents of a step to be created plan with that output unknown. */
export async function planPhase(
  run: RunContext,
  input: StackInput,
  lookupOut: LookupOutputs,
): Promise<Plans | undefined> {
  const graph = buildGraph(input);
  const plans: Plans = new Map();
  const known: KnownOutputs = new Map();
  let failed = false;
  await walkDag<undefined, ResourceRef>(
    graph,
    async (id) => {
      try {
        const planned = await planStep(run, input, nodeOf(graph, id), lookupOut, known);
        plans.set(id, planned);
        if (planned.plan.known) known.set(id, planned.plan.known);
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

export function nodeOf(graph: readonly GraphNode[], id: ResourceRef): GraphNode {
  const node = graph.find((n) => n.id === id);
  if (!node) throw new Error(`step ${id} is not in the deploy graph`);
  return node;
}

export function conflictError(step: ResourceRef, plan: Decision, exitCode: ExitCode = ExitCode.preflight): AlbFcError {
  return new AlbFcError({
    code: 'CONFLICT',
    message: `${stepTitle(step)}: ${plan.reasons.join('; ')}`,
    exitCode,
    hint: plan.hint ?? 'Resolve the conflict, then run again.',
    step,
  });
}

/** Preflight: every conflict of the plan is reported at once, and nothing is changed (exit 4). */
export function reportConflicts(run: RunContext, plans: Plans): boolean {
  let any = false;
  for (const [id, { plan }] of plans) {
    if (plan.action !== 'conflict') continue;
    any = true;
    run.report.stepFailed(id, run.deps.clock.now(), conflictError(id, plan));
  }
  return any;
}

/** Instances of the state in teardown order: what uses a resource before it. */
export function inTeardownOrder(ids: readonly ResourceRef[]): ResourceRef[] {
  const rank = (id: ResourceRef) => DESTROY_ORDER.indexOf(kindOf(id));
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Instances of the state in the procedure's order, for lists a user reads. */
export function inProcedureOrder(ids: readonly ResourceRef[]): ResourceRef[] {
  const rank = (id: ResourceRef) => RESOURCE_STEPS.indexOf(kindOf(id));
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The state's instances that the input no longer has (a removed route, a host no route uses). */
export function orphans(run: RunContext, input: StackInput): ResourceRef[] {
  const wanted = new Set(buildGraph(input).map((n) => n.id));
  return run.session.instances().filter((id) => !wanted.has(id));
}

/** The plan's rows in the procedure's order, with the deletes still owed: replaced resources, removed routes. */
export function planEntries(run: RunContext, plans: Plans, input: StackInput): PlanEntry[] {
  const entries: PlanEntry[] = [];
  const ids = inProcedureOrder([...new Set([...plans.keys(), ...run.session.instances()])]);
  const removed = new Set(orphans(run, input));
  for (const id of ids) {
    const plan = plans.get(id)?.plan;
    if (plan) entries.push(planEntry(id, plan));
    entries.push(...retiredEntries(run, id));
    if (removed.has(id)) entries.push(...orphanEntry(run, id));
  }
  return entries;
}

/** Resources an interrupted update replaced and that are still to be deleted. */
function retiredEntries(run: RunContext, id: ResourceRef): PlanEntry[] {
  const step = stepOf(kindOf(id));
  return (run.session.record(id)?.retired ?? []).map((retired) => ({
    step: id,
    title: stepTitle(id),
    action: 'delete',
    detail: step.describe(retired),
    reasons: ['replaced by an earlier update; deleted once the replacement is ready'],
  }));
}

/** A resource of a route (or host) the input no longer has: deleted when the stack made it, else let go. */
function orphanEntry(run: RunContext, id: ResourceRef): PlanEntry[] {
  const record = run.session.record(id);
  const outputs = record?.outputs;
  const given = outputs && 'mode' in outputs && outputs.mode === 'existing';
  const detail = outputs ? stepOf(kindOf(id)).describe(outputs) : 'an interrupted create';
  if (!record?.owned || given) {
    return [
      {
        step: id,
        title: stepTitle(id),
        action: 'skip',
        detail,
        reasons: ['no longer in the configuration; not created by this stack, so it is only forgotten'],
      },
    ];
  }
  return [
    {
      step: id,
      title: stepTitle(id),
      action: 'delete',
      detail,
      reasons: ['no longer in the configuration (its route or host was removed)'],
    },
  ];
}

/**
 * Without a state, the plan finds the stack's resources by their alb-fc tags (names, and the DNS remark) and
 * adopts them, and says so: only when it found something, naming what. On a first deploy there is nothing to
 * find and nothing to say.
 */
export function announceAdoptions(run: RunContext, plans: Plans, hadState: boolean, verb: string): void {
  if (hadState) return;
  const found: string[] = [];
  for (const id of inProcedureOrder([...plans.keys()])) {
    const plan = plans.get(id)!.plan;
    // --function-arn is adopted by the user's choice, not found by tags.
    if (plan.action !== 'adopt' || ('existing' in plan && plan.existing !== undefined)) continue;
    found.push(`${stepTitle(id)} ${plan.detail}`);
  }
  if (found.length === 0) return;
  run.emit({
    type: 'info',
    message: `no state for stack ${run.stack}: ${verb} what carries its alb-fc tags: ${found.join('; ')}`,
  });
}
