import { CloudError, type Service } from '../errors.js';
import type { ApiCall } from '../ports.js';
import type { LoadedSdk, SdkClient } from './sdk-loader.js';

// Every SDK call goes through here: timed, reported (for --verbose), and its failure translated into a
// CloudError that carries the cloud's code, HTTP status and RequestId — never the request's credentials.

export type CallObserver = (record: ApiCall) => void;

export interface Caller {
  <S extends Service, T>(client: SdkClient<S>, action: string, run: (sdk: LoadedSdk<S>) => Promise<T>): Promise<T>;
}

export function createCaller(observe: CallObserver, now: () => number = Date.now): Caller {
  return async (client, action, run) => {
    const service = client.service;
    // The first call of a product loads its SDK (src/cloud/sdk/sdk-loader.ts): not part of the call's time, and a
    // failure to load is not the cloud's refusal.
    const loaded = await client.get();
    const started = now();
    try {
      const answer = await run(loaded);
      const body = (answer as { body?: { requestId?: string } } | undefined)?.body;
      const headers = (answer as { headers?: Record<string, string> } | undefined)?.headers;
      observe({
        service,
        action,
        ms: now() - started,
        requestId: body?.requestId ?? headers?.['x-acs-request-id'] ?? headers?.['x-fc-request-id'],
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
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

export function toCloudError(service: Service, action: string, error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  const sdk = (error ?? {}) as SdkError;
  if (typeof sdk.statusCode === 'number' && sdk.code && !NETWORK_CODES.has(sdk.code)) {
    const message = sdk.data?.Message ?? sdk.data?.message ?? stripSdkPrefix(sdk.message ?? '');
    return new CloudError({
      service,
      action,
      cloudCode: sdk.code,
      message,
      httpStatus: sdk.statusCode,
      requestId: sdk.requestId && sdk.requestId !== 'undefined' ? sdk.requestId : sdk.data?.RequestId,
      retryAfterSeconds: typeof sdk.retryAfter === 'number' ? sdk.retryAfter / 1000 : undefined,
      cause: error,
    });
  }
  const text = sdk.message ?? String(error);
  const timeout = /timeout|timed out|ETIMEDOUT/i.test(text) || sdk.name === 'RequestTimeoutError';
  const network =
    timeout || NETWORK_CODES.has(sdk.code ?? '') || /socket hang up|ECONN|EPIPE|ENOTFOUND|EAI_AGAIN/.test(text);
  if (network) {
    return new CloudError({
      service,
      action,
      cloudCode: timeout ? 'Timeout' : 'NetworkError',
      message: text,
      cause: error,
    });
  }
  // The SDK threw before talking to the cloud (no credentials, a malformed answer): report it as such.
  return new CloudError({ service, action, cloudCode: sdk.code ?? 'ClientSideError', message: text, cause: error });
}

function stripSdkPrefix(message: string): string {
  // "code: 400, The specified resource … request id: ABC" → the cloud's own message.
  return message
    .replace(/^[\w.]+: /, '')
    .replace(/^code: \d+, /, '')
    .replace(/ request id: \S*$/, '');
}
