import { describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../../src/emulator/index.js';
import { ossFailure } from '../../support/oss-client.js';
import { tempDir } from '../../support/temp-dir.js';
import { ossFor } from './support.js';

// docs/emulator.md, "OSS": buckets and objects live in --data-dir like the rest (the bytes as blobs), the seeded
// bucket is created once, an admin route adds buckets, and reset brings back only the seeded, empty bucket.

async function admin(endpoint: string, path: string, body: object): Promise<Response> {
  return fetch(`${endpoint}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

describe('OSS persistence', () => {
  it('keeps buckets and objects across a restart, and reset empties them', async () => {
    const dataDir = await tempDir('alb-fc-oss-data-');
    const first = await startLocalCloud({ dataDir });
    expect(first.info.buckets).toEqual(['alb-fc-state']);
    const body = Buffer.from('{"kept":true}');
    const put = await ossFor(first).put('team/kept.json', body);
    expect((await admin(first.endpoint, '/_emulator/oss/buckets', { name: 'team-two' })).status).toBe(201);
    expect((await admin(first.endpoint, '/_emulator/oss/buckets', { name: 'team-two' })).status).toBe(409);
    expect((await admin(first.endpoint, '/_emulator/oss/buckets', { name: 'No_Good' })).status).toBe(400);
    await first.close();

    const second = await startLocalCloud({ dataDir });
    try {
      expect(second.info.buckets).toEqual(['alb-fc-state', 'team-two']);
      const got = await ossFor(second).get('team/kept.json');
      expect(got.content.equals(body)).toBe(true);
      expect(got.res.headers.etag).toBe(put.res.headers.etag);
      await ossFor(second, { bucket: 'team-two' }).put('x', Buffer.from('x'));
      await second.reset();
      expect(second.info.buckets).toEqual(['alb-fc-state']);
      expect(await ossFailure(ossFor(second).get('team/kept.json'))).toMatchObject({ code: 'NoSuchKey' });
    } finally {
      await second.close();
    }
  });
});
