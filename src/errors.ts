// One error type for everything alb-fc reports on purpose. Its `exitCode` is one of the exit codes of README.md
// ("Exit codes"); src/main.ts is the only place that turns errors into exit codes.

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  cloudRefused: 3,
  preflight: 4,
  timeout: 5,
  partial: 6,
  locked: 7,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface AlbFcErrorInit {
  /** Stable, documented identifier, e.g. `MISSING_VALUE`, `WAIT_TIMEOUT`, `CLOUD_REFUSED`. */
  code: string;
  message: string;
  exitCode: ExitCode;
  /** What the user should do next. */
  hint?: string;
  /** The cloud's own error code and request id, when the cloud refused a call. */
  cloudCode?: string;
  requestId?: string;
  /** The step that failed, when a step failed. */
  step?: string;
  cause?: unknown;
}

export class AlbFcError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  readonly cloudCode: string | undefined;
  readonly requestId: string | undefined;
  step: string | undefined;

  constructor(init: AlbFcErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AlbFcError';
    this.code = init.code;
    this.exitCode = init.exitCode;
    this.hint = init.hint;
    this.cloudCode = init.cloudCode;
    this.requestId = init.requestId;
    this.step = init.step;
  }
}

export function usageError(code: string, message: string, hint?: string): AlbFcError {
  return new AlbFcError({ code, message, hint, exitCode: ExitCode.usage });
}

export function preflightError(code: string, message: string, hint?: string): AlbFcError {
  return new AlbFcError({ code, message, hint, exitCode: ExitCode.preflight });
}

export function isAlbFcError(error: unknown): error is AlbFcError {
  return error instanceof AlbFcError;
}

/** Raised when the run's AbortSignal fires (Ctrl-C, SIGTERM): the run stops between calls, state saved. */
export function interruptedError(step?: string): AlbFcError {
  return new AlbFcError({
    code: 'INTERRUPTED',
    message: 'Interrupted. State is saved; run the same command again to resume.',
    exitCode: ExitCode.interrupted,
    step,
  });
}

/** Any thrown value as an AlbFcError: ours as is (tagged with the step), anything else is a bug (exit 1). */
export function asAlbFcError(error: unknown, step?: string): AlbFcError {
  if (error instanceof AlbFcError) {
    if (step && !error.step) error.step = step;
    return error;
  }
  return new AlbFcError({
    code: 'INTERNAL',
    message: `unexpected error${step ? ` in step ${step}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
    exitCode: ExitCode.internal,
    hint: 'This is a bug in alb-fc: run again with --verbose for the stack trace and report it (a run that had started saved its state).',
    step,
    cause: error,
  });
}
