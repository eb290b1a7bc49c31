// An error the local cloud answers with. `status` and `code` follow the real services: POP products
// (ALB, Alidns, STS) answer 4xx with `{RequestId, HostId, Code, Message, Recommend}`; FC 3.0 answers
// `{Code, Message, RequestId}` (reference alb-api.md §6.1, fc-dns-sts-auth.md §A.5, §C.3).

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Fills the `%s` placeholders of a documented message template, in order. */
export function template(message: string, ...values: Array<string | number>): string {
  let index = 0;
  return message.replace(/%s/g, () => String(values[index++] ?? ''));
}

/** Which family of error answers a product gives: POP (ALB, Alidns, STS) or FC 3.0. */
export type ErrorStyle = 'pop' | 'fc';

// The POP answers the gateway and every POP service share (reference alb-api.md §5.5, §6.3).
export const popErrors = {
  missing: (name: string) => new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`),
  invalidParameter: (detail?: string) =>
    new ApiError(
      400,
      'InvalidParameter',
      detail
        ? `Invalid parameter, please check the parameter input. ${detail}`
        : 'Invalid parameter, please check the parameter input.',
    ),
  dryRun: () => new ApiError(400, 'DryRunOperation', 'Request validation has been passed with DryRun flag set.'),
};
