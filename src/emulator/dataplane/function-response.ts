// Turns a function's answer into the listener's HTTP response (the "response struct" of FC's HTTP trigger page,
// https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function):
//  - a JSON object with an integer `statusCode` is a response struct: {statusCode, headers, body, isBase64Encoded};
//  - any other answer is sent as is with status 200 (inferred from FC's samples; documented emulator behaviour);
//  - a function error or timeout is ALB's 502 (assumption: how ALB reports an FC function error is undocumented).
// Detection works on the answer's bytes, as FC's gateway sees them: a handler returning the struct as a JSON
// string is mapped the same way as one returning the object.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { InvokeOutcome } from '../runtime/index.js';
import { albErrorPage, type HttpAnswer } from './http-answer.js';

/** Set by the transport, never taken from the function. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

type Parsed = { kind: 'struct'; answer: HttpAnswer } | { kind: 'raw' } | { kind: 'invalid'; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerValue(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return value.map((v) => String(v));
  }
  return undefined;
}

function parseStruct(body: Buffer): Parsed {
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  if (first !== 0x7b /* { */) return { kind: 'raw' };
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'raw' };
  }
  if (!isPlainObject(value) || !('statusCode' in value)) return { kind: 'raw' };
  const { statusCode, headers, isBase64Encoded } = value;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { kind: 'invalid', reason: `statusCode ${JSON.stringify(statusCode)} is not an HTTP status` };
  }
  const out: Record<string, string | string[]> = {};
  if (headers !== undefined && headers !== null) {
    if (!isPlainObject(headers)) return { kind: 'invalid', reason: 'headers is not an object' };
    for (const [name, raw] of Object.entries(headers)) {
      const converted = headerValue(raw);
      if (converted === undefined) return { kind: 'invalid', reason: `header ${name} has an unsupported value` };
      try {
        validateHeaderName(name);
        for (const v of Array.isArray(converted) ? converted : [converted]) validateHeaderValue(name, v);
      } catch {
        return { kind: 'invalid', reason: `header ${name} is not a valid HTTP header` };
      }
      if (!HOP_BY_HOP.has(name.toLowerCase())) out[name] = converted;
    }
  }
  let responseBody: Buffer;
  if (value.body === undefined || value.body === null) responseBody = Buffer.alloc(0);
  else if (typeof value.body === 'string') {
    responseBody = Buffer.from(value.body, isBase64Encoded === true ? 'base64' : 'utf8');
  } else responseBody = Buffer.from(JSON.stringify(value.body), 'utf8');
  return { kind: 'struct', answer: { statusCode, headers: out, body: responseBody } };
}

/** Headers an ALB→FC answer plausibly carries (assumption: FC's InvokeFunction answers have them). */
function fcHeaders(outcome: InvokeOutcome): Record<string, string> {
  return {
    'x-fc-request-id': outcome.requestId,
    'x-fc-invocation-duration': String(outcome.durationMs),
  };
}

export function answerFromOutcome(outcome: InvokeOutcome): HttpAnswer {
  if (!outcome.ok) {
    return albErrorPage(502, { ...fcHeaders(outcome), 'x-fc-error-type': outcome.fcErrorType });
  }
  const parsed = parseStruct(outcome.body);
  switch (parsed.kind) {
    case 'struct':
      return { ...parsed.answer, headers: { ...parsed.answer.headers, ...fcHeaders(outcome) } };
    case 'raw':
      return { statusCode: 200, headers: fcHeaders(outcome), body: outcome.body };
    case 'invalid':
      return albErrorPage(502, {
        ...fcHeaders(outcome),
        'x-alb-fc-emulator-reason': `InvalidFunctionResponse: ${parsed.reason}`,
      });
  }
}
