// The data plane of one emulated ALB listener: a real HTTP server on loopback that forwards each request to the
// function behind the listener (as FC 3.0 HTTP event, http-event.ts) and answers as ALB would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvocationThrottled } from '../core/function-directory.js';
import { readBody } from '../core/http.js';
import { fcRequestId } from '../core/ids.js';
import { isRuntimeError } from '../runtime/index.js';
import { answerFromOutcome } from './function-response.js';
import { albErrorPage, textAnswer, type HttpAnswer } from './http-answer.js';
import { buildHttpEvent } from './http-event.js';
import type { ListenerServer, ListenerServerOptions } from './types.js';

/** ALB listener defaults (alb20200616 CreateListenerRequest.d.ts): RequestTimeout 60 s, IdleTimeout 15 s. */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const DEFAULT_IDLE_TIMEOUT_MS = 15_000;
const CLOSE_DEADLINE_MS = 5_000;
/** Request body limit: FC's synchronous invocation payload limit (assumption; FC's quota page may allow more). */
const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;
/** Emulator-only diagnostic header naming why the emulator answered itself; real ALB sends nothing like it. */
export const REASON_HEADER = 'x-alb-fc-emulator-reason';

export async function openListenerServer(options: ListenerServerOptions): Promise<ListenerServer> {
  const host = options.host ?? '127.0.0.1';
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer({
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(requestTimeoutMs, 30_000),
    keepAliveTimeout: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, options, requestTimeoutMs).then(
      (answer) => write(res, answer),
      () => write(res, albErrorPage(500)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    close: () => {
      closing ??= closeServer(server);
      return closing;
    },
  };
}

async function handle(
  req: IncomingMessage,
  options: ListenerServerOptions,
  requestTimeoutMs: number,
): Promise<HttpAnswer> {
  const now = options.now ?? Date.now;
  const decision = await options.route({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    host: req.headers.host,
    headers: req.headers,
  });
  if ('noBackend' in decision) {
    return albErrorPage(503, { [REASON_HEADER]: decision.noBackend });
  }
  // ALB answers a FixedResponse or Redirect action itself: no function runs, the body is not read.
  if ('answer' in decision) return decision.answer;
  const { target } = decision;
  const dateRequired =
    options.requireDateHeader === true || (options.requireDateHeader === 'fc2' && target.fcVersion === 'v2');
  if (dateRequired && req.headers.date === undefined) {
    // Message text of FC's MissingRequiredHeader error (FC 3.0 error codes page); status and format are assumptions.
    const whose = target.fcVersion === 'v2' ? 'An FC 2.0 function' : 'A function';
    return textAnswer(
      400,
      `MissingRequiredHeader: required HTTP header Date was not specified. ${whose} behind ALB needs every ` +
        'request to carry a Date header (FC "ALB triggers" limits; this local cloud: requireDateHeader).',
      { [REASON_HEADER]: 'MissingDateHeader' },
    );
  }
  const read = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (!read.ok) {
    // The rest of an over-long body is drained by Node once the answer is sent, so the connection stays usable.
    return albErrorPage(read.reason === 'too-large' ? 413 : 400);
  }
  const nowMs = now();
  const event = buildHttpEvent({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    httpVersion: req.httpVersion,
    headers: req.headersDistinct,
    body: read.body,
    sourceIp: clientAddress(req),
    accountId: target.accountId,
    domainName: hostName(req.headers.host) ?? target.dnsName ?? 'localhost',
    requestId: fcRequestId(nowMs),
    nowMs,
  });
  const invocation = target.invoke(event);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), target.requestTimeoutMs ?? requestTimeoutMs);
  });
  try {
    const outcome = await Promise.race([invocation, timedOut]);
    if (outcome === 'timeout') {
      invocation.catch(() => undefined);
      return albErrorPage(504, { 'x-fc-request-id': event.requestContext.requestId });
    }
    return answerFromOutcome(outcome);
  } catch (error) {
    if (error instanceof InvocationThrottled) return throttledAnswer(error, event.requestContext.requestId);
    if (isRuntimeError(error)) {
      // The local queue full or a closing runtime: no instance can answer, like an unavailable backend (503).
      if (error.code === 'ResourceExhausted' || error.code === 'RuntimeClosed') {
        return albErrorPage(503, { [REASON_HEADER]: error.code });
      }
      // A function the local cloud cannot run (a runtime it lacks, no Python here, a bad package) is a broken
      // backend (502), said in words so the user knows what to fix. Assumptions.
      return textAnswer(502, `502 Bad Gateway: ${error.message}`, { [REASON_HEADER]: error.code });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * FC refused the request at its capacity limit: the client gets FC's status and error body (`{Code, Message,
 * RequestId}`, FC error codes). ALB's own answer in that case is not documented: passing FC's on is an assumption,
 * and the status is a knob (behaviour `throttledInvocation`).
 */
function throttledAnswer(error: InvocationThrottled, requestId: string): HttpAnswer {
  const body = JSON.stringify({ Code: error.code, Message: error.message, RequestId: requestId });
  return {
    statusCode: error.status,
    headers: {
      'content-type': 'application/json',
      'x-fc-request-id': requestId,
      [REASON_HEADER]: `Throttled: ${error.limit}`,
    },
    body: Buffer.from(body, 'utf8'),
  };
}

function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function hostName(host: string | undefined): string | undefined {
  if (host === undefined || host === '') return undefined;
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon > 0 ? host.slice(0, colon) : host;
}

function write(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent || res.destroyed) return;
  try {
    res.statusCode = answer.statusCode;
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.setHeader('content-length', answer.body.length);
    res.end(answer.body);
  } catch {
    // A header the function sent slipped past validation: answer 502 instead.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const fallback = albErrorPage(502);
    res.statusCode = fallback.statusCode;
    for (const [name, value] of Object.entries(fallback.headers)) res.setHeader(name, value);
    res.end(fallback.body);
  }
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_DEADLINE_MS)))]);
  clearTimeout(timer);
}
