import { ADMIN_PATHS, type ReadyInfo } from '../../local-cloud-contract.js';
import type { HttpResponse, NetworkPort, Route } from '../ports.js';
import { httpGet } from './http-get.js';

/**
 * The connectivity path against the local cloud: its DNS records and the loopback port of the emulated
 * listener (GET /_emulator/resolve), so the test goes domain → ALB → function over real sockets.
 */
export function localNetwork(endpoint: string): NetworkPort {
  return {
    async resolve(host, port): Promise<Route | undefined> {
      const url = `${endpoint}${ADMIN_PATHS.resolve}?host=${encodeURIComponent(host)}&port=${port}`;
      const response = await adminGet(url, 5_000);
      if (response.status === 404) return undefined;
      if (!isOk(response)) throw new Error(`the local cloud could not resolve ${host}: HTTP ${response.status}`);
      return JSON.parse(response.body) as Route;
    },
    get: (url, options) => httpGet(url, options),
  };
}

/** Whether `endpoint` is an alb-fc local cloud (it answers GET /_emulator/info with a ready document). */
export async function probeLocalCloud(endpoint: string): Promise<ReadyInfo | undefined> {
  try {
    const response = await adminGet(`${endpoint.replace(/\/+$/, '')}${ADMIN_PATHS.info}`, 2_000);
    if (!isOk(response)) return undefined;
    const info = JSON.parse(response.body) as Partial<ReadyInfo>;
    return info.event === 'ready' && typeof info.endpoint === 'string' ? (info as ReadyInfo) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A GET of the admin API within `deadlineMs`. Over node:http rather than fetch: the first fetch of a process loads
 * its HTTP client (undici), about 35 ms of every `--local` command's start (docs/benchmarks.md).
 */
function adminGet(url: string, deadlineMs: number): Promise<HttpResponse> {
  return httpGet(url, { timeoutMs: deadlineMs, signal: AbortSignal.timeout(deadlineMs) });
}

function isOk(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}
