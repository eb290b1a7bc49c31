// The phases of a deploy, shared by the commands: lookup (preflight), plan (read-only), execute (the DAG of
// resource steps), cleanup (delete what an update replaced), test. Each records its outcome in the Run.
import { AlbFcError, ExitCode } from '../errors.js';
import type { ResultDocument } from '../result.js';
import type { StackInput } from '../stack-input.js';
import { RESOURCE_STEPS, type LookupOutputs, type ResourceStepId, type StepOutputs } from '../state/schema.js';
import { runConnectivityTest, testFailedError, testTarget } from '../steps/connectivity-test.js';
import { lookup } from '../steps/lookup.js';
import { DESTROY_ORDER, RESOURCE_STEP_MODULES, STEP_TITLES } from '../steps/registry.js';
import type { StepPlan, Upstream } from '../steps/step.js';
import { walkDag, type DagNode } from './dag.js';
import type { PlanEntry } from './report.js';
import type { ResourceAction, StepId } from './events.js';
import type { Run } from './run.js';

export type KnownOutputs = { [K in ResourceStepId]?: StepOutputs[K] };

export interface PlannedStep {
  plan: StepPlan<unknown>;
  /** The upstream outputs the plan was made with; the plan is reused when they are unchanged. */
  key: string;
}

const RESOURCE_NODES: DagNode[] = RESOURCE_STEPS.map((id) => ({
  id,
  needs: RESOURCE_STEP_MODULES[id].needs.filter((n) => n !== 'lookup'),
}));

export function upstreamFor(
  needs: readonly StepId[],
  lookupOut: LookupOutputs | undefined,
  known: KnownOutputs,
): Upstream {
  const upstream: Upstream = {};
  if (lookupOut) upstream.lookup = lookupOut;
  for (const need of needs) {
    if (need === 'lookup' || need === 'test') continue;
    const value = known[need];
    if (value) (upstream as Record<string, unknown>)[need] = value;
  }
  return upstream;
}

function keyOf(upstream: Upstream): string {
  return JSON.stringify(upstream);
}

export async function lookupPhase(
  run: Run,
  input: StackInput,
  options: { wait: boolean },
): Promise<LookupOutputs | undefined> {
  const startedAt = run.stepStarted('lookup');
  try {
    const out = await lookup(run.context('lookup', input, {}), options);
    const zone = out.zone ? `; zone ${out.zone}` : '';
    run.stepDone('lookup', startedAt, 'unchanged', `${out.loadBalancerId} → ${out.dnsName}${zone}`, out.loadBalancerId);
    return out;
  } catch (error) {
    run.stepFailed('lookup', startedAt, error);
    return undefined;
  }
}

/** Plans one resource step read-only, with the upstream outputs known so far (announced as a `plan` event). */
export async function planStep(
  run: Run,
  input: StackInput,
  id: ResourceStepId,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
): Promise<PlannedStep> {
  const step = RESOURCE_STEP_MODULES[id];
  const upstream = upstreamFor(step.needs, lookupOut, known);
  const plan = (await step.plan(run.context(id, input, upstream))) as StepPlan<unknown>;
  run.emit({
    type: 'plan',
    step: id,
    title: step.title,
    action: plan.action,
    detail: plan.detail,
    reasons: plan.reasons,
  });
  return { plan, key: keyOf(upstream) };
}

/** Plans every resource step read-only; dependents of a step to be created plan with that output unknown. */
export async function planPhase(
  run: Run,
  input: StackInput,
  lookupOut: LookupOutputs,
): Promise<Map<ResourceStepId, PlannedStep> | undefined> {
  const plans = new Map<ResourceStepId, PlannedStep>();
  const known: KnownOutputs = {};
  let failed = false;
  await walkDag<undefined>(
    RESOURCE_NODES,
    async (id) => {
      const stepId = id as ResourceStepId;
      try {
        const planned = await planStep(run, input, stepId, lookupOut, known);
        plans.set(stepId, planned);
        if (planned.plan.known) (known as Record<string, unknown>)[stepId] = planned.plan.known;
        return { ok: true, value: undefined };
      } catch (error) {
        failed = true;
        run.stepFailed(stepId, run.deps.clock.now(), error);
        return { ok: false };
      }
    },
    (id, needs) => run.stepSkipped(id, `not planned: ${needs.join(', ')} could not be planned`, 'blocked'),
  );
  return failed ? undefined : plans;
}

