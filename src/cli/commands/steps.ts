import type { Command } from 'commander';
import type { StepId } from '../../steps/vocabulary.js';
import { commandAction } from '../command-context.js';
import { approveWith, engineDeps, openStack } from '../engine-deps.js';
import type { CliEnvironment } from '../environment.js';
import { withFlowOptions } from '../flow-options.js';

// One subcommand per step of the procedure, for scripts: each reads earlier outputs from the stack's state
// and accepts every value as a flag, so it also works without a state file.

const STEP_SUBCOMMANDS: Array<{ group: string; name: string; step: StepId; description: string }> = [
  { group: 'function', name: 'create', step: 'function', description: 'step 1: create the FC 3.0 function' },
  {
    group: 'server-group',
    name: 'create',
    step: 'serverGroup',
    description: 'step 2: create the server group (type Fc)',
  },
  {
    group: 'server-group',
    name: 'add-function',
    step: 'server',
    description: "step 3: add the function (--function-arn, or the stack's) to the server group",
  },
  {
    group: 'listener',
    name: 'create',
    step: 'listener',
    description: 'step 4: create the listener forwarding to the group',
  },
  {
    group: 'dns',
    name: 'add-cname',
    step: 'dnsRecord',
    description: 'step 5: CNAME from the custom domain to the ALB DNS name',
  },
];

export function registerStepCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  const groups = new Map<string, Command>();
  for (const sub of STEP_SUBCOMMANDS) {
    let group = groups.get(sub.group);
    if (!group) {
      group = program.command(sub.group).description(`${sub.group} steps`);
      groups.set(sub.group, group);
    }
    const command = withFlowOptions(group.command(sub.name).description(sub.description));
    if (sub.step !== 'listener') {
      command.option(
        '--route <NAME>',
        "the route (alb-fc.yaml routes:) whose resource to make (default: the default route's)",
      );
    }
    if (sub.step === 'server' || sub.step === 'listener') {
      command.option('--server-group-id <id>', 'the server group to use when the stack has none in its state');
    }
    command.action(
      commandAction(`${sub.group} ${sub.name}`, env, setExit, async (cmd) => {
        const { engine, connected, input } = await openStack(cmd);
        const serverGroupId = cmd.options.serverGroupId as string | undefined;
        const route = cmd.options.route as string | undefined;
        const deps = await engineDeps(cmd, connected, approveWith(cmd));
        const report = await engine.runStep(sub.step, input, deps, {
          ...(serverGroupId ? { serverGroupId } : {}),
          ...(route === undefined ? {} : { route }),
        });
        return cmd.finish(engine.toResultDocument(report), report.exitCode);
      }),
    );
  }
}
