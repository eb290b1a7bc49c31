import type { Command } from 'commander';
import { AlbFcError, ExitCode } from '../../errors.js';
import type { InvocationSummary, ResultDocument } from '../../runner/engine.js';
import { commandAction, type CommandContext } from '../command-context.js';
import type { CliEnvironment } from '../environment.js';
import { inputOption } from '../flow-options.js';

// `alb-fc function invoke`: runs the stack's function once through FC's InvokeFunction and prints what it answered
// (status, body, log tail), as the console's "Test Function" button does — the check the procedure's step 1 ends
// with, before any load balancer is involved. A function that fails answers with `x-fc-error-type` (FC "Error
// handling" pages): the command then exits 6, like a connectivity test that fails on resources in place.

export function registerInvokeCommand(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  const group =
    program.commands.find((command) => command.name() === 'function') ??
    program.command('function').description('function steps');
  group
    .command('invoke')
    .description("invoke the stack's function once (FC InvokeFunction) and print its answer and log tail")
    .option('--payload <TEXT|@FILE>', 'the event: text, or @FILE to read it from a file (default: empty)')
    .addOption(inputOption('functionArn'))
    .addOption(inputOption('functionName'))
    .option('--route <NAME>', "the route whose function to invoke (`<route>/canary`: its canary's)")
    .action(commandAction('function invoke', env, setExit, invoke));
}

async function invoke(cmd: CommandContext): Promise<number> {
  const started = cmd.env.clock.now();
  const values = cmd.inputs.values;
  // Loaded by the command, not when it is registered: `alb-fc --help` stays fast (docs/benchmarks.md).
  const { invokeTarget, readPayload } = await import('../invoke-target.js');
  const { stackOf } = await import('../stack-input-builder.js');
  const { openStateStore } = await import('../state-store.js');
  const { isCloudError } = await import('../../cloud/errors.js');
  const stack = stackOf(values);
  const payload = await readPayload(cmd.options.payload as string | undefined, cmd.env.cwd);
  const connected = await cmd.connect();
  const state = values.functionArn ? undefined : (await (await openStateStore(cmd, connected)).load(stack))?.state;
  const route = cmd.options.route as string | undefined;
  const target = invokeTarget({
    ...(values.functionArn === undefined ? {} : { functionArn: values.functionArn }),
    ...(values.functionName === undefined ? {} : { functionName: values.functionName }),
    ...(state ? { state } : {}),
    ...(route === undefined ? {} : { route }),
    stack,
  });
  const answer = await connected.cloud.functions
    .invoke(target.name, { payload, ...(target.qualifier ? { qualifier: target.qualifier } : {}) })
    .catch((error: unknown) => {
      if (!isCloudError(error) || error.cloudCode !== 'FunctionNotFound') throw error;
      throw new AlbFcError({
        code: 'FUNCTION_NOT_FOUND',
        exitCode: ExitCode.cloudRefused,
        message: `function ${target.name} (from ${target.from}) does not exist in ${connected.region}`,
        hint: 'Deploy the stack first (alb-fc deploy), or name the function with --function-arn.',
        cloudCode: error.cloudCode,
        ...(error.requestId ? { requestId: error.requestId } : {}),
      });
    });
  const invocation: InvocationSummary = {
    function: {
      name: target.name,
      qualifier: target.qualifier ?? 'LATEST',
      ...(target.arn ? { arn: target.arn } : {}),
    },
    statusCode: answer.statusCode,
    ...(answer.requestId ? { requestId: answer.requestId } : {}),
    ...(answer.durationMs !== undefined ? { durationMs: answer.durationMs } : {}),
    ...(answer.errorType ? { errorType: answer.errorType } : {}),
    ...bodyOf(answer.body),
    ...(answer.log ? { log: answer.log } : {}),
  };
  const failed = answer.errorType !== undefined;
  const document: ResultDocument = {
    schemaVersion: 1,
    command: 'function invoke',
    status: failed ? 'failed' : 'succeeded',
    stack,
    region: connected.region,
    resources: {},
    durationMs: cmd.env.clock.now() - started,
    invocation,
  };
  if (failed) {
    const error = new AlbFcError({
      code: 'FUNCTION_ERROR',
      exitCode: ExitCode.partial,
      message: `function ${target.name} failed: ${answer.errorType}`,
      hint: 'Its error is the body above; the log tail has what it printed.',
      ...(answer.requestId ? { requestId: answer.requestId } : {}),
    });
    document.error = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    return cmd.finish(document, error.exitCode);
  }
  return cmd.finish(document, ExitCode.ok);
}

/** The answer as text when it is UTF-8, else base64 (FC returns the function's bytes as they are). */
function bodyOf(body: Buffer): { body: string } | { bodyBase64: string } {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { bodyBase64: body.toString('base64') };
  }
}
