import type { EngineDeps, PlanEntry } from '../runner/engine.js';
import type { CommandContext } from './command-context.js';
import type { Connected } from './connect.js';

// What the commands that run the engine share. Its imports are loaded when a command runs, not when the commands are
// registered: `alb-fc --help` loads none of them (docs/benchmarks.md).

/** The engine's dependencies for one command: the cloud, the state folder, the clock, events, Ctrl-C. */
export async function engineDeps(
  cmd: CommandContext,
  connected: Connected,
  approve?: EngineDeps['approve'],
): Promise<EngineDeps> {
  return {
    cloud: connected.cloud,
    store: await (await import('./state-store.js')).openStateStore(cmd, connected),
    clock: cmd.env.clock,
    emit: cmd.emit,
    signal: cmd.env.signal,
    endpoint: connected.endpoint,
    local: connected.local !== undefined,
    approve,
  };
}

/** Approval of a plan that changes something: --yes, else a confirmation (default No; exit 2 without a TTY). */
export function approveWith(cmd: CommandContext): (plan: PlanEntry[]) => Promise<boolean> {
  return async (plan) => {
    if (cmd.flags.yes) return true;
    const { isChanging } = await import('../steps/vocabulary.js');
    const changes = plan.filter((entry) => isChanging(entry.action)).length;
    return cmd.prompter.confirm({
      message: `Apply ${changes === 1 ? 'this change' : `these ${changes} changes`}?`,
      flag: '--yes',
      action: 'apply the plan',
    });
  };
}

/** What the commands that run on a stack share: the engine (loaded on demand), the cloud, the StackInput. */
export async function openStack(cmd: CommandContext, askAll = false) {
  const engine = await import('../runner/engine.js');
  const { buildStackInput } = await import('./stack-input-builder.js');
  const connected = await cmd.connect();
  const input = await buildStackInput(cmd.inputs, connected, cmd.env.cwd, {
    prompter: cmd.prompter,
    askAll,
    warn: (message) => cmd.emit({ type: 'warning', message }),
    localDefaults: cmd.flags.local,
  });
  return { engine, connected, input };
}
