import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../support/local-cloud.js';
import { ossFailure } from '../../support/oss-client.js';
import { objectsIn, ossFor } from './support.js';

// docs/emulator.md, "OSS": what a whole-object store with a create-only write needs — PutObject with
// x-oss-forbid-overwrite and Content-MD5, GetObject, HeadObject, DeleteObject — with OSS's codes.

const scope = useLocalCloud({
  accounts: [
    {
      accountId: '1000000000000001',
      identityType: 'RAMUser',
      principalName: 'alb-fc-local',
      keys: [{ accessKeyId: 'alb-fc-local', accessKeySecret: 'alb-fc-local-secret' }],
    },
    {
      accountId: '2000000000000002',
      identityType: 'RAMUser',
      principalName: 'other',
      keys: [{ accessKeyId: 'other-key', accessKeySecret: 'other-secret' }],
    },
  ],
});

const forbid = { headers: { 'x-oss-forbid-overwrite': 'true' } };

describe('OSS objects', () => {
  it('stores the whole body and answers its ETag, Last-Modified, type and CRC-64', async () => {
    const oss = ossFor(scope.cloud);
    const body = Buffer.from(JSON.stringify({ hello: 'world' }));
    const put = await oss.put('team/a.json', body, { mime: 'application/json' });
    const md5 = createHash('md5').update(body).digest('hex').toUpperCase();
    expect(put.res.headers.etag).toBe(`"${md5}"`);
    const got = await oss.get('team/a.json');
    expect(got.content.equals(body)).toBe(true);
    expect(got.res.headers).toMatchObject({
      etag: `"${md5}"`,
      'content-type': 'application/json',
      'x-oss-object-type': 'Normal',
      'x-oss-hash-crc64ecma': expect.stringMatching(/^\d+$/),
    });
    expect(Date.parse(got.res.headers['last-modified']!)).toBeGreaterThan(0);
    const head = await oss.head('team/a.json');
    expect(head.res.headers['content-length']).toBe(String(body.length));
  });

  it('refuses to overwrite with x-oss-forbid-overwrite: true (409 FileAlreadyExists), and leaves the object', async () => {
    const oss = ossFor(scope.cloud);
    await oss.put('team/lock', Buffer.from('first'), forbid);
    expect(await ossFailure(oss.put('team/lock', Buffer.from('second'), forbid))).toMatchObject({
      code: 'FileAlreadyExists',
      status: 409,
    });
    expect((await oss.get('team/lock')).content.toString()).toBe('first');
    await oss.put('team/lock', Buffer.from('third'), { headers: { 'x-oss-forbid-overwrite': 'false' } });
    expect((await oss.get('team/lock')).content.toString()).toBe('third');
  });

  it('lets exactly one of two simultaneous create-only writes succeed', async () => {
    const oss = ossFor(scope.cloud);
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((who) => oss.put('team/race', Buffer.from(who), forbid)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(['FileAlreadyExists', 'FileAlreadyExists']);
  });

  it('refuses an x-oss-forbid-overwrite other than true or false with 400 InvalidArgument', async () => {
    const failure = await ossFailure(
      ossFor(scope.cloud).put('team/x', Buffer.from('x'), { headers: { 'x-oss-forbid-overwrite': 'abc' } }),
    );
    expect(failure).toMatchObject({ code: 'InvalidArgument', status: 400 });
  });

  it('refuses a body whose Content-MD5 does not match with 400 InvalidDigest, and stores nothing', async () => {
    const oss = ossFor(scope.cloud);
    const wrong = createHash('md5').update('something else').digest('base64');
    const failure = await ossFailure(
      oss.put('team/damaged', Buffer.from('body'), { headers: { 'Content-MD5': wrong } }),
    );
    expect(failure).toMatchObject({ code: 'InvalidDigest', status: 400 });
    expect(await objectsIn(scope.cloud)).not.toContain('team/damaged');
  });

  it('answers 404 NoSuchKey for a missing key, and NoSuchBucket for a missing bucket', async () => {
    const oss = ossFor(scope.cloud);
    expect(await ossFailure(oss.get('team/none'))).toMatchObject({ code: 'NoSuchKey', status: 404 });
    expect(await ossFailure(oss.head('team/none'))).toMatchObject({ code: 'NoSuchKey', status: 404 });
    const other = ossFor(scope.cloud, { bucket: 'no-such-bucket' });
    expect(await ossFailure(other.get('x'))).toMatchObject({ code: 'NoSuchBucket', status: 404 });
    expect(await ossFailure(other.delete('x'))).toMatchObject({ code: 'NoSuchBucket', status: 404 });
  });

  it('deletes with 204, also a key that is not there', async () => {
    const oss = ossFor(scope.cloud);
    await oss.put('team/gone', Buffer.from('x'));
    expect((await oss.delete('team/gone')).res.status).toBe(204);
    expect((await oss.delete('team/gone')).res.status).toBe(204);
    expect(await objectsIn(scope.cloud)).not.toContain('team/gone');
  });

  it("refuses another account's bucket with 403 AccessDenied", async () => {
    const other = ossFor(scope.cloud, { accessKeyId: 'other-key', accessKeySecret: 'other-secret' });
    expect(await ossFailure(other.get('team/a.json'))).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(scope.cloud.info.buckets).toEqual(['alb-fc-state']);
  });
});
