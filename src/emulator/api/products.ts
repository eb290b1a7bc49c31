import type { ServiceName } from '../core/service.js';

// How each product is addressed on the wire: its API version (x-acs-version / Version), its product
// name in error `Recommend` links, and the endpoint host real error bodies carry as HostId
// (reference alb-api.md §1, §6.1; fc-dns-sts-auth.md §A.6, §C.1, §C.3).

export interface Product {
  service: ServiceName;
  version: string;
  product: string;
  host(region: string): string;
}

const PRODUCTS: Product[] = [
  { service: 'alb', version: '2020-06-16', product: 'Alb', host: (region) => `alb.${region}.aliyuncs.com` },
  { service: 'alidns', version: '2015-01-09', product: 'Alidns', host: () => 'alidns.aliyuncs.com' },
  { service: 'sts', version: '2015-04-01', product: 'Sts', host: () => 'sts.aliyuncs.com' },
  { service: 'fc', version: '2023-03-30', product: 'FC', host: (region) => `fcv3.${region}.aliyuncs.com` },
];

export function productByVersion(version: string | undefined): Product | undefined {
  return PRODUCTS.find((p) => p.version === version);
}

export function productByService(service: ServiceName): Product {
  return PRODUCTS.find((p) => p.service === service)!;
}

/** Parameters every RPC API accepts beside its own (the gateway consumes them). */
export const RPC_COMMON_PARAMETERS = new Set([
  'Action',
  'Version',
  'Format',
  'RegionId',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
  'BearerToken',
  'OwnerId',
  'OwnerAccount',
  'ResourceOwnerId',
  'ResourceOwnerAccount',
  'CallerParentId',
  'CallerType',
  'CallerUid',
  'CallerBid',
  'RequestId',
]);
