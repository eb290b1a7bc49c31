// The object storage calls alb-fc makes to keep a stack's state in an OSS bucket (`--state oss://BUCKET/PREFIX`,
// docs/teams.md). A port like those of ports.ts: plain types, a CloudError on refusal, "not found" and "already
// exists" as answers. The adapter (src/cloud/sdk/oss-adapter.ts) speaks OSS through the official `ali-oss` client.

/** An object as read back: its bytes and what OSS says about them. */
export interface StoredObject {
  key: string;
  body: Buffer;
  /** The ETag without quotes: the upper-case hex MD5 of the body for a simple upload (OSS PutObject doc). */
  etag: string;
  /** `Last-Modified`, ms since the epoch (the server's clock, second resolution). */
  lastModified: number;
  /** The answer's `Date`, ms since the epoch: the server's clock now, to compare with `lastModified`. */
  serverTime: number | undefined;
}

export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified: number;
}

export interface PutOptions {
  /**
   * `x-oss-forbid-overwrite: true`: OSS refuses to replace an existing object with 409 FileAlreadyExists
   * (https://help.aliyun.com/en/oss/user-guide/0026-00000002), answered here as `exists`.
   */
  createOnly?: boolean;
  contentType?: string;
}

export interface ObjectStorePort {
  readonly bucket: string;
  /** GetObject; undefined when there is no such key. */
  get(key: string): Promise<StoredObject | undefined>;
  /**
   * PutObject of the whole body, with its Content-MD5 so that OSS refuses a body damaged on the way
   * (InvalidDigest) instead of storing it. `exists` only with `createOnly`.
   */
  put(key: string, body: Buffer, options?: PutOptions): Promise<{ etag: string } | 'exists'>;
  /** DeleteObject; OSS answers 204 whether or not the key existed (DeleteObject doc, help.aliyun.com/document_detail/31982.html). */
  delete(key: string): Promise<void>;
  /** Every key under `prefix` (ListObjectsV2, all pages). */
  list(prefix: string): Promise<ListedObject[]>;
}
