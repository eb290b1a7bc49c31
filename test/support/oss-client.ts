// The official OSS client (ali-oss 6.x) pointed at a local cloud: the way a test, an outsider or a user's own
// script reaches its OSS. Imports nothing from src/, so test/outsider may use it too.
import OSSModule from 'ali-oss';

/** The client's surface the tests use (its README, "Object Operations"). */
export interface OssTestClient {
  put(
    name: string,
    body: Buffer,
    options?: { headers?: Record<string, string>; mime?: string },
  ): Promise<{ res: OssAnswer }>;
  get(name: string): Promise<{ res: OssAnswer; content: Buffer }>;
  head(name: string): Promise<{ res: OssAnswer; status: number }>;
  delete(name: string): Promise<{ res: OssAnswer }>;
  list(
    query: { prefix?: string; marker?: string; delimiter?: string; 'max-keys'?: number },
    options?: object,
  ): Promise<OssListing & { nextMarker: string | null }>;
  listV2(
    query: {
      prefix?: string;
      delimiter?: string;
      'max-keys'?: number;
      'continuation-token'?: string;
      'start-after'?: string;
    },
    options?: object,
  ): Promise<OssListing & { keyCount: number; nextContinuationToken: string | null }>;
}

export interface OssAnswer {
  status: number;
  headers: Record<string, string | undefined>;
}

interface OssListing {
  res: OssAnswer;
  objects: Array<{ name: string; size: number; etag: string; lastModified: string }> | undefined;
  prefixes: string[] | null;
  isTruncated: boolean;
}

export interface OssClientOptions {
  /** `http://127.0.0.1:PORT` (the bucket then travels in the Host header) or `http://localhost:PORT` (path-style). */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  stsToken?: string;
  bucket?: string;
  region?: string;
  v4?: boolean;
  /** Milliseconds added to the client's clock (ali-oss amendTimeSkewed). */
  skewMs?: number;
}

type OssConstructor = new (options: Record<string, unknown>) => OssTestClient;
const OSS = ((OSSModule as { default?: unknown }).default ?? OSSModule) as unknown as OssConstructor;

export function ossClient(options: OssClientOptions): OssTestClient {
  const named = !/^https?:\/\/\d+\.\d+\.\d+\.\d+/.test(options.endpoint);
  return new OSS({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    ...(options.stsToken
      ? {
          stsToken: options.stsToken,
          refreshSTSToken: async () => ({
            accessKeyId: options.accessKeyId,
            accessKeySecret: options.accessKeySecret,
            stsToken: options.stsToken!,
          }),
        }
      : {}),
    bucket: options.bucket ?? 'alb-fc-state',
    region: `oss-${options.region ?? 'cn-hangzhou'}`,
    endpoint: options.endpoint,
    sldEnable: named,
    authorizationV4: options.v4 ?? true,
    ...(options.skewMs ? { amendTimeSkewed: options.skewMs } : {}),
  });
}

/** What ali-oss rejects with: OSS's code, the HTTP status and the RequestId. */
export async function ossFailure(
  call: Promise<unknown>,
): Promise<{ code: string; status: number; requestId?: string }> {
  try {
    await call;
  } catch (error) {
    const failure = error as { code?: string; status?: number; requestId?: string };
    return { code: failure.code ?? '', status: failure.status ?? 0, requestId: failure.requestId };
  }
  throw new Error('the call succeeded');
}
