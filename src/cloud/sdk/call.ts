import { CloudError, type Service } from '../errors.js';
import type { ApiCall } from '../ports.js';
import { credentialsRejection } from '../auth-failures.js';
import { dnsFailureOf, dnsFailureMessage, readableTransportMessage } from './transport-errors.js';
import type { LoadedSdk, SdkClient, SdkService } from './sdk-loader.js';

// Every SDK call goes through here: timed, reported (for --verbose), and its failure translated into a
// CloudError that carries the cloud's code, HTTP status and RequestId — never the request's credentials.

export type CallObserver = (record: ApiCall) => void;

export interface Caller {
  <S extends SdkService, T>(client: SdkClient<S>, action: string, run: (sdk: LoadedSdk<S>) => Promise<T>): Promise<T>;
}

/** One call of a product's client, observed: what the OSS adapter (its own client library) calls through. */
export type ObservedCall = <T>(service: Service, action: string, run: () => Promise<T>) => Promise<T>;

export function createCaller(observe: CallObserver, now: () => number = Date.now): Caller {
  const observed = observedCall(observe, now);
  return async (client, action, run) => {
    // The first call of a product loads its SDK (src/cloud/sdk/sdk-loader.ts): not part of the call's time, and a
    // failure to load is not the cloud's refusal.
    const loaded = await client.get();
    return observed(client.service, action, () => run(loaded));
  };
}

export function observedCall(observe: CallObserver, now: () => number = Date.now): ObservedCall {
  return async (service, action, run) => {
    const started = now();
    try {
      const answer = await run();
      const body = (answer as { body?: { requestId?: string } } | undefined)?.body;
      const headers = (answer as { headers?: Record<string, string> } | undefined)?.headers;
      observe({
        service,
        action,
        ms: now() - started,
        requestId:
          body?.requestId ??
          headers?.['x-acs-request-id'] ??
          headers?.['x-fc-request-id'] ??
          headers?.['x-oss-request-id'],
        status: (answer as { statusCode?: number } | undefined)?.statusCode,
      });
      return answer;
    } catch (error) {
      const cloudError = toCloudError(service, action, error);
      observe({
        service,
        action,
        ms: now() - started,
        requestId: cloudError.requestId,
        cloudCode: cloudError.cloudCode,
        status: cloudError.httpStatus,
      });
      throw cloudError;
    }
  };
}

interface SdkError {
  code?: string;
  statusCode?: number;
  requestId?: string;
  retryAfter?: number;
  message?: string;
  data?: { Message?: string; message?: string; RequestId?: string };
  name?: string;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

export function toCloudError(service: Service, action: string, error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  const sdk = (error ?? {}) as SdkError;
  if (typeof sdk.statusCode === 'number' && sdk.code && !NETWORK_CODES.has(sdk.code)) {
    const message = sdk.data?.Message ?? sdk.data?.message ?? stripSdkPrefix(sdk.message ?? '');
    const rejected = credentialsRejection(sdk.code);
    return new CloudError({
      service,
      action,
      cloudCode: sdk.code,
      message,
      httpStatus: sdk.statusCode,
      requestId: sdk.requestId && sdk.requestId !== 'undefined' ? sdk.requestId : sdk.data?.RequestId,
      retryAfterSeconds: typeof sdk.retryAfter === 'number' ? sdk.retryAfter / 1000 : undefined,
      cause: error,
      ...(rejected ? { code: 'CREDENTIALS_REJECTED', summary: rejected.message, hint: rejected.hint } : {}),
    });
  }
  const dns = dnsFailureOf(sdk as { code?: unknown; hostname?: unknown; message?: unknown });
  if (dns) {
    // Not transient (src/runner/retry.ts): a name that does not resolve will not resolve in a second either.
    return new CloudError({
      service,
      action,
      cloudCode: 'DnsLookupFailed',
      message: readableTransportMessage(sdk.message ?? String(error)),
      summary: dnsFailureMessage(dns),
      code: 'CLOUD_UNREACHABLE',
      cause: error,
    });
  }
  const text = readableTransportMessage(sdk.message ?? String(error));
  const timeout = /timeout|timed out|ETIMEDOUT/i.test(text) || sdk.name === 'RequestTimeoutError';
  const network = timeout || NETWORK_CODES.has(sdk.code ?? '') || /socket hang up|ECONN|EPIPE/.test(text);
  if (network) {
    return new CloudError({
      service,
      action,
      cloudCode: timeout ? 'Timeout' : 'NetworkError',
      message: text,
      cause: error,
    });
  }
  // The SDK threw before talking to the cloud (a malformed answer, a model it could not build): report it as such.
  return new CloudError({ service, action, cloudCode: sdk.code ?? 'ClientSideError', message: text, cause: error });
}

function stripSdkPrefix(message: string): string {
  // "code: 400, The specified resource … request id: ABC" → the cloud's own message.
  return message
    .replace(/^[\w.]+: /, '')
    .replace(/^code: \d+, /, '')
    .replace(/ request id: \S*$/, '');
}
