// The function runtime's public shapes. Field meanings follow FC 3.0 (`@alicloud/fc20230330` Function and
// InvokeFunction).

/** What the runtime needs of a function: its configuration and the ZIP exactly as uploaded via `code.zipFile`. */
export interface FunctionConfig {
  /**
   * Which function (and qualifier) this is, unique across accounts and regions, e.g.
   * `1000000000000001/cn-hangzhou/demo@LATEST`: warm instances are pooled, replaced and disposed by it.
   */
  key: string;
  /** The function's name as its code sees it (`context.function.name`, `FC_FUNCTION_NAME`). */
  name: string;
  /** `nodejs12` .. `nodejs22`, `python3`, `python3.9`, `python3.10`, `python3.12`; else `UnsupportedRuntime`. */
  runtime: string;
  /** `file.export`, e.g. `index.handler`; `file` may contain `/` (`src/app.main`). */
  handler: string;
  /** FC `timeout` (s). Fractions are allowed here so tests can use short timeouts. */
  timeoutSeconds: number;
  /** FC `memorySize` (MB); bounds the instance's V8 heap. */
  memorySize?: number;
  environmentVariables?: Readonly<Record<string, string>>;
  /** The ZIP; read only when the code is not extracted yet. */
  loadZip(): Promise<Buffer>;
  /**
   * FC `codeChecksum` (CRC-64 string): names the directory the code is extracted to, so it must be 1–128
   * letters, digits, `_` or `-` (else `InvalidCode`).
   */
  codeChecksum: string;
}

/** The error object FC returns as the body of a failed invocation (FC "Error handling" page, Node.js). */
export interface FunctionErrorBody {
  errorMessage: string;
  errorType?: string;
  stackTrace?: string[];
}

/** Why an invocation failed: the handler's own error, the timeout, the process dying, or the code not loading. */
export type FailureCause = 'error' | 'timeout' | 'exit' | 'init';

interface OutcomeBase {
  requestId: string;
  /** Wall time from dispatch to answer, in ms (what `x-fc-invocation-duration` reports). */
  durationMs: number;
  /** The invocation's log (console output, FC line format), at most the last 64 KB. */
  log: string;
  /** Base64 of the log's last 4 KB: the value of `x-fc-log-result` for `x-fc-log-type: Tail`. */
  logResult: string;
  codeChecksum: string;
  /** Whether this invocation started a new instance (a cold start). */
  coldStart: boolean;
}

export interface InvokeSuccess extends OutcomeBase {
  ok: true;
  /** The handler's answer: a string as UTF-8, a Buffer as is, anything else as JSON; nothing → empty. */
  body: Buffer;
}

export interface InvokeFailure extends OutcomeBase {
  ok: false;
  /** Value of the `x-fc-error-type` response header (invoke-response.ts). */
  fcErrorType: 'UnhandledInvocationError';
  cause: FailureCause;
  error: FunctionErrorBody;
  /** `error` serialized as FC sends it. */
  body: Buffer;
}

export type InvokeOutcome = InvokeSuccess | InvokeFailure;

/** The account and region an instance runs for (its `FC_ACCOUNT_ID`, `FC_REGION` and handler context). */
export interface Placement {
  accountId: string;
  region: string;
}

export interface InvokeOptions {
  /** FC-style request id; one is generated when absent. */
  requestId?: string;
  /** The function's account (`context.accountId`, `FC_ACCOUNT_ID`); default the runtime's `accountId`. */
  accountId?: string;
  /** The function's region (`context.region`, `FC_REGION`); default the runtime's `region`. */
  region?: string;
}

/** FC 3.0 HTTP event (FC's HTTP trigger page), as built by the data plane (dataplane/http-event.ts). */
export interface FcHttpEvent {
  version: 'v1';
  rawPath: string;
  body: string;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
  queryParameters: Record<string, string>;
  requestContext: {
    accountId: string;
    domainName: string;
    domainPrefix: string;
    requestId: string;
    time: string;
    timeEpoch: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  };
}

export interface InstanceInfo {
  /** `FunctionConfig.key`: the function (and qualifier) the instance runs. */
  functionKey: string;
  functionName: string;
  codeChecksum: string;
  pid: number | undefined;
  state: 'starting' | 'idle' | 'busy' | 'exited';
  /** One of FC's provisioned instances (PutProvisionConfig): started ahead, no cold start. */
  provisioned: boolean;
  /** Requests it was given so far. */
  invocations: number;
}
