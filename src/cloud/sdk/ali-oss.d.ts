// The part of the `ali-oss` 6.x client (a CommonJS module without bundled types) that the OSS adapter uses, as
// its README documents it (github.com/ali-sdk/ali-oss, "Object Operations"). Only src/cloud/sdk/oss-adapter.ts
// imports the module.
declare module 'ali-oss' {
  interface OssResponse {
    status: number;
    headers: Record<string, string | undefined>;
  }

  interface OssOptions {
    accessKeyId: string;
    accessKeySecret: string;
    stsToken?: string;
    refreshSTSToken?: () => Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }>;
    refreshSTSTokenInterval?: number;
    bucket: string;
    /** `oss-cn-hangzhou`: names the default endpoint, and the V4 signing region without its `oss-` prefix. */
    region: string;
    endpoint?: string;
    secure?: boolean;
    /** Path-style requests (`/bucket/key`) instead of `bucket.host`. */
    sldEnable?: boolean;
    authorizationV4?: boolean;
    timeout?: number;
    retryMax?: number;
  }

  interface RequestOptions {
    headers?: Record<string, string>;
    mime?: string;
    timeout?: number;
  }

  class OSS {
    constructor(options: OssOptions);
    get(name: string, options?: RequestOptions): Promise<{ res: OssResponse; content: Buffer }>;
    put(name: string, file: Buffer, options?: RequestOptions): Promise<{ name: string; res: OssResponse }>;
    delete(name: string, options?: RequestOptions): Promise<{ res: OssResponse }>;
    listV2(
      query: { prefix?: string; 'max-keys'?: number; 'continuation-token'?: string },
      options?: RequestOptions,
    ): Promise<{
      res: OssResponse;
      objects: Array<{ name: string; size: number; etag: string; lastModified: string }> | undefined;
      isTruncated: boolean;
      nextContinuationToken: string | null;
    }>;
  }

  export = OSS;
}
