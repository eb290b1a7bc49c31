// `alb-fc deploy` / `init`, and `alb-fc plan` (what deploy would do, changing nothing).
import type { StackInput } from '../stack-input.js';
import { approved } from './approval.js';
import { inCommandFrame, type CommandFrame } from './command-frame.js';
import { cleanupPhase, executePhase, prunePhase, testPhase } from './execution.js';
import { announceAdoptions, lookupPhase, planEntries, planPhase, reportConflicts } from './planning.js';
import type { RunReport } from './report.js';
import type { EngineDeps } from './run-context.js';

export function frameOf(command: string, input: StackInput): CommandFrame {
  return { command, stack: input.stack, region: input.region, waitTimeoutMs: input.waitTimeoutMs };
}

/**
 * `alb-fc deploy` / `init`: the five steps for every route and the connectivity test; re-running resumes or
 * updates, and removes what a removed route or host left behind.
 */
export function deploy(input: StackInput, deps: EngineDeps): Promise<RunReport> {
  return inCommandFrame(frameOf('deploy', input), deps, async (run) => {
    const session = await run.open({ lock: true });
    const hadState = run.hasState();
    const lookupOut = await lookupPhase(run, input, { wait: true });
    if (!lookupOut) return;
    const plans = await planPhase(run, input, lookupOut);
    if (!plans || reportConflicts(run, plans)) return;
    announceAdoptions(run, plans, hadState, 'adopting');
    if (!(await approved(run, planEntries(run, plans, input)))) return;
    await session.setLookup(lookupOut);
    const done =
      (await executePhase(run, input, lookupOut, plans)) &&
      (await prunePhase(run, input, lookupOut)) &&
      (await cleanupPhase(run, lookupOut));
    if (!done) {
      run.report.stepSkipped('test', 'not run: not every resource is in place', 'blocked');
      return;
    }
    await testPhase(run, input, lookupOut);
  });
}

/** `alb-fc plan`: read-only; the report's `plan` lists each step's decision, `changes` counts them. */
export function plan(input: StackInput, deps: EngineDeps): Promise<RunReport> {
  return inCommandFrame(frameOf('plan', input), deps, async (run) => {
    await run.open({ lock: false });
    const hadState = run.hasState();
    const lookupOut = await lookupPhase(run, input, { wait: false });
    if (!lookupOut) return;
    const plans = await planPhase(run, input, lookupOut);
    if (!plans) return;
    announceAdoptions(run, plans, hadState, 'deploy would adopt');
    const changes = run.report.setPlan(planEntries(run, plans, input));
    // A plan changes nothing itself: its status says whether deploy would (JSON consumers read it).
    run.report.statusOverride = changes > 0 ? 'succeeded' : 'no_changes';
    reportConflicts(run, plans);
  });
}
