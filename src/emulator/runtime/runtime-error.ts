// Failures that are not the function's own doing. The caller maps them to FC API errors; the suggested mapping
// is on each code (FC 3.0 error codes page, https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes).

export type RuntimeErrorCode =
  /** Not a runtime this emulator runs → FC `InvalidArgument` (400). */
  | 'UnsupportedRuntime'
  /** A runtime this emulator runs, but not on this machine (no Python 3) → FC `InvalidArgument` (400), ALB 502. */
  | 'RuntimeUnavailable'
  /** Handler is not `file.export` → FC `InvalidArgument` (400). */
  | 'InvalidHandler'
  /** ZIP unreadable, unsafe (absolute path, `..`) or too large → FC `InvalidArgument` (400). */
  | 'InvalidCode'
  /** Every instance busy and the queue full, or the queue wait ran out → FC `ResourceExhausted` (429). */
  | 'ResourceExhausted'
  /** `close()` was called → FC `InternalServerError` (500) / ALB 503. */
  | 'RuntimeClosed';

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;

  constructor(code: RuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
    this.code = code;
  }
}

export function isRuntimeError(error: unknown): error is RuntimeError {
  return error instanceof RuntimeError;
}
