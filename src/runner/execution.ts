// The phases of a deploy that change things, shared by `deploy` and the one-step subcommands: execute (the
// DAG of step instances), prune (delete what a removed route or host left), cleanup (delete what an update
// replaced), and the connectivity test.
import { ExitCode } from '../errors.js';
import { walkDag } from '../lib/dag.js';
import type { StackInput } from '../stack-input.js';
import { kindOf } from '../state/instance-ids.js';
import type { LookupOutputs, StepOutputs } from '../state/schema.js';
import { buildGraph, type GraphNode } from '../steps/deploy-graph.js';
import { stepOf } from '../steps/registry.js';
import { stepInputOf } from '../steps/step-input.js';
import { stepTitle, type ResourceStepId } from '../steps/vocabulary.js';
import {
  conflictError,
  inTeardownOrder,
  nodeOf,
  orphans,
  upstreamFor,
  upstreamKey,
  type KnownOutputs,
  type PlannedStep,
  type Plans,
  type ResourceRef,
} from './planning.js';
import type { RunContext } from './run-context.js';

export { testPhase } from './test-phase.js';

/**
 * One step instance: (re)plan with the real upstream outputs unless the preflight plan was made with the same,
 * apply, then wait until ready. Conflicts found this late exit 3 by default (something may have changed already).
 */
export async function executeStep(
  run: RunContext,
  input: StackInput,
  node: GraphNode,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
  planned: PlannedStep<ResourceStepId> | undefined,
  lateConflictExit: ExitCode = ExitCode.cloudRefused,
): Promise<boolean> {
  const id = node.id;
  const step = stepOf(kindOf(id));
  const upstream = upstreamFor(node, lookupOut, known);
  const ctx = run.deployContext(id, stepInputOf(input, node), upstream);
  const startedAt = run.report.stepStarted(id);
  try {
    const plan = planned && planned.key === upstreamKey(upstream) ? planned.plan : await step.plan(ctx);
    if (plan.action === 'skip') {
      run.report.stepSkipped(id, plan.reasons.join('; '), 'skipped', 'skipped');
      return true;
    }
    if (plan.action === 'conflict') throw conflictError(id, plan, lateConflictExit);
    // A create an earlier (interrupted) run started is finished by this one: report it as created.
    const before = run.session.record(id);
    const finishing = before?.owned === true && before.status !== 'ready';
    const applied = await step.apply(ctx, plan);
    const outcome = finishing && applied.action === 'unchanged' ? { ...applied, action: 'created' as const } : applied;
    known.set(id, outcome.outputs);
    const resourceId = step.resourceId(outcome.outputs);
    const described = step.describe(outcome.outputs);
    run.emit({ type: 'step-resource', step: id, id: resourceId, detail: described });
    const settled = plan.ready === true && (outcome.action === 'unchanged' || outcome.action === 'adopted');
    if (!settled) {
      await ctx.wait(`${stepTitle(id).toLowerCase()} ${resourceId} to be ready`, () =>
        step.verify(ctx, outcome.outputs),
      );
    }
    await run.session.markReady(id);
    run.report.resource(id, outcome.outputs, outcome.action);
    run.report.stepDone(id, startedAt, outcome.action, described, resourceId);
    return true;
  } catch (error) {
    await run.session.noteFailure(id, error).catch(() => undefined);
    run.report.stepFailed(id, startedAt, error);
    return false;
  }
}

/** The step instances as a DAG: each route's function and server group concurrently, and so on. */
export async function executePhase(
  run: RunContext,
  input: StackInput,
  lookupOut: LookupOutputs,
  plans: Plans,
): Promise<boolean> {
  const graph = buildGraph(input);
  const known: KnownOutputs = new Map();
  const results = await walkDag<undefined, ResourceRef>(
    graph,
    async (id) => {
      const ok = await executeStep(run, input, nodeOf(graph, id), lookupOut, known, plans.get(id));
      return ok ? { ok: true, value: undefined } : { ok: false };
    },
    (id, needs) => run.report.stepSkipped(id, `not run: ${needs.join(', ')} did not succeed`, 'blocked'),
  );
  return [...results.values()].every((r) => r.ok);
}

/**
 * Deletes what the input no longer has — a removed route's rule, membership, group and function, a host's CNAME —
 * once everything it keeps is in place (the listener no longer forwards to a removed group). Only what the stack
 * created is deleted; a function given by --function-arn or an adopted resource is only forgotten.
 */
export async function prunePhase(run: RunContext, input: StackInput, lookupOut: LookupOutputs): Promise<boolean> {
  let ok = true;
  for (const id of inTeardownOrder(orphans(run, input))) {
    const record = run.session.record(id);
    if (!record) continue;
    const step = stepOf(kindOf(id));
    const ctx = run.stepContext(id, { lookup: lookupOut });
    const startedAt = run.report.stepStarted(id);
    try {
      const outputs = record.outputs ?? (record.intent ? await step.locate(ctx, record) : undefined);
      const given = outputs !== undefined && 'mode' in outputs && outputs.mode === 'existing';
      if (!outputs || !record.owned || given) {
        await run.session.removeRecord(id);
        run.report.stepSkipped(
          id,
          outputs
            ? 'no longer in the configuration; not created by this stack: kept'
            : 'no longer in the configuration; nothing was created',
          'skipped',
          outputs ? 'skipped' : 'absent',
        );
        continue;
      }
      const answer = await step.remove(ctx, outputs);
      await run.session.removeRecord(id);
      const action = answer === 'deleted' ? 'deleted' : 'absent';
      run.report.resource(id, outputs as StepOutputs[ResourceStepId], action);
      run.report.stepDone(id, startedAt, action, step.describe(outputs), step.resourceId(outputs));
    } catch (error) {
      ok = false;
      run.report.stepFailed(id, startedAt, error);
    }
  }
  return ok;
}

/** Deletes what updates replaced (old listener port, old domain's record, renamed function), newest first. */
export async function cleanupPhase(run: RunContext, lookupOut: LookupOutputs, only?: ResourceRef): Promise<boolean> {
  let ok = true;
  for (const id of inTeardownOrder(run.session.instances())) {
    if (only && id !== only) continue;
    if (!(await removeRetired(run, id, lookupOut))) ok = false;
  }
  return ok;
}

async function removeRetired(run: RunContext, id: ResourceRef, lookupOut: LookupOutputs): Promise<boolean> {
  const step = stepOf(kindOf(id));
  let ok = true;
  for (const retired of run.session.record(id)?.retired ?? []) {
    const ctx = run.stepContext(id, { lookup: lookupOut });
    try {
      const answer = await step.remove(ctx, retired);
      await run.session.dropRetired(id, retired);
      run.emit({
        type: 'info',
        message: `${answer === 'deleted' ? 'deleted' : 'already gone:'} the replaced ${stepTitle(id).toLowerCase()} ${step.describe(retired)}`,
      });
    } catch (error) {
      ok = false;
      const failure = run.report.stepFailed(id, run.deps.clock.now(), error);
      run.emit({
        type: 'warning',
        step: id,
        message: `could not delete the replaced ${step.describe(retired)}: ${failure.message}`,
      });
    }
  }
  return ok;
}
