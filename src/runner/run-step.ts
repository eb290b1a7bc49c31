// The one-step subcommands: a single resource step (or the test), reading earlier outputs from the state.
import { asAlbFcError, ExitCode, usageError } from '../errors.js';
import type { StackInput } from '../stack-input.js';
import type { LookupOutputs } from '../state/schema.js';
import { fc2HttpTriggerProblem } from '../steps/fc2-http-trigger.js';
import type { LoadOptions } from '../steps/load-test.js';
import { validateExistingFunctionArn } from '../steps/function-arn.js';
import { stepOf } from '../steps/registry.js';
import { stepTitle, type ResourceStepId, type StepId } from '../steps/vocabulary.js';
import { buildGraph, defaultTarget, type GraphNode } from '../steps/deploy-graph.js';
import { stepInputOf } from '../steps/step-input.js';
import { kindOf } from '../state/instance-ids.js';
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
  type Plans,
  type ResourceRef,
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
  rule: 'rule create',
  dnsRecord: 'dns add-cname',
  test: 'test',
};

export interface RunStepOptions {
  /** `server-group add-function` / `listener create` without a state: the server group to use. */
  serverGroupId?: string;
  /** The route whose resource the step makes (default: the default route, or the only one). */
  route?: string;
  /** `test --load`: after the connectivity test, the load test. */
  load?: LoadOptions;
}

/** The step instance a subcommand makes: of the chosen route (or host), else of the default route. */
function nodeFor(input: StackInput, step: ResourceStepId, route: string | undefined): GraphNode {
  const graph = buildGraph(input);
  const name = route ?? defaultTarget(input).name;
  if (!input.routes.some((r) => r.name === name)) {
    throw usageError(
      'UNKNOWN_ROUTE',
      `--route ${name}: the stack has no such route`,
      `Routes: ${input.routes.map((r) => r.name).join(', ')}.`,
    );
  }
  const node = graph.find((n) => {
    if (kindOf(n.id) !== step) return false;
    const spec = n.spec;
    if (spec.kind === 'listener') return true;
    if (spec.kind === 'dnsRecord')
      return n.id === 'dnsRecord' || spec.host === input.routes.find((r) => r.name === name)?.host;
    return spec.route === name && !n.id.endsWith('/canary');
  });
  if (!node) {
    throw usageError(
      'NO_SUCH_STEP',
      `route ${name} has no ${stepTitle(step).toLowerCase()}`,
      step === 'rule' ? 'The default route forwards through the listener: it has no rule.' : 'Check --route.',
    );
  }
  return node;
}

/** An upstream resource the step needs: from --function-arn or --server-group-id, the state, or the cloud. */
async function findUpstream(
  run: RunContext,
  input: StackInput,
  need: ResourceRef,
  lookupOut: LookupOutputs,
  known: KnownOutputs,
  options: RunStepOptions,
): Promise<void> {
  const graph = buildGraph(input);
  const node = graph.find((n) => n.id === need);
  if (!node) return;
  const stepInput = stepInputOf(input, node);
  const ctx = run.stepContext(need, { lookup: lookupOut });
  const kind = kindOf(need);
  if (kind === 'function' && stepInput.function.mode === 'existing') {
    const arn = validateExistingFunctionArn(stepInput.function.arn, input.region);
    // The same preflight as deploy's step 1: an FC 2.0 function needs an HTTP trigger behind ALB.
    if (arn.version === 2) {
      const problem = await fc2HttpTriggerProblem(ctx, arn);
      if (problem) throw conflictError(need, problem);
    }
    known.set(need, { name: arn.name, arn: arn.arn, mode: 'existing' });
    return;
  }
  if (kind === 'serverGroup' && options.serverGroupId) {
    const group = await ctx.cloud.alb.getServerGroup(options.serverGroupId);
    if (!group) throw usageError('SERVER_GROUP_NOT_FOUND', `server group ${options.serverGroupId} does not exist`);
    known.set(need, { id: group.id, name: group.name });
    return;
  }
  const recorded = run.session.record(need)?.outputs;
  if (recorded) {
    known.set(need, recorded);
    return;
  }
  // Not in the state: the resource may exist anyway (found by name and tags, read-only).
  const found = await stepOf(kind).plan(run.deployContext(need, stepInput, upstreamFor(node, lookupOut, known)));
  if (found.known && (found.action === 'unchanged' || found.action === 'adopt')) {
    known.set(need, found.known);
    return;
  }
  throw usageError(
    'MISSING_VALUE',
    `the ${stepTitle(need).toLowerCase()} of stack ${run.stack} is not deployed`,
    kind === 'function'
      ? 'Run `alb-fc function create` first, or pass --function-arn.'
      : kind === 'serverGroup'
        ? 'Run `alb-fc server-group create` first, or pass the server group id.'
        : `Run \`alb-fc deploy\` first.`,
  );
}

/** A resource step alone: its plan, approval, apply and wait; then what it replaced, when that can go at once. */
async function runResourceStep(
  run: RunContext,
  input: StackInput,
  step: ResourceStepId,
  lookupOut: LookupOutputs,
  options: RunStepOptions,
): Promise<void> {
  const known: KnownOutputs = new Map();
  let node: GraphNode;
  let planned;
  try {
    node = nodeFor(input, step, options.route);
    for (const need of node.needs) await findUpstream(run, input, need, lookupOut, known, options);
    planned = await planStep(run, input, node, lookupOut, known);
  } catch (error) {
    run.report.stepFailed(step, run.deps.clock.now(), asAlbFcError(error, step));
    return;
  }
  const id = node.id;
  // Nothing has changed yet in a one-step run, so a conflict here is a preflight refusal (exit 4).
  if (planned.plan.action === 'conflict') {
    run.report.stepFailed(id, run.deps.clock.now(), conflictError(id, planned.plan, ExitCode.preflight));
    return;
  }
  // Like deploy, ask before changing anything (the cloud or the state): without --yes, a non-interactive
  // step subcommand changes nothing (the CLI's approver exits 2).
  const plans: Plans = new Map([[id, planned]]);
  const entries = planEntries(run, plans, input).filter((entry) => entry.step === id);
  if (!(await approved(run, entries))) return;
  await run.session.setLookup(lookupOut);
  const ok = await executeStep(run, input, node, lookupOut, known, planned, ExitCode.preflight);
  // A replaced listener or record can go at once; a renamed function waits for a deploy (or the
  // add-function step) to take it out of the server group first.
  if (ok && (step === 'listener' || step === 'dnsRecord')) await cleanupPhase(run, lookupOut, id);
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
      if (step === 'test') {
        await testPhase(run, input, lookupOut, {
          ...(options.load ? { load: options.load } : {}),
          ...(options.route === undefined ? {} : { route: options.route }),
        });
      }
      return;
    }
    await runResourceStep(run, input, step, lookupOut, options);
  });
}
