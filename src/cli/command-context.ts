import type { Command } from 'commander';
import type { ResultDocument, RunnerEvent } from '../runner/engine.js';
import { asAlbFcError } from '../errors.js';
import type { Prompter, Renderer, ResultExtras, UiMode } from '../ui/index.js';
import type { Connected } from './connect.js';
import type { CliEnvironment } from './environment.js';
import type { ResolvedInputs } from './input-sources.js';
import { join } from 'node:path';

// What every command gets: its UI (mode, renderer, prompter), its merged inputs, and a lazily opened
// connection to the cloud. `commandAction` turns a command body into a commander action that always
// renders its outcome and sets the exit code, so main.ts only sees parse errors and bugs.

export interface GlobalFlags {
  json: boolean;
  nonInteractive: boolean;
  yes: boolean;
  verbose: boolean;
  color: boolean;
  local: boolean;
  config?: string;
}

export interface CommandContext {
  name: string;
  env: CliEnvironment;
  flags: GlobalFlags;
  /** The command's own options (commander camelCase). */
  options: Record<string, unknown>;
  mode: UiMode;
  renderer: Renderer;
  prompter: Prompter;
  inputs: ResolvedInputs;
  emit(event: RunnerEvent): void;
  /** Opens (once) the connection to the local cloud or Alibaba Cloud. */
  connect(): Promise<Connected>;
  /** Renders the document and returns the exit code to end with. */
  finish(doc: ResultDocument, exitCode: number, extras?: ResultExtras): number;
}

export type CommandBody = (cmd: CommandContext) => Promise<number>;

export function commandAction(name: string, env: CliEnvironment, setExit: (code: number) => void, body: CommandBody) {
  return async (...actionArgs: unknown[]): Promise<void> => {
    const command = actionArgs[actionArgs.length - 1] as Command;
    const options = command.optsWithGlobals() as Record<string, unknown>;
    const flags: GlobalFlags = {
      json: options.json === true,
      nonInteractive: options.nonInteractive === true,
      yes: options.yes === true,
      verbose: options.verbose === true,
      color: options.color !== false,
      local: options.local === true,
      config: (options.config as string | undefined) ?? env.env.ALB_FC_CONFIG,
    };
    const ui = await import('../ui/cli-ui.js');
    const stdoutIsTTY = Boolean((env.stdout as { isTTY?: boolean }).isTTY);
    const stderrIsTTY = Boolean((env.stderr as { isTTY?: boolean }).isTTY);
    const mode = ui.detectUiMode({
      json: flags.json,
      nonInteractive: flags.nonInteractive,
      noColor: !flags.color,
      verbose: flags.verbose,
      env: env.env,
      stdinIsTTY: env.stdinIsTTY,
      stdoutIsTTY,
      stderrIsTTY,
    });
    let connected: Connected | undefined;
    const renderer = await ui.openRenderer({
      ...mode,
      stdout: env.stdout,
      stderr: env.stderr,
      command: name,
      now: () => env.clock.now(),
      secrets: () => [env.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, env.env.ALIBABA_CLOUD_SECURITY_TOKEN],
      followUpFlags: followUpFlags(options, flags),
      signal: env.signal,
    });
    const prompter = ui.createPrompter(mode, { input: env.stdin, output: env.stderr, signal: env.signal });
    try {
      const { mergeInputs, readConfigFile } = await import('./input-sources.js');
      const configPath = flags.config ?? join(env.cwd, 'alb-fc.yaml');
      const config = await readConfigFile(configPath, flags.config !== undefined);
      const inputs = mergeInputs({ flags: options, env: env.env, config });
      const cmd: CommandContext = {
        name,
        env,
        flags,
        options,
        mode,
        renderer,
        prompter,
        inputs,
        emit: (event) => renderer.event(event),
        connect: async () => {
          // Loaded on demand, as the commands' other dependencies: `alb-fc --help` loads none of them.
          const { connect } = await import('./connect.js');
          connected ??= await connect({ ...inputs.values, local: flags.local }, env, (call) =>
            renderer.event({ type: 'api-call', ...call }),
          );
          return connected;
        },
        finish: (doc, exitCode, extras) => {
          renderer.result(doc, { ...extras, exitCode });
          return exitCode;
        },
      };
      setExit(await body(cmd));
    } catch (error) {
      const failure = asAlbFcError(error);
      // The renderer shows a bug's stack with --verbose, through its redactor like every other line.
      renderer.error(failure, { command: name, region: connected?.region });
      setExit(failure.exitCode);
    } finally {
      renderer.close();
    }
  };
}

/** The flags a suggested `alb-fc …` command needs to reach the same stack and cloud as this one. */
function followUpFlags(options: Record<string, unknown>, flags: GlobalFlags): string[] {
  const follow: string[] = [];
  if (flags.local) follow.push('--local');
  else if (typeof options.endpoint === 'string') follow.push('--endpoint', options.endpoint);
  if (typeof options.stack === 'string' && options.stack !== 'default') follow.push('--stack', options.stack);
  if (typeof options.state === 'string') follow.push('--state', options.state);
  if (flags.config) follow.push('--config', flags.config);
  return follow;
}
