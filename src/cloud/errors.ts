import { AlbFcError, ExitCode } from '../errors.js';

export type Service = 'fc' | 'alb' | 'alidns' | 'sts' | 'oss';

export interface CloudErrorInit {
  service: Service;
  action: string;
  /** The cloud's code (`IncorrectStatus.ServerGroup`), or `NetworkError` / `Timeout` for transport failures. */
  cloudCode: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  /** Seconds from `x-acs-retry-after`, when the cloud sent it with a Throttling error. */
  retryAfterSeconds?: number;
  cause?: unknown;
  /** The whole message, when `<service> <action> failed: <code>: <message>` would not read well. */
  summary?: string;
  hint?: string;
  /** alb-fc's code (default `CLOUD_REFUSED`), e.g. `CREDENTIALS_REJECTED`, `CLOUD_UNREACHABLE`. */
  code?: string;
}

/** A call the cloud refused (or that never got an answer). Exit code 3 unless a caller reclassifies it. */
export class CloudError extends AlbFcError {
  readonly service: Service;
  readonly action: string;
  readonly httpStatus: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: CloudErrorInit) {
    super({
      code: init.code ?? 'CLOUD_REFUSED',
      message: init.summary ?? `${init.service} ${init.action} failed: ${init.cloudCode}: ${init.message}`,
      exitCode: ExitCode.cloudRefused,
      ...(init.hint === undefined ? {} : { hint: init.hint }),
      cloudCode: init.cloudCode,
      requestId: init.requestId,
      cause: init.cause,
    });
    this.name = 'CloudError';
    this.service = init.service;
    this.action = init.action;
    this.httpStatus = init.httpStatus;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isCloudError(error: unknown): error is CloudError {
  return error instanceof CloudError;
}

export function hasCloudCode(error: unknown, ...codes: string[]): boolean {
  return isCloudError(error) && error.cloudCode !== undefined && codes.includes(error.cloudCode);
}
