import { createHash } from 'node:crypto';
import { crc64 } from '../../../lib/crc64.js';
import type { ActionHandler, CallContext } from '../../core/service.js';
import { ossErrors } from './errors.js';
import { findBucket, ossState, type BucketState, type ObjectState } from './state.js';

// The object operations the state store uses (https://www.alibabacloud.com/help/en/oss/developer-reference/list-of-operations-by-function):
// PutObject replaces the whole object at once; with `x-oss-forbid-overwrite: true` it refuses an existing key
// with 409 FileAlreadyExists, and a value other than true/false is 400 InvalidArgument (problem page
// 0017-00000279); a Content-MD5 that does not match the body is 400 InvalidDigest and nothing is stored. GetObject
// and HeadObject answer the bytes' ETag, Last-Modified, type and CRC-64; a missing key is 404 NoSuchKey. DeleteObject
// answers 204 whether or not the key existed (DeleteObject doc, help.aliyun.com/document_detail/31982.html). Every
// operation on a bucket that does not exist is 404 NoSuchBucket, on another account's bucket 403 AccessDenied,
// and through another region's endpoint 403 AccessDenied naming the endpoint to use (HTTP 403 page).

/** The bucket the call addresses, checked: it exists, belongs to the caller, and is in the endpoint's region. */
export function bucketOf(ctx: CallContext): BucketState {
  const bucket = findBucket(ossState(ctx.world), ctx.params.requiredString('bucket'));
  if (!bucket) throw ossErrors.noSuchBucket();
  if (bucket.accountId !== ctx.account.accountId) {
    throw ossErrors.accessDenied('The bucket you access does not belong to you.');
  }
  if (bucket.region !== ctx.region) throw ossErrors.wrongEndpoint();
  return bucket;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function objectHeaders(object: ObjectState, now: number): Record<string, string> {
  return {
    'content-type': object.contentType,
    etag: `"${object.etag}"`,
    'last-modified': httpDate(object.lastModified),
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
    'x-oss-hash-crc64ecma': object.crc64,
    date: httpDate(now),
  };
}

export const putObject: ActionHandler = async (ctx) => {
  const bucket = bucketOf(ctx);
  const key = ctx.params.requiredString('key');
  const headers = ctx.http.headers;
  const forbid = headers['x-oss-forbid-overwrite'];
  if (forbid !== undefined && forbid !== 'true' && forbid !== 'false') {
    throw ossErrors.invalidArgument('x-oss-forbid-overwrite must be true or false.');
  }
  const body = ctx.http.body;
  const md5 = createHash('md5').update(body);
  const digest = md5.digest();
  const declared = headers['content-md5'];
  if (declared !== undefined && declared !== digest.toString('base64')) throw ossErrors.invalidDigest();
  if (forbid === 'true' && bucket.objects[key]) throw ossErrors.fileAlreadyExists();
  const now = ctx.clock.now();
  const object: ObjectState = {
    blob: await ctx.world.blobs.put(body),
    size: body.length,
    etag: digest.toString('hex').toUpperCase(),
    crc64: crc64(body),
    contentType: headers['content-type'] ?? 'application/octet-stream',
    lastModified: now,
  };
  // Checked again after the blob is written: two create-only writes of one key never both succeed.
  if (forbid === 'true' && bucket.objects[key]) throw ossErrors.fileAlreadyExists();
  bucket.objects[key] = object;
  return {
    headers: {
      etag: `"${object.etag}"`,
      'content-md5': digest.toString('base64'),
      'x-oss-hash-crc64ecma': object.crc64,
      date: httpDate(now),
    },
  };
};

async function readObject(ctx: CallContext): Promise<{ object: ObjectState; body: Buffer }> {
  const bucket = bucketOf(ctx);
  const object = bucket.objects[ctx.params.requiredString('key')];
  if (!object) throw ossErrors.noSuchKey();
  const body = await ctx.world.blobs.get(object.blob);
  if (!body) throw ossErrors.internalError();
  return { object, body };
}

export const getObject: ActionHandler = async (ctx) => {
  const { object, body } = await readObject(ctx);
  return { raw: body, headers: objectHeaders(object, ctx.clock.now()) };
};

/** The same answer as GetObject: Node sends no body to HEAD, and the length stays the object's. */
export const headObject: ActionHandler = async (ctx) => {
  const { object, body } = await readObject(ctx);
  return { raw: body, headers: objectHeaders(object, ctx.clock.now()) };
};

export const deleteObject: ActionHandler = (ctx) => {
  const bucket = bucketOf(ctx);
  delete bucket.objects[ctx.params.requiredString('key')];
  return { status: 204, headers: { date: httpDate(ctx.clock.now()) } };
};
