// What an invocation answers, built from what happened in the instance: the handler's result, its error, a
// timeout, the process dying, or the code not loading — with the log FC shows for it (FC's "Error handling"
// page for Node.js).
import { performance } from 'node:perf_hooks';
import type { RunOutcome } from './instance.js';
import { LogBuffer } from './log-buffer.js';
import type { FailureCause, FunctionErrorBody, InvokeOutcome } from './types.js';

/** What every outcome of one invocation carries. */
export interface OutcomeBase {
  requestId: string;
  codeChecksum: string;
}

/** FC frames each invocation's log with these lines (assumption: seen in FC tooling output, not in a spec). */
export function wrapLog(requestId: string, initLog: LogBuffer | undefined, log: LogBuffer): LogBuffer {
  const framed = new LogBuffer();
  if (initLog !== undefined) framed.appendBuffer(initLog);
  framed.append(`FC Invoke Start RequestId: ${requestId}\n`);
  framed.appendBuffer(log);
  framed.append(`FC Invoke End RequestId: ${requestId}\n`);
  return framed;
}

export function toOutcome(
  base: OutcomeBase,
  outcome: RunOutcome,
  log: LogBuffer,
  started: number,
  coldStart: boolean,
  timeoutSeconds: number,
): InvokeOutcome {
  switch (outcome.kind) {
    case 'ok':
      return {
        ...base,
        ok: true,
        body: outcome.body,
        durationMs: elapsed(started),
        log: log.text(),
        logResult: log.tailBase64(),
        coldStart,
      };
    case 'error':
      return failure(base, 'error', outcome.error, log, started, coldStart);
    case 'timeout':
      // Message prefix from FC's "Function time out after" troubleshooting page; the rest is inferred.
      return failure(
        base,
        'timeout',
        { errorMessage: `Function time out after ${timeoutSeconds} seconds` },
        log,
        started,
        coldStart,
      );
    case 'exit':
      return failure(base, 'exit', { errorMessage: processExitedMessage(elapsed(started)) }, log, started, coldStart);
  }
}

/** FC "Error handling" (Node.js): the generic message when the process exits mid-request; memory is not measured. */
export function processExitedMessage(durationMs: number): string {
  return `Process exited unexpectedly before completing request (duration: ${durationMs}ms, maxMemoryUsage: 0MB)`;
}

export function failure(
  base: OutcomeBase,
  cause: FailureCause,
  error: FunctionErrorBody,
  log: LogBuffer,
  started: number,
  coldStart: boolean,
): InvokeOutcome {
  return {
    ...base,
    ok: false,
    // FC documents only UnhandledInvocationError for code failures in 3.0; InitializationError is for the
    // initializer hook (FC's Node.js error-handling page), which this emulator does not run, so load failures
    // use UnhandledInvocationError.
    fcErrorType: 'UnhandledInvocationError',
    cause,
    error,
    body: Buffer.from(JSON.stringify(error), 'utf8'),
    durationMs: elapsed(started),
    log: log.text(),
    logResult: log.tailBase64(),
    coldStart,
  };
}

/** Milliseconds since `started` (a `performance.now()` reading), rounded. */
export function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}
