import { safeDecode } from '../../auth/encoding.js';
import type { ApiSpec } from '../../metadata/index.js';
import type { RequestProtocol, Route, WireRequest } from '../../core/protocol.js';
import { ossErrors } from './errors.js';

// How OSS requests are read: a REST path (https://www.alibabacloud.com/help/en/oss/developer-reference/list-of-operations-by-function).
// The bucket is named by the host (`<bucket>.oss-<region>.aliyuncs.com`, virtual-hosted style, which ali-oss also
// sends to an IP endpoint) or by the first path segment (path-style, `/<bucket>/<key>`); the object key is the
// rest of the path, percent-decoded; the operation is the method, with `list-type=2` telling ListObjectsV2 from
// ListObjects. OSS has no API metadata like the POP products': the parameters the operations take are checked
// here, against the limits of their documentation.

/** The operations the local cloud implements (each its own spec: OSS has no metadata file). */
const SPECS: Record<string, ApiSpec> = {
  PutObject: { path: '/{bucket}/{key}', methods: ['put'] },
  GetObject: { path: '/{bucket}/{key}', methods: ['get'] },
  HeadObject: { path: '/{bucket}/{key}', methods: ['head'] },
  DeleteObject: { path: '/{bucket}/{key}', methods: ['delete'] },
  ListObjects: { path: '/{bucket}/', methods: ['get'] },
  ListObjectsV2: { path: '/{bucket}/', methods: ['get'] },
};

/** Sub-resources that turn an object or bucket request into another operation, which the local cloud does not implement. */
const OTHER_OPERATIONS = [
  'acl',
  'tagging',
  'symlink',
  'append',
  'uploads',
  'uploadId',
  'restore',
  'versions',
  'cors',
  'lifecycle',
  'location',
  'bucketInfo',
  'delete',
  'objectMeta',
];

const VIRTUAL_HOST = /^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.oss-[a-z0-9-]+\.aliyuncs\.com(?::\d+)?$/;
const OSS_HOST = /(^|\.)oss-[a-z0-9-]+\.aliyuncs\.com(?::\d+)?$/;
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Where a request points: its bucket (undefined for the service) and object key ('' for the bucket itself). */
export function addressOf(request: WireRequest): { bucket: string | undefined; key: string } {
  const virtual = VIRTUAL_HOST.exec(request.headers.host ?? '');
  const path = request.path;
  if (virtual) return { bucket: virtual[1], key: decodeKey(path.slice(1)) };
  const slash = path.indexOf('/', 1);
  const bucket = decodeKey(slash < 0 ? path.slice(1) : path.slice(1, slash));
  return { bucket: bucket === '' ? undefined : bucket, key: slash < 0 ? '' : decodeKey(path.slice(slash + 1)) };
}

function decodeKey(raw: string): string {
  const decoded = safeDecode(raw);
  if (decoded === undefined) throw ossErrors.invalidObjectName('The specified object is not valid.');
  return decoded;
}

export const ossProtocol: RequestProtocol = {
  recognise(request) {
    const authorization = request.headers.authorization ?? '';
    if (/^OSS4?[- ]/.test(authorization) || Object.keys(request.headers).some((name) => name.startsWith('x-oss-'))) {
      return 'version';
    }
    return OSS_HOST.test(request.headers.host ?? '') ? 'path' : undefined;
  },

  route(request, implemented) {
    const { bucket, key } = addressOf(request);
    const method = request.method.toUpperCase();
    const other = OTHER_OPERATIONS.find((name) => request.query.some(([param]) => param === name));
    if (bucket === undefined) throw ossErrors.notImplemented('ListBuckets');
    if (other) throw ossErrors.notImplemented(`the "${other}" sub-resource`);
    let action: string;
    if (key === '') {
      if (method !== 'GET') throw ossErrors.notImplemented(`${method} on a bucket`);
      action = request.param('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    } else {
      const byMethod: Record<string, string> = {
        PUT: 'PutObject',
        GET: 'GetObject',
        HEAD: 'HeadObject',
        DELETE: 'DeleteObject',
      };
      const found = byMethod[method];
      if (!found) throw ossErrors.methodNotAllowed();
      action = found;
    }
    if (!implemented(action)) throw ossErrors.notImplemented(action);
    return { action, api: SPECS[action]!, pathParams: { bucket, key } };
  },

  decode(route: Route, request: WireRequest) {
    const { bucket, key } = route.pathParams as { bucket: string; key: string };
    if (!BUCKET.test(bucket)) throw ossErrors.invalidBucketName();
    // Object names: 1 to 1023 bytes of UTF-8, not starting with / or \ (HTTP 400 page, InvalidObjectName).
    if (Buffer.byteLength(key, 'utf8') > 1023) {
      throw ossErrors.invalidObjectName('The Length of Object name must be less than 1024.');
    }
    if (/^[/\\]/.test(key)) throw ossErrors.invalidObjectName('The specified object is not valid.');
    const values: Record<string, unknown> = { bucket, key };
    for (const name of ['prefix', 'marker', 'delimiter', 'continuation-token', 'start-after', 'encoding-type']) {
      const value = request.param(name);
      if (value !== undefined) values[name] = value;
    }
    const maxKeys = request.param('max-keys');
    if (maxKeys !== undefined) {
      // ListObjects / ListObjectsV2: max-keys is an integer from 1 to 1000.
      if (!/^\d+$/.test(maxKeys) || Number(maxKeys) < 1 || Number(maxKeys) > 1000) {
        throw ossErrors.invalidArgument('Argument max-keys must be an integer between 1 and 1000.');
      }
      values['max-keys'] = Number(maxKeys);
    }
    const encoding = request.param('encoding-type');
    if (encoding !== undefined && encoding !== 'url') {
      throw ossErrors.invalidArgument('Argument encoding-type only supports url.');
    }
    values['fetch-owner'] = request.param('fetch-owner') === 'true';
    return { values };
  },
};
