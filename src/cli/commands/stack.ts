import type { Command } from 'commander';
import { commandAction } from '../command-context.js';
import { engineDeps, openStack } from '../engine-deps.js';
import type { CliEnvironment } from '../environment.js';
import { withFlowOptions } from '../flow-options.js';
import { loadOptionsOf, withLoadOptions } from '../load-options.js';

// Commands about an existing stack: `status` (live read of every resource), `destroy` (reverse teardown)
// and `test` (the connectivity test alone).

export function registerStackCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  program
    .command('status')
    .description('state file + live read of every resource: present, missing, drifted')
    .action(
      commandAction('status', env, setExit, async (cmd) => {
        const { status, toResultDocument } = await import('../../runner/engine.js');
        const { stackOf } = await import('../stack-input-builder.js');
        const connected = await cmd.connect();
        const report = await status(stackOf(cmd.inputs.values), await engineDeps(cmd, connected));
        return cmd.finish(toResultDocument(report), report.exitCode);
      }),
    );

  program
    .command('destroy')
    .description('reverse teardown of what this stack created; re-runnable, skips what is gone')
    .option('--include-adopted', 'also delete resources the stack adopted rather than created')
    .action(
      commandAction('destroy', env, setExit, async (cmd) => {
        const { destroy, toResultDocument } = await import('../../runner/engine.js');
        const { stackOf } = await import('../stack-input-builder.js');
        const connected = await cmd.connect();
        const stack = stackOf(cmd.inputs.values);
        if (!cmd.flags.yes) {
          const sure = await cmd.prompter.confirm({
            message: `Delete the resources of stack "${stack}" in ${connected.region}?`,
            flag: '--yes',
            action: 'destroy',
          });
          if (!sure) {
            cmd.emit({ type: 'info', message: 'not confirmed: nothing was deleted' });
            return cmd.finish(
              {
                schemaVersion: 1,
                command: 'destroy',
                status: 'no_changes',
                stack,
                region: connected.region,
                resources: {},
                durationMs: 0,
              },
              0,
            );
          }
        }
        const report = await destroy(stack, await engineDeps(cmd, connected), {
          includeAdopted: cmd.options.includeAdopted === true,
          waitTimeoutMs: cmd.inputs.values.waitTimeout,
        });
        return cmd.finish(toResultDocument(report), report.exitCode);
      }),
    );

  withLoadOptions(
    withFlowOptions(
      program
        .command('test')
        .description('HTTP request to the custom domain (falls back to the ALB DNS name with a Host header)'),
    ).option(
      '--route <NAME>',
      'with --load: the route whose request the load test repeats (default: the default route)',
    ),
  ).action(
    commandAction('test', env, setExit, async (cmd) => {
      const load = loadOptionsOf(cmd.options);
      const { engine, connected, input } = await openStack(cmd);
      const route = cmd.options.route as string | undefined;
      const report = await engine.runStep('test', input, await engineDeps(cmd, connected), {
        ...(load ? { load } : {}),
        ...(route === undefined ? {} : { route }),
      });
      return cmd.finish(engine.toResultDocument(report), report.exitCode);
    }),
  );
}
