import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './encoding.js';

// The two signatures OSS accepts in the Authorization header, recomputed on the server side.
//
// V1, `OSS <AccessKeyId>:<Signature>` (https://www.alibabacloud.com/help/en/oss/developer-reference/include-signatures-in-the-authorization-header):
// base64(HMAC-SHA1(secret, VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedOSSHeaders CanonicalizedResource)).
// The Date slot holds the `Date` header, or `x-oss-date` when the client sends only that (ali-oss does,
// lib/common/signUtils.js buildCanonicalString); CanonicalizedOSSHeaders are the `x-oss-*` headers, lower case,
// sorted, `name:value\n` each; CanonicalizedResource is `/<bucket>/<key>` (`/` without a bucket), then the signed
// sub-resources of the query, sorted, `?a&b=v`.
//
// V4, `OSS4-HMAC-SHA256 Credential=<AccessKeyId>/<yyyymmdd>/<region>/oss/aliyun_v4_request[,AdditionalHeaders=…],Signature=<hex>`
// (https://help.aliyun.com/en/oss/developer-reference/recommend-to-use-signature-version-4): the canonical request
// is VERB \n URI-encoded `/<bucket>/<key>` (slashes kept) \n the sorted, encoded query (a parameter without a value
// as its name alone) \n `content-type`, `content-md5`, `x-oss-*` and the additional headers, sorted, `name:value\n`
// each \n the additional header names \n `x-oss-content-sha256` (UNSIGNED-PAYLOAD); the string to sign is
// `OSS4-HMAC-SHA256 \n x-oss-date \n <yyyymmdd>/<region>/oss/aliyun_v4_request \n hex(SHA-256(canonical request))`,
// signed with the key derived by HMAC-SHA256 from `aliyun_v4<secret>` over the date, the region, `oss` and
// `aliyun_v4_request`.

/** Query parameters that are part of a V1 CanonicalizedResource (the sub-resources of the V1 signature doc). */
const V1_SUBRESOURCES = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'restore',
  'callback',
  'callback-var',
  'policy',
  'encryption',
  'versions',
  'versioning',
  'versionId',
  'continuation-token',
]);

export interface OssSignedRequest {
  method: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** Decoded query parameters, in arrival order. */
  query: Array<[string, string]>;
  bucket: string | undefined;
  /** Decoded object key ('' for bucket-level requests). */
  key: string;
}

export type OssAuthorization =
  | { version: 1; accessKeyId: string; signature: string }
  | {
      version: 4;
      accessKeyId: string;
      date: string;
      region: string;
      additionalHeaders: string[];
      signature: string;
    };

/** The Authorization header as one of the two schemes, or undefined when it is neither or malformed. */
export function parseOssAuthorization(header: string): OssAuthorization | undefined {
  const v1 = /^OSS ([^:\s]+):(\S+)$/.exec(header.trim());
  if (v1) return { version: 1, accessKeyId: v1[1]!, signature: v1[2]! };
  const v4 = /^OSS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!v4) return undefined;
  const fields = new Map<string, string>();
  for (const part of v4[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/oss\/aliyun_v4_request$/.exec(fields.get('Credential') ?? '');
  const signature = fields.get('Signature');
  const additional = fields.get('AdditionalHeaders');
  if (!credential || !signature || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
  if (additional !== undefined && additional.split(';').some((name) => name === '')) return undefined;
  return {
    version: 4,
    accessKeyId: credential[1]!,
    date: credential[2]!,
    region: credential[3]!,
    additionalHeaders: additional ? additional.split(';') : [],
    signature,
  };
}

export function v1StringToSign(request: OssSignedRequest): string {
  const { headers } = request;
  const ossHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(headers[name] ?? '').trim()}\n`)
    .join('');
  const subresources = request.query
    .filter(([name]) => V1_SUBRESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  const resource =
    (request.bucket === undefined ? '/' : `/${request.bucket}/${request.key}`) +
    (subresources.length > 0 ? `?${subresources.join('&')}` : '');
  return [
    request.method.toUpperCase(),
    headers['content-md5'] ?? '',
    headers['content-type'] ?? '',
    headers.date ?? headers['x-oss-date'] ?? '',
    ossHeaders + resource,
  ].join('\n');
}

export function v1Signature(stringToSign: string, secret: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

export function v4StringToSign(request: OssSignedRequest, auth: Extract<OssAuthorization, { version: 4 }>): string {
  const { headers } = request;
  const resource = request.bucket === undefined ? '/' : `/${request.bucket}/${request.key}`;
  const query = request.query
    .map(([name, value]) => [percentEncode(name), value === '' ? undefined : percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === undefined ? name : `${name}=${value}`))
    .join('&');
  const signed = new Set(auth.additionalHeaders);
  for (const name of Object.keys(headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) signed.add(name);
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${(headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    percentEncode(resource).replace(/%2F/g, '/'),
    query,
    canonicalHeaders,
    auth.additionalHeaders.join(';'),
    headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  return [
    'OSS4-HMAC-SHA256',
    headers['x-oss-date'] ?? '',
    `${auth.date}/${auth.region}/oss/aliyun_v4_request`,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
}

export function v4Signature(stringToSign: string, secret: string, date: string, region: string): string {
  let key: Buffer = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  for (const part of [region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/** `x-oss-date` of a V4 request (`20240101T000000Z`) or an HTTP date, as ms since the epoch. */
export function parseOssDate(value: string): number {
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (basic) {
    const [, y, mo, d, h, mi, s] = basic.map(Number) as [number, number, number, number, number, number, number];
    return Date.UTC(y, mo - 1, d, h, mi, s);
  }
  return Date.parse(value);
}
