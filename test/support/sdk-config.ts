import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { LocalCloud } from '../../src/emulator/index.js';

/** An official-SDK Config pointed at the local cloud over loopback HTTP, signed with its default key. */
export function sdkConfig(
  cloud: LocalCloud,
  overrides: Partial<ConstructorParameters<typeof $OpenApiUtil.Config>[0]> = {},
) {
  return new $OpenApiUtil.Config({
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    endpoint: cloud.endpoint.replace('http://', ''),
    protocol: 'http',
    regionId: cloud.info.region,
    ...overrides,
  });
}
