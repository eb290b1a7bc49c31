// The engine the CLI calls. Every function resolves with a RunReport (never throws for a failure of the run):
// render the events while it runs, then `toResultDocument(report)` for --json and `report.exitCode` to exit.
import type { StackInput } from '../stack-input.js';
import { RESOURCE_STEPS, type ResourceStepId } from '../state/schema.js';
import type { FunctionPlan } from '../steps/create-function.js';
import { STEP_TITLES } from '../steps/registry.js';
import { approved, CHANGING } from './approval.js';
import { withRun } from './command.js';
import {
  cleanupPhase,
  executePhase,
  lookupPhase,
  planEntries,
  planPhase,
  reportConflicts,
  testPhase,
  type PlannedStep,
} from './phases.js';
import type { RunReport } from './report.js';
import type { EngineDeps, Run } from './run.js';

export type { EngineDeps } from './run.js';
export { destroy, type DestroyOptions } from './destroy.js';
export { status } from './status.js';
export { runStep, STEP_COMMANDS, type RunStepOptions } from './run-step.js';
export { toResultDocument } from './result-document.js';
export { detailedExitCode, type RunReport } from './report.js';

/**
 * Without a state, the plan finds the stack's resources by their alb-fc tags (names, and the DNS remark) and
 * adopts them (issue 4 item 3: "finds and adopts them, and says so"). Said only when it found something, and
 * naming what: on a first deploy there is nothing to find and nothing to say.
 */
function announceAdoptions(run: Run, plans: Map<ResourceStepId, PlannedStep>, hadState: boolean, verb: string): void {
  if (hadState) return;
  const found: string[] = [];
  for (const id of RESOURCE_STEPS) {
    const plan = plans.get(id)?.plan;
    // --function-arn is adopted by the user's choice, not found by tags.
    if (plan?.action !== 'adopt' || (id === 'function' && (plan as FunctionPlan).existing)) continue;
    found.push(`${STEP_TITLES[id]} ${plan.detail}`);
  }
  if (found.length === 0) return;
  run.emit({
    type: 'info',
    message: `no state for stack ${run.stack}: ${verb} what carries its alb-fc tags: ${found.join('; ')}`,
  });
}

/** `alb-fc deploy` / `init`: the five steps and the connectivity test; re-running resumes or updates. */
export function deploy(input: StackInput, deps: EngineDeps): Promise<RunReport> {
  return withRun('deploy', input.stack, input.region, deps, input.waitTimeoutMs, async (run) => {
    const session = await run.open({ lock: true });
    const hadState = run.hasState();
    const lookupOut = await lookupPhase(run, input, { wait: true });
    if (!lookupOut) return;
    const plans = await planPhase(run, input, lookupOut);
    if (!plans || reportConflicts(run, plans)) return;
    announceAdoptions(run, plans, hadState, 'adopting');
    if (!(await approved(run, planEntries(run, plans)))) return;
    await session.setLookup(lookupOut);
    if (!(await executePhase(run, input, lookupOut, plans)) || !(await cleanupPhase(run, input, lookupOut))) {
      run.stepSkipped('test', 'not run: not every resource is in place', 'blocked');
      return;
    }
    await testPhase(run, input, lookupOut);
  });
}

/** `alb-fc plan`: read-only; the report's `plan` lists each step's decision, `changes` counts them. */
export function plan(input: StackInput, deps: EngineDeps): Promise<RunReport> {
  return withRun('plan', input.stack, input.region, deps, input.waitTimeoutMs, async (run) => {
    await run.open({ lock: false });
    const hadState = run.hasState();
    const lookupOut = await lookupPhase(run, input, { wait: false });
    if (!lookupOut) return;
    const plans = await planPhase(run, input, lookupOut);
    if (!plans) return;
    announceAdoptions(run, plans, hadState, 'deploy would adopt');
    const entries = planEntries(run, plans);
    run.report.plan = entries;
    run.report.changes = entries.filter((e) => CHANGING.has(e.action)).length;
    // A plan changes nothing itself: its status says whether deploy would (JSON consumers read it).
    run.statusOverride = run.report.changes > 0 ? 'succeeded' : 'no_changes';
    reportConflicts(run, plans);
  });
}
