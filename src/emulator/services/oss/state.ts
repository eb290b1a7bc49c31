import type { World } from '../../core/world.js';

// The OSS slice of the local cloud's world: buckets, each owned by one account in the local cloud's region, and
// their objects, whose bytes are blobs of the world (persisted with --data-dir like the rest).

export interface ObjectState {
  /** The blob holding the bytes (core/world.ts BlobStore). */
  blob: string;
  size: number;
  /** Upper-case hex MD5 of the bytes: the ETag of a simple upload (PutObject doc). */
  etag: string;
  /** CRC-64/ECMA-182 of the bytes, decimal (`x-oss-hash-crc64ecma`). */
  crc64: string;
  contentType: string;
  /** ms since the epoch. */
  lastModified: number;
}

export interface BucketState {
  name: string;
  accountId: string;
  region: string;
  createdAt: number;
  objects: Record<string, ObjectState>;
}

export interface OssState {
  version: 1;
  /** Accounts whose seed bucket was created once, so that a restart never seeds again. */
  seededAccounts: string[];
  buckets: BucketState[];
}

export function ossState(world: World): OssState {
  return world.slice<OssState>('oss', () => ({ version: 1, seededAccounts: [], buckets: [] }));
}

export function findBucket(state: OssState, name: string): BucketState | undefined {
  return state.buckets.find((bucket) => bucket.name === name);
}

/** Creates a bucket unless one of that name exists (bucket names are global in OSS); false when taken. */
export function addBucket(state: OssState, bucket: Omit<BucketState, 'objects'>): boolean {
  if (findBucket(state, bucket.name)) return false;
  state.buckets.push({ ...bucket, objects: {} });
  return true;
}
