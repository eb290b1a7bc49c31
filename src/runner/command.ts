// What every command shares: the run-start / run-end frame, one place that turns a thrown error into the
// report's error, and the lock released whatever happens.
import type { StackInput } from '../stack-input.js';
import type { StackState } from '../state/schema.js';
import { assertStackName } from '../state/store.js';
import type { RunReport } from './report.js';
import { Run, type EngineDeps } from './run.js';

export async function withRun(
  command: string,
  stack: string,
  region: string,
  deps: EngineDeps,
  waitTimeoutMs: number,
  body: (run: Run) => Promise<void>,
): Promise<RunReport> {
  const run = new Run(command, stack, region, deps, waitTimeoutMs);
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
    run.fail(error);
  } finally {
    await run.close();
  }
  return run.finish();
}

/** Step contexts need a StackInput; commands that run without one (destroy, status) rebuild it from the state. */
export function inputFromState(state: StackState, waitTimeoutMs: number): StackInput {
  const fn = state.steps.function?.outputs;
  return {
    stack: state.stack,
    region: state.region,
    function:
      fn?.mode === 'existing'
        ? { mode: 'existing', arn: fn.arn }
        : {
            mode: 'create',
            name: fn?.name ?? '',
            runtime: fn?.runtime ?? '',
            handler: fn?.handler ?? '',
            code: { kind: 'sample' },
            memorySize: fn?.memorySize ?? 0,
            timeout: fn?.timeout ?? 0,
          },
    serverGroup: { name: state.steps.serverGroup?.outputs?.name ?? '', healthCheck: false },
    loadBalancerId: state.lookup?.outputs.loadBalancerId ?? state.steps.listener?.outputs?.loadBalancerId ?? '',
    listener: { port: state.steps.listener?.outputs?.port ?? 80, protocol: 'HTTP' },
    dns: undefined,
    waitTimeoutMs,
  };
}
