import { ADMIN_PATHS, type ReadyInfo } from '../../local-cloud-contract.js';
import type { NetworkPort, Route } from '../ports.js';
import { httpGet } from './http-get.js';

/**
 * The connectivity path against the local cloud: its DNS records and the loopback port of the emulated
 * listener (GET /_emulator/resolve), so the test goes domain → ALB → function over real sockets.
 */
export function localNetwork(endpoint: string): NetworkPort {
  return {
    async resolve(host, port): Promise<Route | undefined> {
      const url = `${endpoint}${ADMIN_PATHS.resolve}?host=${encodeURIComponent(host)}&port=${port}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`the local cloud could not resolve ${host}: HTTP ${response.status}`);
      return (await response.json()) as Route;
    },
    get: (url, options) => httpGet(url, options),
  };
}

/** Whether `endpoint` is an alb-fc local cloud (it answers GET /_emulator/info with a ready document). */
export async function probeLocalCloud(endpoint: string): Promise<ReadyInfo | undefined> {
  try {
    const response = await fetch(`${endpoint.replace(/\/+$/, '')}${ADMIN_PATHS.info}`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return undefined;
    const info = (await response.json()) as Partial<ReadyInfo>;
    return info.event === 'ready' && typeof info.endpoint === 'string' ? (info as ReadyInfo) : undefined;
  } catch {
    return undefined;
  }
}
