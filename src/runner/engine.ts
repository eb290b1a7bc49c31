// The engine the CLI calls. Every function resolves with a RunReport (never throws for a failure of the run):
// render the events while it runs, then `toResultDocument(report)` for --json and `report.exitCode` to exit.
import type { StackInput } from '../stack-input.js';
import { withRun } from './command.js';
import {
  cleanupPhase,
  executePhase,
  lookupPhase,
  planEntries,
  planPhase,
  reportConflicts,
  testPhase,
} from './phases.js';
import type { RunReport } from './report.js';
import type { EngineDeps, Run } from './run.js';

export type { EngineDeps } from './run.js';
export { destroy, type DestroyOptions } from './destroy.js';
export { status } from './status.js';
export { runStep, STEP_COMMANDS, type RunStepOptions } from './run-step.js';
export { toResultDocument } from './result-document.js';
export { detailedExitCode, type RunReport } from './report.js';

function announceLostState(run: Run): void {
  if (!run.hasState()) {
    run.emit({
      type: 'info',
      message: `no state for stack ${run.stack} yet: resources carrying its alb-fc tags are found and adopted`,
    });
  }
}

/** `alb-fc deploy` / `init`: the five steps and the connectivity test; re-running resumes or updates. */
export function deploy(input: StackInput, deps: EngineDeps): Promise<RunReport> {
  return withRun('deploy', input.stack, input.region, deps, input.waitTimeoutMs, async (run) => {
    const session = await run.open({ lock: true });
    announceLostState(run);
    const lookupOut = await lookupPhase(run, input, { wait: true });
    if (!lookupOut) return;
    const plans = await planPhase(run, input, lookupOut);
    if (!plans || reportConflicts(run, plans)) return;
    if (!(await approved(run, plans))) return;
    await session.setLookup(lookupOut);
    if (!(await executePhase(run, input, lookupOut, plans)) || !(await cleanupPhase(run, input, lookupOut))) {
      run.stepSkipped('test', 'not run: not every resource is in place', 'blocked');
      return;
    }
    await testPhase(run, input, lookupOut);
  });
}

const CHANGING = new Set(['create', 'adopt', 'update', 'delete']);

/** Asks `deps.approve` when the plan changes something; a refusal ends the run with nothing changed. */
async function approved(run: Run, plans: Parameters<typeof planEntries>[1]): Promise<boolean> {
  const approve = run.deps.approve;
  if (!approve) return true;
  const entries = planEntries(run, plans);
  if (!entries.some((entry) => CHANGING.has(entry.action))) return true;
  run.report.plan = entries;
  run.report.changes = entries.filter((e) => CHANGING.has(e.action)).length;
  try {
    if (await approve(entries)) return true;
    run.emit({ type: 'info', message: 'not approved: nothing was changed' });
    run.statusOverride = 'no_changes';
  } catch (error) {
    run.fail(error);
  }
  return false;
}

/** `alb-fc plan`: read-only; the report's `plan` lists each step's decision, `changes` counts them. */
export function plan(input: StackInput, deps: EngineDeps): Promise<RunReport> {
  return withRun('plan', input.stack, input.region, deps, input.waitTimeoutMs, async (run) => {
    await run.open({ lock: false });
    announceLostState(run);
    const lookupOut = await lookupPhase(run, input, { wait: false });
    if (!lookupOut) return;
    const plans = await planPhase(run, input, lookupOut);
    if (!plans) return;
    const entries = planEntries(run, plans);
    run.report.plan = entries;
    run.report.changes = entries.filter((e) => CHANGING.has(e.action)).length;
    reportConflicts(run, plans);
  });
}
