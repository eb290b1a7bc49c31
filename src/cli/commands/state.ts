import type { Command } from 'commander';
import { AlbFcError, ExitCode, usageError } from '../../errors.js';
import type { LoadedState, LockAdmin, LockHandle, StateStore } from '../../state/store.js';
import { commandAction, type CommandContext } from '../command-context.js';
import type { CliEnvironment } from '../environment.js';

// `alb-fc state unlock | pull | push` (docs/teams.md): remove a stack's lock whoever holds it, and copy a stack's
// state between OSS (`--state oss://…`) and this directory's `.alb-fc/`, never over a newer state or another
// lineage of the stack without --force (src/state/state-transfer.ts). A copy holds both stores' locks.

export function registerStateCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  const state = program.command('state').description("the stack's state: its lock, and copies between OSS and here");

  state
    .command('unlock')
    .description("remove the stack's lock whoever holds it (state on OSS, or .alb-fc/<stack>.lock)")
    .option('--force', 'remove it without asking')
    .action(commandAction('state unlock', env, setExit, unlock));

  state
    .command('pull')
    .description('copy the stack state from OSS (--state oss://…) to .alb-fc/<stack>.state.json')
    .option('--force', 'replace a local state that is newer, or of another lineage of the stack')
    .action(commandAction('state pull', env, setExit, (cmd) => transfer(cmd, 'pull')));

  state
    .command('push')
    .description('copy the stack state from .alb-fc/<stack>.state.json to OSS (--state oss://…)')
    .option('--force', 'replace a state on OSS that is newer, or of another lineage of the stack')
    .action(commandAction('state push', env, setExit, (cmd) => transfer(cmd, 'push')));
}

async function unlock(cmd: CommandContext): Promise<number> {
  const { stackOf } = await import('../stack-input-builder.js');
  const { openFileStateStore, openOssStateStore, ossLocationOf } = await import('../state-store.js');
  const stack = stackOf(cmd.inputs.values);
  const location = ossLocationOf(cmd);
  const store: LockAdmin = location
    ? await openOssStateStore(cmd, await cmd.connect(), location)
    : await openFileStateStore(cmd);
  const { describeHolder } = await import('../../state/store.js');
  const ui = await import('../../ui/index.js');
  const lock = store.describeLock(stack);
  const holder = await store.lockHolder(stack);
  const base = { schemaVersion: 1 as const, command: 'state unlock' as const, stack, lock };
  if (holder === undefined) {
    cmd.renderer.output(ui.stateOutput({ ...base, status: 'no_changes' }));
    return 0;
  }
  const named = holder === 'unreadable' ? 'an unreadable lock' : describeHolder(holder);
  if (cmd.options.force !== true) {
    const sure = await cmd.prompter.confirm({
      message: `Remove the lock of stack ${stack}, held by ${named}? Only if that run is certainly gone.`,
      flag: '--force',
      action: 'remove the lock',
    });
    if (!sure) {
      cmd.emit({ type: 'info', message: 'not confirmed: the lock is still there' });
      cmd.renderer.output(ui.stateOutput({ ...base, status: 'no_changes', holder: named }));
      return 0;
    }
  }
  await store.forceUnlock(stack);
  cmd.renderer.output(ui.stateOutput({ ...base, status: 'succeeded', holder: named }));
  return 0;
}

async function transfer(cmd: CommandContext, direction: 'pull' | 'push'): Promise<number> {
  const { stackOf } = await import('../stack-input-builder.js');
  const { openFileStateStore, openOssStateStore, ossLocationOf } = await import('../state-store.js');
  const stack = stackOf(cmd.inputs.values);
  const command = `state ${direction}` as const;
  const location = ossLocationOf(cmd);
  if (!location) {
    throw usageError(
      'STATE_NOT_SHARED',
      `\`alb-fc ${command}\` copies between OSS and .alb-fc/: it needs --state oss://BUCKET/PREFIX`,
      'Pass --state, set ALB_FC_STATE, or add `state: oss://BUCKET/PREFIX` to alb-fc.yaml.',
    );
  }
  const remote = await openOssStateStore(cmd, await cmd.connect(), location);
  const local = await openFileStateStore(cmd);
  const source: StateStore = direction === 'pull' ? remote : local;
  const target: StateStore = direction === 'pull' ? local : remote;
  const { planTransfer } = await import('../../state/state-transfer.js');
  const { describeHolder } = await import('../../state/store.js');
  const ui = await import('../../ui/index.js');
  const force = cmd.options.force === true;

  const locks: LockHandle[] = [];
  try {
    // Always OSS first, then the local file: two copies in opposite directions never hold one lock each.
    for (const store of [remote, local]) {
      const handle = await store.lock(stack, command);
      locks.push(handle);
      if (handle.tookOverFrom) {
        cmd.emit({ type: 'warning', message: `took over the lock of ${describeHolder(handle.tookOverFrom)}` });
      }
    }
    const copied = await source.load(stack);
    if (!copied) {
      throw new AlbFcError({
        code: 'STATE_NOT_FOUND',
        message: `there is no state of stack ${stack} at ${source.describe(stack)}`,
        exitCode: ExitCode.preflight,
        hint: 'Check --stack and --state; `alb-fc status` shows which state a command uses.',
      });
    }
    const existing = await loadTarget(target, stack, force);
    const plan =
      existing === 'unreadable' ? ({ kind: 'update' } as const) : planTransfer(copied.state, existing?.state);
    const base = {
      schemaVersion: 1 as const,
      command,
      stack,
      from: source.describe(stack),
      to: target.describe(stack),
      updatedAt: copied.state.updatedAt,
    };
    if (plan.kind === 'conflict' && !force) {
      throw new AlbFcError({
        code: 'STATE_CONFLICT',
        message: `not replacing ${target.describe(stack)}: ${plan.reason}`,
        exitCode: ExitCode.preflight,
        hint: `Compare both (alb-fc status, with and without --state); --force replaces ${target.describe(stack)}.`,
      });
    }
    if (plan.kind === 'same') {
      cmd.renderer.output(ui.stateOutput({ ...base, status: 'no_changes' }));
      return 0;
    }
    await target.save(copied.state);
    cmd.renderer.output(ui.stateOutput({ ...base, status: 'succeeded' }));
    return 0;
  } finally {
    for (const handle of locks.reverse()) {
      await handle.release().catch((error: Error) => {
        cmd.emit({ type: 'warning', message: `could not release the state lock: ${error.message}` });
      });
    }
  }
}

/** The target's state; an unreadable one is replaced with --force only. */
async function loadTarget(
  target: StateStore,
  stack: string,
  force: boolean,
): Promise<LoadedState | undefined | 'unreadable'> {
  try {
    return await target.load(stack);
  } catch (error) {
    if (force && error instanceof AlbFcError && error.code === 'STATE_UNREADABLE') return 'unreadable';
    throw error;
  }
}
