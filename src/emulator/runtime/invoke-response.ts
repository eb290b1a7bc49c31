// How an InvokeFunction answer goes on the wire (`@alicloud/fc20230330` invokeFunctionWithOptions reads a binary
// body): always HTTP 200, the function's output as raw bytes; a function error is flagged by `x-fc-error-type`
// with the error JSON as body (FC's error-handling docs: "the server always returns HTTP 200").
import type { InvokeOutcome } from './types.js';

export interface InvokeHttpAnswer {
  statusCode: 200;
  headers: Record<string, string>;
  body: Buffer;
}

/** `logType` is the request's `x-fc-log-type` header: `Tail` adds `x-fc-log-result` (base64 of the last 4 KB). */
export function invokeFunctionAnswer(outcome: InvokeOutcome, logType?: string): InvokeHttpAnswer {
  const headers: Record<string, string> = {
    'x-fc-request-id': outcome.requestId,
    // Seen on FC answers (FC 2.0-era clients and emulators read them); values are the emulator's own measurements.
    'x-fc-invocation-duration': String(outcome.durationMs),
    'x-fc-code-checksum': outcome.codeChecksum,
    // Assumption: FC's content type for raw function output is not documented.
    'content-type': outcome.ok ? 'application/octet-stream' : 'application/json',
  };
  if (!outcome.ok) headers['x-fc-error-type'] = outcome.fcErrorType;
  if (logType?.toLowerCase() === 'tail') headers['x-fc-log-result'] = outcome.logResult;
  return { statusCode: 200, headers, body: outcome.body };
}
