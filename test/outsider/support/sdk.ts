import AlbModule from '@alicloud/alb20200616';
import * as $Alb from '@alicloud/alb20200616';
import AlidnsModule from '@alicloud/alidns20150109';
import * as $Dns from '@alicloud/alidns20150109';
import FcModule from '@alicloud/fc20230330';
import * as $Fc from '@alicloud/fc20230330';
import OpenApiModule, { $OpenApiUtil } from '@alicloud/openapi-core';
import PopCoreModule from '@alicloud/pop-core';
import StsModule from '@alicloud/sts20150401';
import type { Cloud } from './cloud.js';

// Alibaba's own clients, pointed at the local cloud (`endpoint: host:port`, `protocol: http`).

export { $Alb, $Dns, $Fc, $OpenApiUtil };

/** The official SDKs are CommonJS with the client at `exports.default`; vitest may already unwrap it. */
function cjsClass<T>(imported: T | { default: T }): T {
  const inner = (imported as { default?: T }).default;
  return typeof inner === 'function' ? inner : (imported as T);
}

export const Alb = cjsClass(AlbModule);
export const Fc = cjsClass(FcModule);
export const Alidns = cjsClass(AlidnsModule);
export const Sts = cjsClass(StsModule);
export const OpenApi = cjsClass(OpenApiModule);
export const RPCClient = cjsClass(PopCoreModule);
export type AlbClient = InstanceType<typeof Alb>;
export type FcClient = InstanceType<typeof Fc>;
export type DnsClient = InstanceType<typeof Alidns>;

type ConfigInit = ConstructorParameters<typeof $OpenApiUtil.Config>[0];

export function sdkConfig(cloud: Cloud, overrides: ConfigInit = {}) {
  return new $OpenApiUtil.Config({
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    endpoint: cloud.host,
    protocol: 'http',
    regionId: cloud.info.region,
    ...overrides,
  });
}

export const albClient = (cloud: Cloud, o: ConfigInit = {}) => new Alb(sdkConfig(cloud, o));
export const fcClient = (cloud: Cloud, o: ConfigInit = {}) => new Fc(sdkConfig(cloud, o));
export const dnsClient = (cloud: Cloud, o: ConfigInit = {}) => new Alidns(sdkConfig(cloud, o));
export const stsClient = (cloud: Cloud, o: ConfigInit = {}) => new Sts(sdkConfig(cloud, o));
export const openApiClient = (cloud: Cloud, o: ConfigInit = {}) => new OpenApi(sdkConfig(cloud, o));

export function popClient(
  cloud: Cloud,
  apiVersion: string,
  overrides: Partial<{ accessKeyId: string; accessKeySecret: string }> = {},
) {
  return new RPCClient({
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    endpoint: cloud.endpoint,
    apiVersion,
    ...overrides,
  });
}

/** The SDKs read only the fields they find on their runtime options: none means the client's defaults. */
export const noRuntimeOptions = {} as Parameters<InstanceType<typeof OpenApi>['callApi']>[2];

/** A raw RPC call signed by openapi-core (ACS3), e.g. to send an action the product SDK does not have. */
export async function rpcCall(
  cloud: Cloud,
  action: string,
  version: string,
  query: Record<string, string>,
  options: { body?: Record<string, string>; config?: ConfigInit } = {},
): Promise<Record<string, unknown>> {
  const client = openApiClient(cloud, options.config);
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query, ...(options.body ? { body: options.body } : {}) });
  const answer = (await client.callApi(params, request, noRuntimeOptions)) as { body: Record<string, unknown> };
  return answer.body;
}
