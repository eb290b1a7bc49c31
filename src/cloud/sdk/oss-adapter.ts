import { isIP } from 'node:net';
import OSSModule from 'ali-oss';
import { cjsDefault } from '../../lib/interop.js';
import { hasCloudCode } from '../errors.js';
import type { ListedObject, ObjectStorePort, PutOptions, StoredObject } from '../object-store.js';
import type { ObservedCall } from './call.js';
import { realEndpoint, type Connection } from './connection.js';

// The object store port over the official OSS client for Node.js, `ali-oss` 6.x. It is loaded only when a command
// keeps its state on OSS (`--state oss://…`, src/cli/connect.ts), so `alb-fc --help` and runs with a local state
// file never load it. Requests are signed with OSS's V4 signature (OSS4-HMAC-SHA256, the one OSS recommends:
// https://help.aliyun.com/en/oss/developer-reference/recommend-to-use-signature-version-4).
//
// Where requests go: Alibaba Cloud's `oss-<region>.aliyuncs.com`, the bucket in the host name; with --endpoint or
// --local, that endpoint. ali-oss addresses an endpoint whose host is an IP address (the local cloud's 127.0.0.1)
// without the bucket in the URL and sends `Host: <bucket>.oss-<region>.aliyuncs.com` instead
// (lib/common/utils/createRequest.js), so the bucket travels in the Host header; an endpoint with a host name
// (`localhost`) is addressed path-style (`/<bucket>/<key>`, the client's `sldEnable`), since `<bucket>.localhost`
// does not resolve everywhere. Either way the V4 signature covers `/<bucket>/<key>`.

const OSS = cjsDefault(OSSModule);
type OssClient = InstanceType<typeof OSS>;

/** Keys per ListObjectsV2 page: the most OSS returns (ListObjectsV2 doc, max-keys). */
const PAGE_SIZE = 1000;

interface CredentialSource {
  getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

export function createOssAdapter(connection: Connection, bucket: string, call: ObservedCall): ObjectStorePort {
  let client: Promise<OssClient> | undefined;
  const open = (): Promise<OssClient> => (client ??= openClient(connection, bucket));
  // The client is made on the first call, inside it: missing credentials fail that call like any other.
  const run = <T>(action: string, request: (oss: OssClient) => Promise<T>) =>
    call('oss', action, async () => {
      try {
        return await request(await open());
      } catch (error) {
        throw ossError(error);
      }
    });

  return {
    bucket,

    async get(key): Promise<StoredObject | undefined> {
      try {
        const answer = await run('GetObject', async (oss) => withRequestId(await oss.get(key)));
        const headers = answer.res.headers;
        return {
          key,
          body: Buffer.from(answer.content),
          etag: unquote(headers.etag),
          lastModified: Date.parse(headers['last-modified'] ?? '') || 0,
          serverTime: Date.parse(headers.date ?? '') || undefined,
        };
      } catch (error) {
        if (hasCloudCode(error, 'NoSuchKey')) return undefined;
        throw error;
      }
    },

    async put(key: string, body: Buffer, options: PutOptions = {}) {
      const headers: Record<string, string> = {};
      if (options.createOnly) headers['x-oss-forbid-overwrite'] = 'true';
      try {
        // ali-oss adds the body's Content-MD5 itself (lib/common/utils/createRequest.js).
        const answer = await run('PutObject', async (oss) =>
          withRequestId(await oss.put(key, body, { headers, mime: options.contentType ?? 'application/json' })),
        );
        return { etag: unquote(answer.res.headers.etag) };
      } catch (error) {
        if (options.createOnly && hasCloudCode(error, 'FileAlreadyExists')) return 'exists';
        throw error;
      }
    },

    async delete(key) {
      await run('DeleteObject', async (oss) => withRequestId(await oss.delete(key)));
    },

    async list(prefix): Promise<ListedObject[]> {
      const found: ListedObject[] = [];
      let token: string | undefined;
      do {
        const query = { prefix, 'max-keys': PAGE_SIZE, ...(token ? { 'continuation-token': token } : {}) };
        const page = await run('ListObjectsV2', async (oss) => withRequestId(await oss.listV2(query)));
        for (const object of page.objects ?? []) {
          found.push({
            key: object.name,
            size: object.size,
            etag: unquote(object.etag),
            lastModified: Date.parse(object.lastModified) || 0,
          });
        }
        token = page.isTruncated ? (page.nextContinuationToken ?? undefined) : undefined;
      } while (token);
      return found;
    },
  };
}

async function openClient(connection: Connection, bucket: string): Promise<OssClient> {
  const source = connection.credential as CredentialSource;
  const keys = async () => {
    const found = await source.getCredential();
    return {
      accessKeyId: found.accessKeyId ?? '',
      accessKeySecret: found.accessKeySecret ?? '',
      stsToken: found.securityToken ?? '',
    };
  };
  const first = await keys();
  const override = connection.endpoint ? new URL(connection.endpoint) : undefined;
  return new OSS({
    accessKeyId: first.accessKeyId,
    accessKeySecret: first.accessKeySecret,
    // STS credentials expire: ali-oss asks again through the same provider the other services use.
    ...(first.stsToken ? { stsToken: first.stsToken, refreshSTSToken: keys, refreshSTSTokenInterval: 300_000 } : {}),
    bucket,
    region: `oss-${connection.region}`,
    endpoint: override ? override.origin : `https://${realEndpoint('oss', connection.region)}`,
    secure: override ? override.protocol === 'https:' : true,
    sldEnable: override !== undefined && isIP(override.hostname.replace(/^\[|\]$/g, '')) === 0,
    authorizationV4: true,
    timeout: connection.readTimeoutMs,
    // A request that never got an answer is sent again: every call the store makes may be repeated safely
    // (src/state/oss-lock.ts recognises its own create-only write).
    retryMax: 2,
  });
}

/** The answer as the caller reads it for --verbose: OSS's RequestId header and HTTP status. */
function withRequestId<T extends { res: { status: number; headers: Record<string, string | undefined> } }>(
  answer: T,
): T & { statusCode: number; headers: Record<string, string | undefined> } {
  return { ...answer, statusCode: answer.res.status, headers: answer.res.headers };
}

/**
 * An ali-oss failure in the shape src/cloud/sdk/call.ts reads: OSS's code, HTTP status and RequestId; a failure
 * without an HTTP answer (ali-oss status -1 or -2) keeps its message so it is classified as a network error. The
 * client's own error object is not kept: it carries the request's parameters.
 */
function ossError(error: unknown): unknown {
  const failure = (error ?? {}) as { code?: string; status?: number; requestId?: string; message?: string };
  const answered = typeof failure.status === 'number' && failure.status > 0;
  return {
    code: answered ? failure.code || `Http${failure.status}` : undefined,
    statusCode: answered ? failure.status : undefined,
    requestId: failure.requestId,
    message: failure.message ?? String(error),
    data: { Message: failure.message },
  };
}

function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}
