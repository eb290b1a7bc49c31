import { fcRequestId, popRequestId } from '../core/ids.js';
import { ApiError } from '../api/api-error.js';
import type { Dialect } from '../core/dialect.js';

// How a service's answers and errors look on the wire. POP products (ALB, Alidns, STS) answer JSON that carries
// `RequestId`, and errors `{RequestId, HostId, Code, Message, Recommend}` with a troubleshoot link (captured in
// aliyun/aliyun-cli openapi/commando_test.go; HostId is the endpoint host); their RequestIds are upper-case
// UUIDs. FC 3.0 answers the resource itself and errors `{Code, Message, RequestId}` (`@alicloud/fc20230330`
// Error model), with RequestIds like `1-64e70cf1-5cbef92ea8fc8c42899cf5d1` (FC 3.0 error codes page,
// https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes). Both send `x-acs-request-id`.
// OSS (XML errors, `x-oss-request-id`) is a third dialect: services/oss/dialect.ts.

const REQUEST_ID_HEADER = 'x-acs-request-id';

/** The product as its error answers name it: `product` in the Recommend link, the endpoint host as HostId. */
export interface PopProduct {
  name: string;
  host(region: string): string;
}

export function popDialect(product: PopProduct): Dialect {
  return {
    style: 'pop',
    requestId: () => popRequestId(),
    answer: (answer, requestId) => ({
      ...answer,
      json: answer.json === undefined ? undefined : { RequestId: requestId, ...(answer.json as object) },
      headers: { ...answer.headers, [REQUEST_ID_HEADER]: requestId },
    }),
    error: (error, requestId, region) => ({
      status: error.status,
      json: {
        RequestId: requestId,
        HostId: product.host(region),
        Code: error.code,
        Message: error.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product.name}&requestId=${requestId}`,
      },
      headers: { ...error.headers, [REQUEST_ID_HEADER]: requestId },
    }),
    // Assumption: the gateway's code for an oversized body is not documented; 413 says what happened.
    bodyTooLarge: (maxBytes) =>
      new ApiError(413, 'RequestEntityTooLarge', `The request body exceeds ${maxBytes} bytes.`, {
        connection: 'close',
      }),
    internalError: () =>
      new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error.'),
  };
}

export const fcDialect: Dialect = {
  style: 'fc',
  requestId: (now) => fcRequestId(now),
  answer: (answer, requestId) => ({ ...answer, headers: { ...answer.headers, [REQUEST_ID_HEADER]: requestId } }),
  error: (error, requestId) => ({
    status: error.status,
    json: { Code: error.code, Message: error.message, RequestId: requestId },
    headers: { ...error.headers, [REQUEST_ID_HEADER]: requestId },
  }),
  // FC's EntityTooLarge with its documented message (FC 3.0 error codes page).
  bodyTooLarge: (maxBytes) =>
    new ApiError(400, 'EntityTooLarge', `payload size exceeds maximum allowed size (${maxBytes} bytes)`, {
      connection: 'close',
    }),
  internalError: () => new ApiError(500, 'InternalServerError', 'an internal error has occurred. Please retry.'),
};
