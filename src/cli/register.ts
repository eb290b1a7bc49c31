import type { Command } from 'commander';
import { ExitCode, type AlbFcError } from '../errors.js';
import { registerCompletion } from './commands/completion.js';
import { registerEmulatorCommands } from './commands/emulator.js';
import { registerExportCommand } from './commands/export.js';
import { registerFlowCommands } from './commands/flow.js';
import { registerPolicy } from './commands/policy.js';
import { registerInvokeCommand } from './commands/invoke.js';
import { registerStackCommands } from './commands/stack.js';
import { registerStateCommands } from './commands/state.js';
import { registerStepCommands } from './commands/steps.js';
import { registerWhoami } from './commands/whoami.js';
import type { CliEnvironment } from './environment.js';
import { inputOption } from './flow-options.js';
import type { InputName } from './input-definitions.js';

// The command table: global options on the program, then each command's module registers itself.

const GLOBAL_INPUTS: InputName[] = ['region', 'profile', 'stack', 'endpoint', 'state', 'waitTimeout'];

export function registerCommands(
  program: Command,
  env: CliEnvironment,
  setExit: (code: number) => void,
): { report(failure: AlbFcError, original: unknown): void } {
  for (const name of GLOBAL_INPUTS) program.addOption(inputOption(name));
  program
    .option('--config <file>', 'config file (default ./alb-fc.yaml when present; env ALB_FC_CONFIG)')
    .option('--local', 'use the local cloud (started in the background when none is running)')
    .option('--json', 'exactly one JSON document on stdout; everything human goes to stderr')
    .option('--non-interactive', 'never prompt (also when CI=true or stdin/stdout is not a TTY)')
    .option('--yes', 'approve the plan without asking (required to change anything when non-interactive)')
    .option('--verbose', 'every API call with action, duration and RequestId')
    .option('--no-color', 'plain output (also NO_COLOR)');

  registerFlowCommands(program, env, setExit);
  registerStackCommands(program, env, setExit);
  registerStepCommands(program, env, setExit);
  registerStateCommands(program, env, setExit);
  registerPolicy(program, env, setExit);
  registerExportCommand(program, env, setExit);
  registerInvokeCommand(program, env, setExit);
  registerWhoami(program, env, setExit);
  registerEmulatorCommands(program, env, setExit);
  // Last: its script is built from every command registered before it.
  registerCompletion(program, env, setExit);

  return {
    report(failure, original) {
      env.stderr.write(`error: ${failure.message}\n`);
      if (failure.hint) env.stderr.write(`hint: ${failure.hint}\n`);
      if (failure.exitCode === ExitCode.internal && original instanceof Error && original.stack) {
        env.stderr.write(`${original.stack}\n`);
      }
    },
  };
}
