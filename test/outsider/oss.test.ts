import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ossClient, ossFailure } from '../support/oss-client.js';
import { startCloud, useCloud, type Cloud } from './support.js';

// docs/emulator.md, "OSS", from outside: the ready line names the seeded bucket, and the official OSS client
// (ali-oss), given nothing but the ready line, stores, protects and reads objects there, with either signature;
// with --data-dir they survive a restart.

const cloud = useCloud();

function oss(of: Cloud, v4 = true) {
  return ossClient({
    endpoint: of.endpoint,
    accessKeyId: of.info.accessKeyId,
    accessKeySecret: of.info.accessKeySecret,
    region: of.info.region,
    v4,
  });
}

describe('OSS of the local cloud, from outside', () => {
  it('names its seeded bucket on the ready line', () => {
    expect(cloud.info.buckets).toEqual(['alb-fc-state']);
  });

  it.each([true, false])('stores, protects and reads an object (V4 signature: %s)', async (v4) => {
    const client = oss(cloud, v4);
    const key = `outsider/${v4 ? 'v4' : 'v1'}.json`;
    const create = { headers: { 'x-oss-forbid-overwrite': 'true' } };
    await client.put(key, Buffer.from('{"n":1}'), create);
    expect(await ossFailure(client.put(key, Buffer.from('{"n":2}'), create))).toMatchObject({
      code: 'FileAlreadyExists',
      status: 409,
    });
    expect((await client.get(key)).content.toString()).toBe('{"n":1}');
    await client.delete(key);
    expect(await ossFailure(client.get(key))).toMatchObject({ code: 'NoSuchKey', status: 404 });
  });
});

describe('OSS with --data-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alb-fc-outsider-oss-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps objects across a restart', async () => {
    const first = await startCloud(['--data-dir', dir]);
    try {
      await oss(first).put('kept.json', Buffer.from('kept'));
    } finally {
      await first.stop();
    }
    const second = await startCloud(['--data-dir', dir]);
    try {
      expect((await oss(second).get('kept.json')).content.toString()).toBe('kept');
    } finally {
      await second.stop();
    }
  });
});
