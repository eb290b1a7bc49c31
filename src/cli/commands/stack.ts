import type { Command } from 'commander';
import { commandAction } from '../command-run.js';
import { engineDeps, openStack } from '../engine-deps.js';
import type { CliEnvironment } from '../environment.js';
import { withFlowOptions } from '../flow-options.js';
import { stackOf } from '../stack-input-builder.js';

// Commands about an existing stack: `status` (live read of every resource), `destroy` (reverse teardown)
// and `test` (the connectivity test alone).

export function registerStackCommands(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  program
    .command('status')
    .description('state file + live read of every resource: present, missing, drifted')
    .action(
      commandAction('status', env, setExit, async (run) => {
        const { status, toResultDocument } = await import('../../runner/engine.js');
        const connected = await run.connect();
        const report = await status(stackOf(run.inputs.values), await engineDeps(run, connected));
        return run.finish(toResultDocument(report), report.exitCode);
      }),
    );

  program
    .command('destroy')
    .description('reverse teardown of what this stack created; re-runnable, skips what is gone')
    .option('--include-adopted', 'also delete resources the stack adopted rather than created')
    .action(
      commandAction('destroy', env, setExit, async (run) => {
        const { destroy, toResultDocument } = await import('../../runner/engine.js');
        const connected = await run.connect();
        const stack = stackOf(run.inputs.values);
        if (!run.flags.yes) {
          const sure = await run.prompter.confirm({
            message: `Delete the resources of stack "${stack}" in ${connected.region}?`,
            flag: '--yes',
            action: 'destroy',
          });
          if (!sure) {
            run.emit({ type: 'info', message: 'not confirmed: nothing was deleted' });
            return run.finish(
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
        const report = await destroy(stack, await engineDeps(run, connected), {
          includeAdopted: run.options.includeAdopted === true,
          waitTimeoutMs: run.inputs.values.waitTimeout,
        });
        return run.finish(toResultDocument(report), report.exitCode);
      }),
    );

  withFlowOptions(
    program
      .command('test')
      .description('HTTP request to the custom domain (falls back to the ALB DNS name with a Host header)'),
  ).action(
    commandAction('test', env, setExit, async (run) => {
      const { engine, connected, input } = await openStack(run);
      const report = await engine.runStep('test', input, await engineDeps(run, connected));
      return run.finish(engine.toResultDocument(report), report.exitCode);
    }),
  );
}
