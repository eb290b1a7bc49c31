import { promises as dns } from 'node:dns';
import type { NetworkPort, Route } from '../ports.js';
import { httpGet } from './http-get.js';

/** The connectivity path against Alibaba Cloud: the system resolver, then the internet. */
export function internetNetwork(): NetworkPort {
  return {
    async resolve(host, port): Promise<Route | undefined> {
      const chain = [host];
      try {
        // Follow the CNAME chain for the report; the address comes from the system resolver.
        for (let hop = 0; hop < 8; hop++) {
          const [next] = await dns.resolveCname(chain[chain.length - 1]!).catch(() => [] as string[]);
          if (!next) break;
          chain.push(next);
        }
        const { address } = await dns.lookup(host);
        return { chain, address, port };
      } catch {
        return undefined;
      }
    },
    get: (url, options) => httpGet(url, options),
  };
}