export function conflictError(
  step: ResourceStepId,
  plan: StepPlan<unknown>,
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
export function reportConflicts(run: Run, plans: Map<ResourceStepId, PlannedStep>): boolean {
  let any = false;
  for (const [id, { plan }] of plans) {
    if (plan.action !== 'conflict') continue;
    any = true;
    run.stepFailed(id, run.deps.clock.now(), conflictError(id, plan));
  }
  return any;
}

export function planEntries(run: Run, plans: Map<ResourceStepId, PlannedStep>): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const id of RESOURCE_STEPS) {
    const planned = plans.get(id);
    if (planned) {
      const { plan } = planned;
      entries.push({
        step: id,
        title: STEP_TITLES[id],
        action: plan.action,
        detail: plan.detail,
        reasons: plan.reasons,
        ...(plan.hint ? { hint: plan.hint } : {}),
      });
    }
    // Resources an interrupted update replaced and that are still to be deleted.
    const step = RESOURCE_STEP_MODULES[id];
    for (const retired of run.session?.record(id)?.retired ?? []) {
      entries.push({
        step: id,
        title: STEP_TITLES[id],
        action: 'delete',
        detail: step.describe(retired),
        reasons: ['replaced by an earlier update; deleted once the replacement is ready'],
      });
    }
  }
  return entries;
}

export function resourceEntry(
  run: Run,
  id: ResourceStepId,
  outputs: StepOutputs[ResourceStepId],
  action: ResourceAction,
): void {
  const r: ResultDocument['resources'] = run.resources;
  switch (id) {
    case 'function': {
      const o = outputs as StepOutputs['function'];
      r.function = { name: o.name, arn: o.arn, action };
      break;
    }
    case 'serverGroup': {
      const o = outputs as StepOutputs['serverGroup'];
      r.serverGroup = { id: o.id, action };
      break;
    }
    case 'server': {
      const o = outputs as StepOutputs['server'];
      r.server = { serverGroupId: o.serverGroupId, functionArn: o.functionArn, action };
      break;
    }
    case 'listener': {
      const o = outputs as StepOutputs['listener'];
      r.listener = { id: o.id, port: o.port, action };
      break;
    }
    case 'dnsRecord': {
      const o = outputs as StepOutputs['dnsRecord'];
      r.dnsRecord = { recordId: o.recordId, domain: o.domain, value: o.value, action };
      break;
    }
  }
}

/**
 * One resource step: (re)plan with the real upstream outputs unless the preflight plan was made with the same,
 * apply, then wait until ready. Conflicts found this late exit 3 by default (something may have changed already).
 */
