import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/api-error.js';
import type { CallLog } from '../core/call-log.js';
import { parseFaultRules, type Faults } from '../core/faults.js';
import { writeAnswer, type Answer } from '../core/http.js';
import { AdminInputError } from '../core/admin-input.js';
import type { HostAnswer, ServiceEnv, ServiceSet } from '../core/service.js';

// The local cloud's own API (docs/emulator.md, "Admin API"): not signed, answered on loopback only.
//   GET /_emulator/info      the ready document (endpoint, account, key, seeded ALB and zones)
//   GET /_emulator/state     every resource, per service, and the data-plane ports
//   GET /_emulator/calls     the log of signed API calls since start or reset
//   POST/GET/DELETE /_emulator/faults   add / list / clear fault rules
//   POST /_emulator/reset    back to the seeded state
//   GET /_emulator/resolve?host=H&port=P   where a connection to H:P goes (CNAMEs followed)
// Services add their own routes (`adminRoutes`); their bodies are parsed here, once.

export interface AdminDeps {
  info(): Record<string, unknown>;
  services: ServiceSet;
  /** What the services were started with (their admin routes work on it). */
  env: ServiceEnv;
  faults: Faults;
  calls: CallLog;
  reset(): Promise<void>;
}

/** `body` is the request body, or `too-large` when it exceeded the local cloud's limit (not read). */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | 'too-large',
  deps: AdminDeps,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    return writeAnswer(res, { status: 403, json: { error: 'the admin API answers loopback clients only' } });
  }
  if (body === 'too-large') {
    return writeAnswer(res, {
      status: 413,
      json: { error: 'the body is too large' },
      headers: { connection: 'close' },
    });
  }
  const url = new URL(req.url ?? '/', 'http://local');
  const key = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  writeAnswer(res, await answer(key, url, body, deps));
}

async function answer(key: string, url: URL, body: Buffer, deps: AdminDeps): Promise<Answer> {
  switch (key) {
    case 'GET /_emulator/info':
      return { json: deps.info() };
    case 'GET /_emulator/state': {
      const services: Record<string, unknown> = {};
      for (const [name, service] of Object.entries(deps.services)) services[name] = service?.snapshot?.() ?? {};
      return { json: { ...deps.info(), services } };
    }
    case 'GET /_emulator/calls':
      return { json: { calls: deps.calls.list() } };
    case 'GET /_emulator/faults':
      return { json: { rules: deps.faults.list() } };
    case 'POST /_emulator/faults': {
      let rules;
      try {
        rules = parseFaultRules(JSON.parse(body.toString('utf8') || '{}'), Object.keys(deps.services));
      } catch (error) {
        return bad(`invalid fault rule: ${(error as Error).message}`);
      }
      return { json: { rules: rules.map((rule) => deps.faults.add(rule)) } };
    }
    case 'DELETE /_emulator/faults':
      deps.faults.clear();
      return { json: { rules: [] } };
    case 'POST /_emulator/reset':
      await deps.reset();
      return { json: { reset: true } };
    case 'GET /_emulator/resolve': {
      const host = url.searchParams.get('host');
      const port = Number(url.searchParams.get('port') ?? '80');
      if (!host || !Number.isInteger(port)) return bad('host and port are required');
      const route = resolveHost(deps.services, host, port);
      return route ? { json: route } : { status: 404, json: { error: `${host} does not resolve`, host } };
    }
    default:
      return serviceRoute(key, url, body, deps);
  }
}

async function serviceRoute(key: string, url: URL, raw: Buffer, deps: AdminDeps): Promise<Answer> {
  const handler = Object.values(deps.services)
    .map((service) => service?.adminRoutes?.[key])
    .find((route) => route !== undefined);
  if (!handler) return { status: 404, json: { error: `no admin route ${key}` } };
  let body: unknown;
  try {
    const text = raw.toString('utf8').trim();
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    return bad('the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('the body must be a JSON object');
  let answer: Answer;
  try {
    answer = await handler({ url, body: body as Record<string, unknown>, env: deps.env });
  } catch (error) {
    if (error instanceof AdminInputError || error instanceof ApiError) return bad(error.message);
    throw error;
  }
  const status = answer.status ?? 200;
  if (status >= 200 && status < 300 && !key.startsWith('GET ')) await deps.env.world.save();
  return answer;
}

function bad(message: string): Answer {
  return { status: 400, json: { error: message } };
}

/** Follows CNAMEs through every service's names until one answers an address (at most 8 hops). */
function resolveHost(
  services: ServiceSet,
  host: string,
  port: number,
): { chain: string[]; address: string; port: number } | undefined {
  const chain = [host.toLowerCase().replace(/\.$/, '')];
  for (let hop = 0; hop < 8; hop++) {
    const name = chain[chain.length - 1]!;
    let answer: HostAnswer | undefined;
    for (const service of Object.values(services)) {
      answer = service?.resolveHost?.(name, port);
      if (answer) break;
    }
    if (!answer) return undefined;
    if ('address' in answer) return { chain, address: answer.address, port: answer.port };
    chain.push(answer.cname.toLowerCase().replace(/\.$/, ''));
  }
  return undefined;
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true;
}
