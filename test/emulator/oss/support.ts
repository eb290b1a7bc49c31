import type { LocalCloud } from '../../../src/emulator/index.js';
import { ossClient, type OssClientOptions, type OssTestClient } from '../../support/oss-client.js';

/** ali-oss signed with the local cloud's default key, to its IP endpoint unless told otherwise. */
export function ossFor(cloud: LocalCloud, overrides: Partial<OssClientOptions> = {}): OssTestClient {
  return ossClient({
    endpoint: cloud.endpoint,
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    region: cloud.info.region,
    ...overrides,
  });
}

/** What the local cloud holds in a bucket, through its admin API. */
export async function objectsIn(cloud: LocalCloud, bucket = 'alb-fc-state'): Promise<string[]> {
  const state = (await (await fetch(`${cloud.endpoint}/_emulator/state`)).json()) as {
    services: { oss: { buckets: Array<{ name: string; objects: Array<{ key: string }> }> } };
  };
  return state.services.oss.buckets.find((b) => b.name === bucket)?.objects.map((o) => o.key) ?? [];
}
