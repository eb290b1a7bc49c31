import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from '../core/pipeline.js';
import { parseFaultRules, type Faults } from '../core/faults.js';
import type { CallLog } from '../core/call-log.js';
import type { HostAnswer, ServiceModule, ServiceName } from '../core/service.js';

// The local cloud's own API (contract, "Local cloud"): not signed, answered on loopback only.
//   GET /_emulator/info      the ready document (endpoint, account, key, seeded ALB and zones)
//   GET /_emulator/state     every resource, per service, and the data-plane ports
//   GET /_emulator/calls     the log of signed API calls since start or reset
//   POST/GET/DELETE /_emulator/faults   add / list / clear fault rules
//   POST /_emulator/reset    back to the seeded state
//   GET /_emulator/resolve?host=H&port=P   where a connection to H:P goes (CNAMEs followed)

export interface AdminDeps {
  info(): Record<string, unknown>;
  services: Partial<Record<ServiceName, ServiceModule>>;
  faults: Faults;
  calls: CallLog;
  reset(): Promise<void>;
}

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  deps: AdminDeps,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    send(res, 403, { error: 'the admin API answers loopback clients only' });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://local');
  const key = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /_emulator/info':
      return send(res, 200, deps.info());
    case 'GET /_emulator/state': {
      const services: Record<string, unknown> = {};
      for (const [name, service] of Object.entries(deps.services)) services[name] = service?.snapshot?.() ?? {};
      return send(res, 200, { ...deps.info(), services });
    }
    case 'GET /_emulator/calls':
      return send(res, 200, { calls: deps.calls.list() });
    case 'GET /_emulator/faults':
      return send(res, 200, { rules: deps.faults.list() });
    case 'POST /_emulator/faults': {
      let rules;
      try {
        rules = parseFaultRules(JSON.parse(body.toString('utf8') || '{}'));
      } catch (error) {
        return send(res, 400, { error: `invalid fault rule: ${(error as Error).message}` });
      }
      return send(res, 200, { rules: rules.map((rule) => deps.faults.add(rule)) });
    }
    case 'DELETE /_emulator/faults':
      deps.faults.clear();
      return send(res, 200, { rules: [] });
    case 'POST /_emulator/reset':
      await deps.reset();
      return send(res, 200, { reset: true });
    case 'GET /_emulator/resolve': {
      const host = url.searchParams.get('host');
      const port = Number(url.searchParams.get('port') ?? '80');
      if (!host || !Number.isInteger(port)) return send(res, 400, { error: 'host and port are required' });
      const route = resolveHost(deps.services, host, port);
      return route ? send(res, 200, route) : send(res, 404, { error: `${host} does not resolve`, host });
    }
    default: {
      for (const service of Object.values(deps.services)) {
        const handler = service?.adminRoutes?.[key];
        if (handler) {
          const answer = await handler({ url, body });
          if (answer.raw) {
            res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.raw.length });
            res.end(answer.raw);
            return;
          }
          return send(res, answer.status, answer.json, answer.headers);
        }
      }
      return send(res, 404, { error: `no admin route ${key}` });
    }
  }
}

/** Follows CNAMEs through every service's names until one answers an address (at most 8 hops). */
export function resolveHost(
  services: Partial<Record<ServiceName, ServiceModule>>,
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
