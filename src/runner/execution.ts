// The phases of a deploy that change things, shared by `deploy` and the one-step subcommands: execute (the
// DAG of resource steps), cleanup (delete what an update replaced), and the connectivity test.
import { ExitCode } from '../errors.js';
import { walkDag } from '../lib/dag.js';
import type { StackInput } from '../stack-input.js';
import type { LookupOutputs } from '../state/schema.js';
import { runConnectivityTest, testFailedError, testTarget } from '../steps/connectivity-test.js';
import { parseFunctionArn } from '../steps/function-arn.js';
import { capacityFacts } from '../steps/function-capacity.js';
import { runLoad, type LoadOptions, type LoadResult } from '../steps/load-test.js';
import { stepOf } from '../steps/registry.js';
import { DESTROY_ORDER, STEP_TITLES, type ResourceStepId } from '../steps/vocabulary.js';
import {
  conflictError,
  RESOURCE_NODES,
  upstreamFor,
  upstreamKey,
  type KnownOutputs,
  type PlannedStep,
  type Plans,
} from './planning.js';
import type { RunContext } from './run-context.js';

/**
 * One resource step: (re)plan with the real upstream outputs unless the preflight plan was made with the same,
 * apply, then wait until ready. Conflicts found this late exit 3 by default (something may have changed already).
 */
export async function executeStep<K extends ResourceStepId>(
  run: RunContext,
  input: StackInput,
  id: K,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
  planned: PlannedStep<K> | undefined,
  lateConflictExit: ExitCode = ExitCode.cloudRefused,
): Promise<boolean> {
  const step = stepOf(id);
  const upstream = upstreamFor(id, lookupOut, known);
  const ctx = run.deployContext(id, input, upstream);
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
    known[id] = outcome.outputs;
    const resourceId = step.resourceId(outcome.outputs);
    run.emit({ type: 'step-resource', step: id, id: resourceId, detail: step.describe(outcome.outputs) });
    const settled = plan.ready === true && (outcome.action === 'unchanged' || outcome.action === 'adopted');
    if (!settled) {
      await ctx.wait(`${STEP_TITLES[id].toLowerCase()} ${resourceId} to be ready`, () =>
        step.verify(ctx, outcome.outputs),
      );
    }
    await run.session.markReady(id);
    run.report.resource(id, outcome.outputs, outcome.action);
    run.report.stepDone(id, startedAt, outcome.action, step.describe(outcome.outputs), resourceId);
    return true;
  } catch (error) {
    await run.session.noteFailure(id, error).catch(() => undefined);
    run.report.stepFailed(id, startedAt, error);
    return false;
  }
}

/** The resource steps as a DAG: the function and the server group concurrently, and so on. */
export async function executePhase(
  run: RunContext,
  input: StackInput,
  lookupOut: LookupOutputs,
  plans: Plans,
): Promise<boolean> {
  const known: KnownOutputs = {};
  const results = await walkDag<undefined, ResourceStepId>(
    RESOURCE_NODES,
    async (id) => {
      const ok = await executeStep(run, input, id, lookupOut, known, plans[id]);
      return ok ? { ok: true, value: undefined } : { ok: false };
    },
    (id, needs) => run.report.stepSkipped(id, `not run: ${needs.join(', ')} did not succeed`, 'blocked'),
  );
  return [...results.values()].every((r) => r.ok);
}

/** Deletes what updates replaced (old listener port, old domain's record, renamed function), newest first. */
export async function cleanupPhase(run: RunContext, lookupOut: LookupOutputs, only?: ResourceStepId): Promise<boolean> {
  let ok = true;
  for (const id of DESTROY_ORDER) {
    if (only && id !== only) continue;
    if (!(await removeRetired(run, id, lookupOut))) ok = false;
  }
  return ok;
}

async function removeRetired<K extends ResourceStepId>(
  run: RunContext,
  id: K,
  lookupOut: LookupOutputs,
): Promise<boolean> {
  const step = stepOf(id);
  let ok = true;
  for (const retired of run.session.record(id)?.retired ?? []) {
    const ctx = run.stepContext(id, { lookup: lookupOut });
    try {
      const answer = await step.remove(ctx, retired);
      await run.session.dropRetired(id, retired);
      run.emit({
        type: 'info',
        message: `${answer === 'deleted' ? 'deleted' : 'already gone:'} the replaced ${STEP_TITLES[id].toLowerCase()} ${step.describe(retired)}`,
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

/** The FC 3.0 name of the stack's function, for what the load test reads of it (FC 2.0 functions: none). */
function functionNameOf(input: StackInput): string | undefined {
  if (input.function.mode === 'create') return input.function.name;
  const parsed = parseFunctionArn(input.function.arn);
  return parsed?.version === 3 ? parsed.name : undefined;
}

function loadText(load: LoadResult): string {
  return `${load.requests} requests: ${load.ok} ok, ${load.throttled} throttled, ${load.qps} QPS`;
}

/** The connectivity test; with `load` (`test --load`), then the load test on the path it found. */
export async function testPhase(
  run: RunContext,
  input: StackInput,
  lookupOut: LookupOutputs,
  load?: LoadOptions,
): Promise<void> {
  const startedAt = run.report.stepStarted('test');
  const ctx = run.deployContext('test', input, { lookup: lookupOut });
  try {
    const result = await runConnectivityTest(ctx, await testTarget(ctx));
    if (result.ok && load && result.request) {
      result.load = await runLoad(ctx, result.request, load, () => capacityFacts(ctx, functionNameOf(input)));
    }
    run.report.setTest(result);
    await run.session.setLastTest({
      url: result.url,
      ...(result.via ? { via: result.via } : {}),
      status: result.status,
      ok: result.ok,
      at: new Date(run.deps.clock.now()).toISOString(),
    });
    if (!result.ok) {
      run.report.stepFailed('test', startedAt, testFailedError(result));
      return;
    }
    run.report.stepDone(
      'test',
      startedAt,
      'unchanged',
      `HTTP ${result.status} via ${result.via === 'dns' ? 'DNS' : 'the ALB name with a Host header'}` +
        (result.load ? `; ${loadText(result.load)}` : ''),
    );
  } catch (error) {
    run.report.stepFailed('test', startedAt, error);
  }
}
