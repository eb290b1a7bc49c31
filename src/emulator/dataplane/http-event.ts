// Builds the FC 3.0 HTTP event (the request struct of FC's HTTP trigger page,
// https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function) from a request
// arriving at an emulated listener. Whether an ALB→FC 3.0 request uses exactly this struct is not documented; FC's HTTP
// trigger does.
import { safeDecode } from '../auth/encoding.js';
import { isoSeconds } from '../core/time.js';
import type { FcHttpEvent } from '../runtime/index.js';

export interface HttpEventInput {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** `IncomingMessage.httpVersion`, e.g. `1.1`. */
  httpVersion: string;
  /** Every value of every header (`IncomingMessage.headersDistinct`). */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  accountId: string;
  domainName: string;
  requestId: string;
  nowMs: number;
}

const TEXT_TYPES = [
  /^text\//,
  /^application\/(json|xml|javascript|x-www-form-urlencoded|graphql)\b/,
  /^application\/[^;]+\+(json|xml)\b/,
];

/** Assumption: FC base64-encodes bodies unless they are textual by content type and valid UTF-8 (its page says only
 * "base64 when binary content"). */
export function encodeEventBody(
  body: Buffer,
  contentType: string | undefined,
): { body: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { body: '', isBase64Encoded: false };
  const type = (contentType ?? '').toLowerCase().trim();
  if (TEXT_TYPES.some((pattern) => pattern.test(type))) {
    try {
      return { body: new TextDecoder('utf-8', { fatal: true }).decode(body), isBase64Encoded: false };
    } catch {
      // not UTF-8 after all: send it as binary
    }
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  let target = url;
  if (!target.startsWith('/')) {
    // absolute-form request target (`GET http://host/path`)
    try {
      const parsed = new URL(target);
      target = parsed.pathname + parsed.search;
    } catch {
      target = `/${target}`;
    }
  }
  const question = target.indexOf('?');
  return question < 0
    ? { rawPath: target, rawQuery: '' }
    : { rawPath: target.slice(0, question), rawQuery: target.slice(question + 1) };
}

/** Multi-valued parameters are comma-joined, like headers (FC's HTTP trigger page). */
function queryParameters(rawQuery: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return out;
}

/** RFC 9110 token characters: the bytes Go accepts in a header name (net/textproto `validHeaderFieldByte`). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A header name as Go's net/http hands it over (`textproto.CanonicalMIMEHeaderKey`): the first letter and every
 * letter after a hyphen upper-case, the others lower-case (`x-custom-thing` → `X-Custom-Thing`); a name that is not a
 * token is left as it is. FC 3.0 builds the HTTP event this way: "the HTTP header key is normalized based on the
 * net/http standard library in Go" (FC FAQ "Why does the first letter of the header key become uppercase when I
 * use an HTTP trigger", https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/why-does-the-first-letter-of-header-key-become-uppercase-when-using-http-trigger-call).
 */
export function canonicalHeaderKey(name: string): string {
  if (!TOKEN.test(name)) return name;
  let upper = true;
  let out = '';
  for (const char of name) {
    out += upper ? char.toUpperCase() : char.toLowerCase();
    upper = char === '-';
  }
  return out;
}

export function buildHttpEvent(input: HttpEventInput): FcHttpEvent {
  const { rawPath, rawQuery } = splitUrl(input.url);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(input.headers)) {
    if (values !== undefined && values.length > 0) headers[canonicalHeaderKey(name)] = values.join(',');
  }
  // ALB listeners add the client address to X-Forwarded-For by default (CreateListener XForwardedForEnabled
  // default true, XForwardedForProcessingMode default append: alb20200616 CreateListenerRequest.d.ts).
  const forwarded = headers['X-Forwarded-For'];
  headers['X-Forwarded-For'] = forwarded === undefined ? input.sourceIp : `${forwarded}, ${input.sourceIp}`;
  const contentType = input.headers['content-type']?.[0];
  return {
    version: 'v1',
    rawPath,
    ...encodeEventBody(input.body, contentType),
    headers,
    queryParameters: queryParameters(rawQuery),
    requestContext: {
      accountId: input.accountId,
      domainName: input.domainName,
      domainPrefix: input.domainName.split('.')[0] ?? input.domainName,
      requestId: input.requestId,
      time: isoSeconds(input.nowMs),
      timeEpoch: String(input.nowMs),
      http: {
        method: input.method,
        path: safeDecode(rawPath) ?? rawPath,
        protocol: `HTTP/${input.httpVersion}`,
        sourceIp: input.sourceIp,
        userAgent: input.headers['user-agent']?.[0] ?? '',
      },
    },
  };
}
