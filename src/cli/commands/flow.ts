import type { Command } from 'commander';
import { join } from 'node:path';
import { commandAction, type CommandContext } from '../command-context.js';
import { approveWith, engineDeps, openStack } from '../engine-deps.js';
import type { CliEnvironment } from '../environment.js';
import { withFlowOptions } from '../flow-options.js';
import { INPUTS, parseInput } from '../input-definitions.js';
import { ExitCode } from '../../errors.js';

// `init` (the guided whole flow), `deploy` (the same, for CI and scripts) and `plan` (read-only).

export function registerFlowCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  withFlowOptions(
    program
      .command('init')
      .description('guided whole flow: asks for what is missing, shows the plan, runs the five steps and the test'),
  ).action(commandAction('init', env, setExit, (cmd) => init(cmd)));

  withFlowOptions(
    program
      .command('deploy')
      .description('the whole flow from alb-fc.yaml + flags + env (for CI); re-run it to resume or update'),
  ).action(
    commandAction('deploy', env, setExit, async (cmd) => {
      const { engine, connected, input } = await openStack(cmd);
      const report = await engine.deploy(input, await engineDeps(cmd, connected, approveWith(cmd)));
      return cmd.finish(engine.toResultDocument(report), report.exitCode);
    }),
  );

  withFlowOptions(
    program
      .command('plan')
      .description('read-only: what deploy would create, adopt, update or leave')
      .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when changes are pending, 1 on error'),
  ).action(
    commandAction('plan', env, setExit, async (cmd) => {
      const { engine, connected, input } = await openStack(cmd);
      const report = await engine.plan(input, await engineDeps(cmd, connected));
      const exitCode = cmd.options.detailedExitcode ? engine.detailedExitCode(report) : report.exitCode;
      return cmd.finish(engine.toResultDocument(report), exitCode);
    }),
  );
}

async function init(cmd: CommandContext): Promise<number> {
  const values = cmd.inputs.values;
  const askAll = cmd.prompter.interactive && !cmd.flags.yes;
  const regionless = !values.region && !cmd.flags.local && !values.endpoint;
  // Read once here: with a region in hand, connect() does not read the profile again. A region from the
  // profile follows the profile, so only a prompted one is written to alb-fc.yaml.
  const { profileRegion } = await import('../connect.js');
  const fromProfile = regionless ? await profileRegion(cmd.env, values.profile) : undefined;
  if (fromProfile) values.region = fromProfile;
  // A person answering questions first sees whose account they are for (issue 8).
  if (cmd.prompter.interactive) await showIdentity(cmd);
  if (regionless && !fromProfile) {
    const answer = await cmd.prompter.text({
      message: 'Region',
      flag: '--region',
      env: INPUTS.region.env,
      default: 'cn-hangzhou',
      validate: (text) => parseInput('region', text).error ?? true,
    });
    const { setInput } = await import('../input-sources.js');
    setInput(cmd.inputs, 'region', answer, 'prompt');
  }
  const { engine, connected, input } = await openStack(cmd, askAll);
  let approved: boolean | undefined;
  const approve = approveWith(cmd);
  const report = await engine.deploy(
    input,
    await engineDeps(cmd, connected, async (plan) => {
      approved = await approve(plan);
      return approved;
    }),
  );
  const extras: { configFile?: string; commandLine?: string } = {};
  // Nothing is written when the user declined, or the run refused before changing anything.
  const refused = [ExitCode.usage, ExitCode.preflight, ExitCode.locked] as number[];
  if (approved !== false && !refused.includes(report.exitCode)) {
    const { equivalentCommandLine, writeConfigFile } = await import('../config-file.js');
    const configFile = cmd.inputs.configFile ?? join(cmd.env.cwd, 'alb-fc.yaml');
    await writeConfigFile(configFile, cmd.inputs);
    extras.configFile = configFile;
    extras.commandLine = equivalentCommandLine(cmd.inputs, {
      local: cmd.flags.local,
      endpoint: connected.local && !cmd.flags.local ? connected.endpoint : values.endpoint,
      stack: input.stack,
      region: connected.region,
      configFile,
      cwd: cmd.env.cwd,
    });
  }
  return cmd.finish({ ...engine.toResultDocument(report), command: 'init' }, report.exitCode, extras);
}

/** The account, region and credentials the wizard's answers are for, shown before its first question. */
async function showIdentity(cmd: CommandContext): Promise<void> {
  const values = cmd.inputs.values;
  const { connectIdentity } = await import('../connect.js');
  const { identityLines, identityOf } = await import('../identity.js');
  let source;
  if (values.region || cmd.flags.local || values.endpoint) {
    const connected = await cmd.connect();
    source = { ...connected, identity: connected.cloud.identity };
  } else {
    source = await connectIdentity({ ...values, local: cmd.flags.local }, cmd.env, (call) =>
      cmd.emit({ type: 'api-call', ...call }),
    );
  }
  for (const line of identityLines(await identityOf(source))) cmd.emit({ type: 'info', message: line });
}
