// What every engine command shares: the run-start / run-end events around it, one place that turns a thrown
// error into the report's error, and the state lock released whatever happens.
import { assertStackName } from '../state/store.js';
import type { RunReport } from './report.js';
import { RunContext, type EngineDeps } from './run-context.js';

export interface CommandFrame {
  command: string;
  stack: string;
  region: string;
  /** The deadline of each wait of the run. */
  waitTimeoutMs: number;
}

/** Runs `body` inside the frame; resolves with the report (a failure of the run is in it, never thrown). */
export async function inCommandFrame(
  frame: CommandFrame,
  deps: EngineDeps,
  body: (run: RunContext) => Promise<void>,
): Promise<RunReport> {
  const { command, stack, region, waitTimeoutMs } = frame;
  const run = new RunContext(command, stack, region, deps, waitTimeoutMs);
  run.emit({
    type: 'run-start',
    command,
    stack,
    region,
    ...(deps.endpoint ? { endpoint: deps.endpoint } : {}),
    local: deps.local ?? false,
    at: run.started,
  });
  try {
    assertStackName(stack);
    await body(run);
  } catch (error) {
    run.report.fail(error);
  } finally {
    await run.close();
  }
  const end = deps.clock.now();
  run.emit({ type: 'run-end', at: end });
  return run.report.finish(end, deps.store.describe(stack), run.openedState());
}
