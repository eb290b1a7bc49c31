// One shape for any thrown value, so every renderer shows failures the same way.
import { ExitCode, isAlbFcError } from '../../errors.js';
import type { ErrorSummary } from '../../runner/result-document.js';

export interface ErrorView extends ErrorSummary {
  exitCode: number;
  /** A bug in alb-fc (not an AlbFcError, or one wrapped as INTERNAL, exit 1): its stack shows with --verbose. */
  internal: boolean;
  stack?: string;
}

/** Exit codes after which the state is saved and re-running the same command resumes (README.md, "Exit codes": 3, 5, 130). */
export const resumableExitCodes: ReadonlySet<number> = new Set([
  ExitCode.cloudRefused,
  ExitCode.timeout,
  ExitCode.interrupted,
]);

export function describeError(err: unknown): ErrorView {
  if (isAlbFcError(err)) {
    const internal = err.exitCode === ExitCode.internal;
    // A wrapped bug's useful stack is its cause's: where it was thrown, not where it was wrapped.
    const stack = internal && err.cause instanceof Error ? err.cause.stack : err.stack;
    return {
      code: err.code,
      message: err.message,
      exitCode: err.exitCode,
      internal,
      ...defined({ hint: err.hint, cloudCode: err.cloudCode, requestId: err.requestId, step: err.step }),
      ...defined({ stack }),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'INTERNAL',
    message,
    hint: 'This is a bug in alb-fc. Run again with --verbose for the stack trace and report it.',
    exitCode: 1,
    internal: true,
    ...defined({ stack: err instanceof Error ? err.stack : undefined }),
  };
}

function defined<T extends Record<string, string | undefined>>(record: T): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key as keyof T] = value;
  return out;
}
