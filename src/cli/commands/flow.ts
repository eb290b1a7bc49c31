import type { Command } from 'commander';
import { join } from 'node:path';
import { commandAction, type CommandRun } from '../command-run.js';
import { profileRegion } from '../connect.js';
import { equivalentCommandLine, writeConfigFile } from '../config-file.js';
import { approveWith, engineDeps, openStack } from '../engine-deps.js';
import type { CliEnvironment } from '../environment.js';
import { withFlowOptions } from '../flow-options.js';
import { INPUTS, parseInput } from '../input-definitions.js';
import { setInput } from '../input-sources.js';
import { ExitCode } from '../../errors.js';

// `init` (the guided whole flow), `deploy` (the same, for CI and scripts) and `plan` (read-only).

export function registerFlowCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  withFlowOptions(
    program
      .command('init')
      .description('guided whole flow: asks for what is missing, shows the plan, runs the five steps and the test'),
  ).action(commandAction('init', env, setExit, (run) => init(run)));

  withFlowOptions(
    program
      .command('deploy')
      .description('the whole flow from alb-fc.yaml + flags + env (for CI); re-run it to resume or update'),
  ).action(
    commandAction('deploy', env, setExit, async (run) => {
      const { engine, connected, input } = await openStack(run);
      const report = await engine.deploy(input, await engineDeps(run, connected, approveWith(run)));
      return run.finish(engine.toResultDocument(report), report.exitCode);
    }),
  );

  withFlowOptions(
    program
      .command('plan')
      .description('read-only: what deploy would create, adopt, update or leave')
      .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when changes are pending, 1 on error'),
  ).action(
    commandAction('plan', env, setExit, async (run) => {
      const { engine, connected, input } = await openStack(run);
      const report = await engine.plan(input, await engineDeps(run, connected));
      const exitCode = run.options.detailedExitcode ? engine.detailedExitCode(report) : report.exitCode;
      return run.finish(engine.toResultDocument(report), exitCode);
    }),
  );
}

async function init(run: CommandRun): Promise<number> {
  const values = run.inputs.values;
  const askAll = run.prompter.interactive && !run.flags.yes;
  if (!values.region && !run.flags.local && !values.endpoint) {
    // Read once here: with a region in hand, connect() does not read the profile again. A region from the
    // profile follows the profile, so only a prompted one is written to alb-fc.yaml.
    const fromProfile = await profileRegion(run.env, values.profile);
    if (fromProfile) values.region = fromProfile;
    else {
      const answer = await run.prompter.text({
        message: 'Region',
        flag: '--region',
        env: INPUTS.region.env,
        default: 'cn-hangzhou',
        validate: (text) => parseInput('region', text).error ?? true,
      });
      setInput(run.inputs, 'region', answer, 'prompt');
    }
  }
  const { engine, connected, input } = await openStack(run, askAll);
  let approved: boolean | undefined;
  const approve = approveWith(run);
  const report = await engine.deploy(
    input,
    await engineDeps(run, connected, async (plan) => {
      approved = await approve(plan);
      return approved;
    }),
  );
  const extras: { configFile?: string; commandLine?: string } = {};
  // Nothing is written when the user declined, or the run refused before changing anything.
  const refused = [ExitCode.usage, ExitCode.preflight, ExitCode.locked] as number[];
  if (approved !== false && !refused.includes(report.exitCode)) {
    const configFile = run.inputs.configFile ?? join(run.env.cwd, 'alb-fc.yaml');
    await writeConfigFile(configFile, run.inputs);
    extras.configFile = configFile;
    extras.commandLine = equivalentCommandLine(run.inputs, {
      local: run.flags.local,
      endpoint: connected.local && !run.flags.local ? connected.endpoint : values.endpoint,
      stack: input.stack,
      region: connected.region,
    });
  }
  return run.finish({ ...engine.toResultDocument(report), command: 'init' }, report.exitCode, extras);
}
