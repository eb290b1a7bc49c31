// The data plane of the in-memory cloud: names resolve through its DNS records (CNAME chains) to a load balancer, each
// Running listener answers on a loopback port, and the function's uploaded code really runs (Node.js, FC 3.0 HTTP
// event: https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function).
// Requests without a Date header are refused, as FC behind ALB requires one.
import { runInNewContext } from 'node:vm';
import { strFromU8, unzipSync } from 'fflate';
import type { HttpResponse, NetworkPort, Route } from '../../src/cloud/ports.js';
import { splitDomain } from '../../src/steps/dns-names.js';
import type { FakeAlb } from './fake-alb.js';
import type { FakeDns } from './fake-dns.js';
import type { FakeFunctions } from './fake-fc.js';

const DATA_PORT_BASE = 40000;

export class FakeNetwork implements NetworkPort {
  /** Answers for names outside the cloud (e.g. a public resolver), by host. */
  readonly external = new Map<string, Route>();
  /** Names that do not resolve (yet): DNS propagation delay. */
  readonly unresolvable = new Set<string>();
  /** Every request made, for assertions. */
  readonly requests: { url: string; route?: Route; headers: Record<string, string>; hostHeader?: string }[] = [];

  constructor(
    private readonly alb: FakeAlb,
    private readonly dns: FakeDns,
    private readonly fc: FakeFunctions,
  ) {}

  private dataPort(lbIndex: number, port: number): number {
    return DATA_PORT_BASE + lbIndex * 1000 + (port % 1000);
  }

  async resolve(host: string, port: number): Promise<Route | undefined> {
    const chain: string[] = [];
    let name = host.toLowerCase();
    for (let hops = 0; hops < 8; hops++) {
      if (this.unresolvable.has(name)) return undefined;
      chain.push(name);
      const lbs = [...this.alb.loadBalancers.values()];
      const lbIndex = lbs.findIndex((lb) => lb.dnsName.toLowerCase() === name);
      if (lbIndex >= 0) return { chain, address: '127.0.0.1', port: this.dataPort(lbIndex, port) };
      const external = this.external.get(name);
      if (external) return { ...external, chain };
      const split = splitDomain(name, [...this.dns.zones]);
      if (!split) return undefined;
      const cname = this.dns.on(split.zone, split.rr).find((r) => r.type === 'CNAME' && r.line === 'default');
      if (!cname) return undefined;
      name = cname.value.toLowerCase();
    }
    return undefined;
  }

  async get(
    url: string,
    options: {
      route?: Route;
      hostHeader?: string;
      headers?: Record<string, string>;
      timeoutMs: number;
      signal?: AbortSignal;
    },
  ): Promise<HttpResponse> {
    this.requests.push({
      url,
      ...(options.route ? { route: options.route } : {}),
      headers: options.headers ?? {},
      ...(options.hostHeader ? { hostHeader: options.hostHeader } : {}),
    });
    const parsed = new URL(url);
    const route = options.route ?? (await this.resolve(parsed.hostname, Number(parsed.port || 80)));
    if (!route) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${parsed.hostname}`), { code: 'ENOTFOUND' });
    const lbs = [...this.alb.loadBalancers.values()];
    const lbIndex = Math.floor((route.port - DATA_PORT_BASE) / 1000);
    const lb = lbs[lbIndex];
    const listener = lb
      ? this.alb.liveListeners(lb.id).find((l) => this.dataPort(lbIndex, l.port) === route.port)
      : undefined;
    if (!listener || this.alb.listenerInfo(listener).status !== 'Running') {
      throw Object.assign(new Error(`connect ECONNREFUSED ${route.address}:${route.port}`), { code: 'ECONNREFUSED' });
    }
    const server = this.alb.liveServers(listener.groupId)[0];
    const fnName = server?.arn.split('/').at(-1);
    const fn = fnName ? this.fc.items.get(fnName) : undefined;
    if (!server || !fn) return { status: 503, body: 'no backend', headers: {} };
    if (!Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === 'date')) {
      return { status: 400, body: 'MissingRequiredHeader: Date', headers: {} };
    }
    const event = {
      version: 'v1',
      rawPath: parsed.pathname,
      body: '',
      isBase64Encoded: false,
      headers: { ...options.headers, Host: options.hostHeader ?? parsed.host },
      queryParameters: {},
      requestContext: { http: { method: 'GET', path: parsed.pathname, protocol: 'HTTP/1.1' } },
    };
    const result = await invoke(fn.zip, fn.handler, Buffer.from(JSON.stringify(event)));
    if (typeof result === 'string') return { status: 200, body: result, headers: {} };
    const shaped = result as { statusCode?: number; body?: string } | undefined;
    if (shaped && typeof shaped.statusCode === 'number') {
      return { status: shaped.statusCode, body: String(shaped.body ?? ''), headers: {} };
    }
    return { status: 200, body: JSON.stringify(result), headers: {} };
  }
}

async function invoke(zip: Buffer, handler: string, event: Buffer): Promise<unknown> {
  const [file, exported] = handler.split('.');
  const files = unzipSync(new Uint8Array(zip));
  const source = files[`${file}.js`];
  if (!source || !exported) throw new Error(`handler ${handler} not found in the package`);
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(
    strFromU8(source),
    { module, exports: module.exports, console: { log: () => undefined } },
    { timeout: 1000 },
  );
  const fn = module.exports[exported];
  if (typeof fn !== 'function') throw new Error(`${handler} is not a function`);
  return (fn as (e: Buffer, c: unknown) => unknown)(event, {});
}
