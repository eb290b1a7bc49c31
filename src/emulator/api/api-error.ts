// An error the local cloud answers with. `status` and `code` follow the real services: POP products
// (ALB, Alidns, STS) answer 4xx with `{RequestId, HostId, Code, Message, Recommend}`; FC 3.0 answers
// `{Code, Message, RequestId}`; core/dialect.ts writes them (wire/dialects.ts cites the shapes).

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

/** Which family of error answers a product gives: POP (ALB, Alidns, STS), FC 3.0 or OSS. */
export type ErrorStyle = 'pop' | 'fc' | 'oss';

// The POP answers the gateway and every POP service share: `Missing<Name>` ("ListenerId is mandatory for this action.",
// alibaba/alibaba-load-balancer-controller issue #7), `InvalidParameter` and `DryRunOperation` (ALB error-code page,
// https://alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-errorcodes).
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
  /** A type or range the gateway checks (the POP gateway's `InvalidPageSize` sample, `source=PopGw`). */
  notValid: (name: string) => new ApiError(400, `Invalid${name}`, `Specified parameter ${name} is not valid.`),
  /** A `flat` list or object sent as one JSON string (aliyun/aliyun-cli issue 1393). */
  notFlat: (name: string) =>
    new ApiError(400, `Invalid${name}`, 'Illegal parameter serialization format. Flat format is required.'),
};
