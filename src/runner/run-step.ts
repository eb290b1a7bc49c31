// The one-step subcommands: a single resource step (or the test), reading earlier outputs from the state.
import { asAlbFcError, ExitCode, usageError } from '../errors.js';
import type { StackInput } from '../stack-input.js';
import type { LookupOutputs, ResourceStepId } from '../state/schema.js';
import { fc2HttpTriggerProblem } from '../steps/fc2-http-trigger.js';
import { validateExistingFunctionArn } from '../steps/function-arn.js';
import { RESOURCE_STEP_MODULES, STEP_TITLES } from '../steps/registry.js';
import type { StepPlan } from '../steps/step.js';
import { withRun } from './command.js';
import type { StepId } from './events.js';
import { approved } from './approval.js';
import {
  cleanupPhase,
  conflictError,
  executeStep,
  lookupPhase,
  planEntries,
  planStep,
  testPhase,
  upstreamFor,
  type KnownOutputs,
  type PlannedStep,
} from './phases.js';
import type { RunReport } from './report.js';
import type { EngineDeps, Run } from './run.js';

/** The contract's names of the one-step subcommands (the result document's `command`). */
export const STEP_COMMANDS: Record<StepId, string> = {
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
}

async function upstreamForStep(
  run: Run,
  input: StackInput,
  step: ResourceStepId,
  lookupOut: LookupOutputs,
  options: RunStepOptions,
): Promise<KnownOutputs> {
  const known: KnownOutputs = {};
  const session = run.session;
  if (!session) return known;
  for (const need of RESOURCE_STEP_MODULES[step].needs) {
    if (need === 'function') {
      if (input.function.mode === 'existing') {
        const arn = validateExistingFunctionArn(input.function.arn, input.region);
        // The same preflight as deploy's step 1: an FC 2.0 function needs an HTTP trigger behind ALB.
        if (arn.version === 2) {
          const problem = await fc2HttpTriggerProblem(run.context(step, input, { lookup: lookupOut }), arn);
          if (problem) throw conflictError('function', { step: 'function', detail: arn.arn, ...problem });
        }
        known.function = { name: arn.name, arn: arn.arn, mode: 'existing' };
        continue;
      }
    }
    if (need === 'serverGroup' && options.serverGroupId) {
      const ctx = run.context(step, input, { lookup: lookupOut });
      const group = await ctx.cloud.alb.getServerGroup(options.serverGroupId);
      if (!group) throw usageError('SERVER_GROUP_NOT_FOUND', `server group ${options.serverGroupId} does not exist`);
      known.serverGroup = { id: group.id, name: group.name };
      continue;
    }
    if (need !== 'function' && need !== 'serverGroup') continue;
    const recorded = session.outputs(need);
    if (recorded) {
      (known as Record<string, unknown>)[need] = recorded;
      continue;
    }
    // Not in the state: the resource may exist anyway (found by name and tags, read-only).
    const upstream = RESOURCE_STEP_MODULES[need];
    const found = (await upstream.plan(
      run.context(need, input, upstreamFor(upstream.needs, lookupOut, known)),
    )) as StepPlan<unknown>;
    if (found.known && (found.action === 'unchanged' || found.action === 'adopt')) {
      (known as Record<string, unknown>)[need] = found.known;
      continue;
    }
    throw usageError(
      'MISSING_VALUE',
      `the ${STEP_TITLES[need].toLowerCase()} of stack ${run.stack} is not deployed`,
      need === 'function'
        ? 'Run `alb-fc function create` first, or pass --function-arn.'
        : 'Run `alb-fc server-group create` first, or pass the server group id.',
    );
  }
  return known;
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
  const command = STEP_COMMANDS[step];
  return withRun(command, input.stack, input.region, deps, input.waitTimeoutMs, async (run) => {
    const session = await run.open({ lock: true });
    const lookupOut = await lookupPhase(run, input, { wait: true });
    if (!lookupOut) return;
    if (step === 'lookup' || step === 'test') {
      // Read-only against the cloud: nothing to approve.
      await session.setLookup(lookupOut);
      if (step === 'test') await testPhase(run, input, lookupOut);
      return;
    }
    let known: KnownOutputs;
    let planned: PlannedStep;
    try {
      known = await upstreamForStep(run, input, step, lookupOut, options);
      planned = await planStep(run, input, step, lookupOut, known);
    } catch (error) {
      run.stepFailed(step, run.deps.clock.now(), asAlbFcError(error, step));
      return;
    }
    // Nothing has changed yet in a one-step run, so a conflict here is a preflight refusal (exit 4).
    if (planned.plan.action === 'conflict') {
      run.stepFailed(step, run.deps.clock.now(), conflictError(step, planned.plan, ExitCode.preflight));
      return;
    }
    // Like deploy, ask before changing anything (the cloud or the state): without --yes, a non-interactive
    // step subcommand changes nothing (the CLI's approver exits 2).
    const entries = planEntries(run, new Map([[step, planned]])).filter((entry) => entry.step === step);
    if (!(await approved(run, entries))) return;
    await session.setLookup(lookupOut);
    const ok = await executeStep(run, input, step, lookupOut, known, planned, ExitCode.preflight);
    // A replaced listener or record can go at once; a renamed function waits for a deploy (or the
    // add-function step) to take it out of the server group first.
    if (ok && (step === 'listener' || step === 'dnsRecord')) await cleanupPhase(run, input, lookupOut, step);
  });
}