export async function executeStep(
  run: Run,
  input: StackInput,
  id: ResourceStepId,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
  planned: PlannedStep | undefined,
  lateConflictExit: ExitCode = ExitCode.cloudRefused,
): Promise<boolean> {
  const step = RESOURCE_STEP_MODULES[id];
  const upstream = upstreamFor(step.needs, lookupOut, known);
  const ctx = run.context(id, input, upstream);
  const startedAt = run.stepStarted(id);
  try {
    const plan =
      planned && planned.key === keyOf(upstream) ? planned.plan : ((await step.plan(ctx)) as StepPlan<unknown>);
    if (plan.action === 'skip') {
      run.stepSkipped(id, plan.reasons.join('; '), 'skipped', 'skipped');
      return true;
    }
    if (plan.action === 'conflict') throw conflictError(id, plan, lateConflictExit);
    // A create an earlier (interrupted) run started is finished by this one: report it as created.
    const before = ctx.session.record(id);
    const finishing = before?.owned === true && before.status !== 'ready';
    const applied = await step.apply(ctx, plan);
    const outcome = finishing && applied.action === 'unchanged' ? { ...applied, action: 'created' as const } : applied;
    (known as Record<string, unknown>)[id] = outcome.outputs;
    const resourceId = step.resourceId(outcome.outputs);
    run.emit({ type: 'step-resource', step: id, id: resourceId, detail: step.describe(outcome.outputs) });
    const settled = plan.ready === true && (outcome.action === 'unchanged' || outcome.action === 'adopted');
    if (!settled) {
      await ctx.wait(`${STEP_TITLES[id].toLowerCase()} ${resourceId} to be ready`, () =>
        step.verify(ctx, outcome.outputs),
      );
    }
    await ctx.session.markReady(id);
    resourceEntry(run, id, outcome.outputs, outcome.action);
    run.stepDone(id, startedAt, outcome.action, step.describe(outcome.outputs), resourceId);
    return true;
  } catch (error) {
    await ctx.session.noteFailure(id, error).catch(() => undefined);
    run.stepFailed(id, startedAt, error);
    return false;
  }
}

/** The resource steps as a DAG: the function and the server group concurrently, and so on. */
export async function executePhase(
  run: Run,
  input: StackInput,
  lookupOut: LookupOutputs,
  plans: Map<ResourceStepId, PlannedStep>,
): Promise<boolean> {
  const known: KnownOutputs = {};
  const results = await walkDag<undefined>(
    RESOURCE_NODES,
    async (id) => {
      const ok = await executeStep(run, input, id as ResourceStepId, lookupOut, known, plans.get(id as ResourceStepId));
      return ok ? { ok: true, value: undefined } : { ok: false };
    },
    (id, needs) => run.stepSkipped(id, `not run: ${needs.join(', ')} did not succeed`, 'blocked'),
  );
  return [...results.values()].every((r) => r.ok);
}

/** Deletes what updates replaced (old listener port, old domain's record, renamed function), newest first. */
export async function cleanupPhase(
  run: Run,
  input: StackInput,
  lookupOut: LookupOutputs,
  only?: ResourceStepId,
): Promise<boolean> {
  const session = run.session;
  if (!session) return true;
  let ok = true;
  for (const id of DESTROY_ORDER) {
    if (only && id !== only) continue;
    const step = RESOURCE_STEP_MODULES[id];
    for (const retired of session.record(id)?.retired ?? []) {
      const ctx = run.context(id, input, { lookup: lookupOut });
      try {
        const answer = await step.remove(ctx, retired);
        await session.dropRetired(id, retired);
        run.emit({
          type: 'info',
          message: `${answer === 'deleted' ? 'deleted' : 'already gone:'} the replaced ${STEP_TITLES[id].toLowerCase()} ${step.describe(retired)}`,
        });
      } catch (error) {
        ok = false;
        const failure = run.stepFailed(id, run.deps.clock.now(), error);
        run.emit({
          type: 'warning',
          step: id,
          message: `could not delete the replaced ${step.describe(retired)}: ${failure.message}`,
        });
      }
    }
  }
  return ok;
}

export async function testPhase(run: Run, input: StackInput, lookupOut: LookupOutputs): Promise<void> {
  const startedAt = run.stepStarted('test');
  const ctx = run.context('test', input, { lookup: lookupOut });
  try {
    const result = await runConnectivityTest(ctx, testTarget(ctx));
    run.report.test = result;
    await run.session?.setLastTest({
      url: result.url,
      ...(result.via ? { via: result.via } : {}),
      status: result.status,
      ok: result.ok,
      at: new Date(run.deps.clock.now()).toISOString(),
    });
    if (!result.ok) {
      run.stepFailed('test', startedAt, testFailedError(result));
      return;
    }
    run.stepDone(
      'test',
      startedAt,
      'unchanged',
      `HTTP ${result.status} via ${result.via === 'dns' ? 'DNS' : 'the ALB name with a Host header'}`,
    );
  } catch (error) {
    run.stepFailed('test', startedAt, error);
  }
}
