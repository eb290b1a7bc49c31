import type { ActionHandler, CallContext } from '../../core/service.js';
import { ossErrors } from './errors.js';
import { bucketOf, httpDate } from './objects.js';
import type { BucketState } from './state.js';
import { xmlDocument, type XmlNode } from './xml.js';

// ListObjects (GetBucket) and ListObjectsV2 (GetBucketV2): keys in UTF-8 order under `prefix`, at most `max-keys`
// (default 100, at most 1000) per page, keys sharing a part up to `delimiter` folded into CommonPrefixes; V1 pages
// by `marker` / NextMarker, V2 by `continuation-token` / NextContinuationToken (opaque) or `start-after`, and
// names the owner only with `fetch-owner=true`. `encoding-type=url` URL-encodes the keys in the answer
// (https://www.alibabacloud.com/help/en/oss/developer-reference/listobjectsv2).

const DEFAULT_MAX_KEYS = 100;

interface Page {
  contents: string[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page: where the next one starts after. */
  last: string | undefined;
}

/** UTF-8 byte order, OSS's order of keys. */
function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function listPage(bucket: BucketState, prefix: string, after: string, delimiter: string, max: number): Page {
  const keys = Object.keys(bucket.objects)
    .filter((key) => key.startsWith(prefix) && compare(key, after) > 0)
    .sort(compare);
  const contents: string[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  for (const key of keys) {
    const folded = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = folded >= 0 ? key.slice(0, folded + delimiter.length) : undefined;
    if (common !== undefined && (prefixes.includes(common) || compare(common, after) <= 0)) continue;
    if (contents.length + prefixes.length === max) return { contents, prefixes, truncated: true, last };
    if (common !== undefined) prefixes.push(common);
    else contents.push(key);
    last = common ?? key;
  }
  return { contents, prefixes, truncated: false, last };
}

function entries(bucket: BucketState, page: Page, owner: boolean, encode: (s: string) => string): XmlNode[] {
  const nodes: XmlNode[] = page.contents.map((key) => {
    const object = bucket.objects[key]!;
    const fields: XmlNode[] = [
      ['Key', encode(key)],
      ['LastModified', new Date(object.lastModified).toISOString()],
      ['ETag', `"${object.etag}"`],
      ['Type', 'Normal'],
      ['Size', object.size],
      ['StorageClass', 'Standard'],
    ];
    if (owner)
      fields.push([
        'Owner',
        [
          ['ID', bucket.accountId],
          ['DisplayName', bucket.accountId],
        ],
      ]);
    return ['Contents', fields];
  });
  for (const prefix of page.prefixes) nodes.push(['CommonPrefixes', [['Prefix', encode(prefix)]]]);
  return nodes;
}

function listing(ctx: CallContext, root: XmlNode) {
  return {
    raw: xmlDocument(root),
    headers: { 'content-type': 'application/xml', date: httpDate(ctx.clock.now()) },
  };
}

export const listObjects: ActionHandler = (ctx) => {
  const bucket = bucketOf(ctx);
  const { params } = ctx;
  const prefix = params.string('prefix') ?? '';
  const marker = params.string('marker') ?? '';
  const delimiter = params.string('delimiter') ?? '';
  const max = params.number('max-keys') ?? DEFAULT_MAX_KEYS;
  const encode = params.string('encoding-type') === 'url' ? encodeURIComponent : (s: string) => s;
  const page = listPage(bucket, prefix, marker, delimiter, max);
  const fields: XmlNode[] = [
    ['Name', bucket.name],
    ['Prefix', encode(prefix)],
    ['Marker', encode(marker)],
    ['MaxKeys', max],
    ['Delimiter', encode(delimiter)],
    ['IsTruncated', page.truncated],
  ];
  if (page.truncated && page.last !== undefined) fields.push(['NextMarker', encode(page.last)]);
  if (params.string('encoding-type') === 'url') fields.push(['EncodingType', 'url']);
  return listing(ctx, ['ListBucketResult', [...fields, ...entries(bucket, page, true, encode)]]);
};

export const listObjectsV2: ActionHandler = (ctx) => {
  const bucket = bucketOf(ctx);
  const { params } = ctx;
  const prefix = params.string('prefix') ?? '';
  const token = params.string('continuation-token');
  const startAfter = params.string('start-after') ?? '';
  const delimiter = params.string('delimiter') ?? '';
  const max = params.number('max-keys') ?? DEFAULT_MAX_KEYS;
  const encode = params.string('encoding-type') === 'url' ? encodeURIComponent : (s: string) => s;
  let after = startAfter;
  if (token !== undefined) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    // Assumption: the code for a continuation token OSS did not issue.
    if (!decoded.startsWith('k:')) throw ossErrors.invalidArgument('The continuation token provided is incorrect.');
    after = decoded.slice(2);
  }
  const page = listPage(bucket, prefix, after, delimiter, max);
  const fields: XmlNode[] = [
    ['Name', bucket.name],
    ['Prefix', encode(prefix)],
    ...(token !== undefined ? ([['ContinuationToken', token]] as XmlNode[]) : []),
    ...(startAfter ? ([['StartAfter', encode(startAfter)]] as XmlNode[]) : []),
    ['MaxKeys', max],
    ['Delimiter', encode(delimiter)],
    ['IsTruncated', page.truncated],
  ];
  if (page.truncated && page.last !== undefined) {
    fields.push(['NextContinuationToken', Buffer.from(`k:${page.last}`).toString('base64url')]);
  }
  if (params.string('encoding-type') === 'url') fields.push(['EncodingType', 'url']);
  fields.push(['KeyCount', page.contents.length + page.prefixes.length]);
  const owner = params.boolean('fetch-owner') === true;
  return listing(ctx, ['ListBucketResult', [...fields, ...entries(bucket, page, owner, encode)]]);
};
