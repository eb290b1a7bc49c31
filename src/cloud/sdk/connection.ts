import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { Service } from '../errors.js';

// Where each product's client connects. Real endpoints follow the reference: FC 3.0 has no usable
// default endpoint and must be given `fcv3.{region}.aliyuncs.com` (fc-dns-sts-auth.md §0.1, §A.6);
// Alidns is pinned to the public `alidns.aliyuncs.com` (§C.1); ALB is regional (alb-api.md §1).
// With an endpoint override (a local cloud), every product goes to that one host:port.

export interface Connection {
  region: string;
  /** e.g. `http://127.0.0.1:4566`; undefined for Alibaba Cloud. */
  endpoint?: string;
  /** A credentials provider from @alicloud/credentials, or static keys. */
  credential: unknown;
  /** Per request, so that a hung connection cannot outlive the run's deadline. */
  readTimeoutMs: number;
  connectTimeoutMs: number;
}

export function realEndpoint(service: Service, region: string): string {
  switch (service) {
    case 'fc':
      return `fcv3.${region}.aliyuncs.com`;
    case 'alb':
      return `alb.${region}.aliyuncs.com`;
    case 'alidns':
      return 'alidns.aliyuncs.com';
    case 'sts':
      return `sts.${region}.aliyuncs.com`;
  }
}

export function sdkConfig(service: Service, connection: Connection): $OpenApiUtil.Config {
  const override = connection.endpoint ? new URL(connection.endpoint) : undefined;
  return new $OpenApiUtil.Config({
    credential: connection.credential as $OpenApiUtil.Config['credential'],
    regionId: connection.region,
    endpoint: override ? override.host : realEndpoint(service, connection.region),
    protocol: override ? override.protocol.replace(':', '') : 'https',
    readTimeout: connection.readTimeoutMs,
    connectTimeout: connection.connectTimeoutMs,
  });
}
