// The one-step subcommands: a single resource step (or the test), reading earlier outputs from the state.
import { asAlbFcError, ExitCode, usageError } from '../errors.js';
import type { StackInput } from '../stack-input.js';
import type { LookupOutputs } from '../state/schema.js';
import { fc2HttpTriggerProblem } from '../steps/fc2-http-trigger.js';
import type { LoadOptions } from '../steps/load-test.js';
import { validateExistingFunctionArn } from '../steps/function-arn.js';
import { stepOf } from '../steps/registry.js';
import { STEP_NEEDS, STEP_TITLES, type ResourceStepId, type StepId } from '../steps/vocabulary.js';
import { approved } from './approval.js';
import { inCommandFrame } from './command-frame.js';
import { frameOf } from './deploy.js';
import { cleanupPhase, executeStep, testPhase } from './execution.js';
import {
  conflictError,
  lookupPhase,
  planEntries,
  planStep,
  upstreamFor,
  type KnownOutputs,
  setPlanned,
  type PlannedStep,
  type Plans,
} from './planning.js';
import type { RunReport } from './report.js';
import type { EngineDeps, RunContext } from './run-context.js';

/** The names of the one-step subcommands (README.md, "Commands"), also the result document's `command`. */
export const STEP_COMMANDS: Readonly<Record<StepId, string>> = {
  lookup: 'lookup',
  function: 'function create',
  serverGroup: 'server-group create',
  server: 'server-group add-function',
  listener: 'listener create',
  dnsRecord: 'dns add-cname',
  test: 'test',
};

export interface RunStepOptions {
  /** `server-group add-function` / `listener create` without a state: the server group to use. */
  serverGroupId?: string;
  /** `test --load`: after the connectivity test, the load test. */
  load?: LoadOptions;
}

/** An upstream resource the step needs: from --function-arn or --server-group-id, the state, or the cloud. */
async function findUpstream<N extends 'function' | 'serverGroup'>(
  run: RunContext,
  input: StackInput,
  step: ResourceStepId,
  need: N,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
  options: RunStepOptions,
): Promise<void> {
  const ctx = run.stepContext(step, { lookup: lookupOut });
  if (need === 'function' && input.function.mode === 'existing') {
    const arn = validateExistingFunctionArn(input.function.arn, input.region);
    // The same preflight as deploy's step 1: an FC 2.0 function needs an HTTP trigger behind ALB.
    if (arn.version === 2) {
      const problem = await fc2HttpTriggerProblem(ctx, arn);
      if (problem) throw conflictError('function', problem);
    }
    known.function = { name: arn.name, arn: arn.arn, mode: 'existing' };
    return;
  }
  if (need === 'serverGroup' && options.serverGroupId) {
    const group = await ctx.cloud.alb.getServerGroup(options.serverGroupId);
    if (!group) throw usageError('SERVER_GROUP_NOT_FOUND', `server group ${options.serverGroupId} does not exist`);
    known.serverGroup = { id: group.id, name: group.name };
    return;
  }
  const recorded = run.session.record(need)?.outputs;
  if (recorded) {
    known[need] = recorded;
    return;
  }
  // Not in the state: the resource may exist anyway (found by name and tags, read-only).
  const found = await stepOf(need).plan(run.deployContext(need, input, upstreamFor(need, lookupOut, known)));
  if (found.known && (found.action === 'unchanged' || found.action === 'adopt')) {
    known[need] = found.known;
    return;
  }
  throw usageError(
    'MISSING_VALUE',
    `the ${STEP_TITLES[need].toLowerCase()} of stack ${run.stack} is not deployed`,
    need === 'function'
      ? 'Run `alb-fc function create` first, or pass --function-arn.'
      : 'Run `alb-fc server-group create` first, or pass the server group id.',
  );
}

async function upstreamForStep(
  run: RunContext,
  input: StackInput,
  step: ResourceStepId,
  lookupOut: LookupOutputs,
  options: RunStepOptions,
): Promise<KnownOutputs> {
  const known: KnownOutputs = {};
  for (const need of STEP_NEEDS[step]) {
    if (need === 'function' || need === 'serverGroup') {
      await findUpstream(run, input, step, need, lookupOut, known, options);
    }
  }
  return known;
}

/** A resource step alone: its plan, approval, apply and wait; then what it replaced, when that can go at once. */
async function runResourceStep<K extends ResourceStepId>(
  run: RunContext,
  input: StackInput,
  step: K,
  lookupOut: LookupOutputs,
  options: RunStepOptions,
): Promise<void> {
  let known: KnownOutputs;
  let planned: PlannedStep<K>;
  try {
    known = await upstreamForStep(run, input, step, lookupOut, options);
    planned = await planStep(run, input, step, lookupOut, known);
  } catch (error) {
    run.report.stepFailed(step, run.deps.clock.now(), asAlbFcError(error, step));
    return;
  }
  // Nothing has changed yet in a one-step run, so a conflict here is a preflight refusal (exit 4).
  if (planned.plan.action === 'conflict') {
    run.report.stepFailed(step, run.deps.clock.now(), conflictError(step, planned.plan, ExitCode.preflight));
    return;
  }
  // Like deploy, ask before changing anything (the cloud or the state): without --yes, a non-interactive
  // step subcommand changes nothing (the CLI's approver exits 2).
  const plans: Plans = {};
  setPlanned(plans, step, planned);
  const entries = planEntries(run, plans).filter((entry) => entry.step === step);
  if (!(await approved(run, entries))) return;
  await run.session.setLookup(lookupOut);
  const ok = await executeStep(run, input, step, lookupOut, known, planned, ExitCode.preflight);
  // A replaced listener or record can go at once; a renamed function waits for a deploy (or the
  // add-function step) to take it out of the server group first.
  if (ok && (step === 'listener' || step === 'dnsRecord')) await cleanupPhase(run, lookupOut, step);
}

/**
 * The one-step subcommands (`function create`, `server-group create`, `server-group add-function`,
 * `listener create`, `dns add-cname`, and `test`): earlier outputs come from the state, the options or the cloud.
 */
export function runStep(
  step: StepId,
  input: StackInput,
  deps: EngineDeps,
  options: RunStepOptions = {},
): Promise<RunReport> {
  return inCommandFrame(frameOf(STEP_COMMANDS[step], input), deps, async (run) => {
    const session = await run.open({ lock: true });
    const lookupOut = await lookupPhase(run, input, { wait: true });
    if (!lookupOut) return;
    if (step === 'lookup' || step === 'test') {
      // Read-only against the cloud: nothing to approve.
      await session.setLookup(lookupOut);
      if (step === 'test') await testPhase(run, input, lookupOut, options.load);
      return;
    }
    await runResourceStep(run, input, step, lookupOut, options);
  });
}
