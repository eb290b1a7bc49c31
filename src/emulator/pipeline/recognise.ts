import type { EmulatedService, ServiceSet } from '../core/service.js';
import type { Dialect } from '../core/dialect.js';
import { popDialect } from '../wire/dialects.js';
import type { WireRequest } from '../core/protocol.js';

// Stage 2, recognise: which service the request is for (a service named by the request's API version wins over
// one that only owns its path), the region it addresses, and so the dialect every answer to it is written in.

export interface Recognised {
  service: EmulatedService | undefined;
  dialect: Dialect;
  region: string;
}

/** Requests no service recognises are answered as a POP gateway answers an unknown product. */
const UNKNOWN_PRODUCT = popDialect({ name: 'Unknown', host: () => 'localhost' });

export function recognise(request: WireRequest, services: ServiceSet, defaultRegion: string): Recognised {
  const candidates = Object.values(services).filter((service) => service !== undefined);
  const service =
    candidates.find((s) => s.protocol.recognise(request) === 'version') ??
    candidates.find((s) => s.protocol.recognise(request) === 'path');
  return {
    service,
    dialect: service?.dialect ?? UNKNOWN_PRODUCT,
    region: regionFromHost(request.headers.host) ?? defaultRegion,
  };
}

/**
 * The region of a real endpoint host (`alb.cn-shanghai.aliyuncs.com`, `fcv3.cn-hangzhou.aliyuncs.com`,
 * `bucket.oss-cn-hangzhou.aliyuncs.com`): the APIs take no RegionId, the endpoint implies it
 * (`@alicloud/alb20200616` request models have no regionId field; OSS endpoints are `oss-<region>`).
 */
function regionFromHost(host: string | undefined): string | undefined {
  const match = /(?:^|\.)(?:oss-)?([a-z]{2,3}-[a-z]+(?:-[a-z0-9]+)*-?\d*)(?:-internal)?\.(?:fc\.)?aliyuncs\.com$/.exec(
    host ?? '',
  );
  return match?.[1];
}
