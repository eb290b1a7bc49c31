import type { Service } from '../errors.js';

// Where each product's client connects. `@alicloud/fc20230330` has no usable default endpoint (with a region alone it
// resolves `fc.aliyuncs.com`): it is given `fcv3.{region}.aliyuncs.com`, as Serverless Devs does (devsapp/fc3
// src/resources/fc/impl/client.ts). Alidns is pinned to its one public endpoint, `alidns.aliyuncs.com`
// (https://help.aliyun.com/en/dns/api-alidns-2015-01-09-endpoint). ALB is regional, `alb.{region}.aliyuncs.com`
// (`@alicloud/alb20200616` endpoint rules). With an endpoint override (a local cloud), every product goes to that one
// host:port.

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
    case 'oss':
      // OSS regional public endpoints (https://www.alibabacloud.com/help/en/oss/user-guide/regions-and-endpoints).
      return `oss-${region}.aliyuncs.com`;
  }
}

/** The fields of the product client's `$OpenApiUtil.Config` (`@alicloud/openapi-core`), built by the SDK loader. */
export function clientOptions(service: Service, connection: Connection) {
  const override = connection.endpoint ? new URL(connection.endpoint) : undefined;
  return {
    credential: connection.credential,
    regionId: connection.region,
    endpoint: override ? override.host : realEndpoint(service, connection.region),
    protocol: override ? override.protocol.replace(':', '') : 'https',
    readTimeout: connection.readTimeoutMs,
    connectTimeout: connection.connectTimeoutMs,
  };
}
