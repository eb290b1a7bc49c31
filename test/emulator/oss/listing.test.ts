import { beforeEach, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../support/local-cloud.js';
import { ossFailure } from '../../support/oss-client.js';
import { ossFor } from './support.js';

// docs/emulator.md, "OSS": ListObjects and ListObjectsV2 page through keys in order, fold common prefixes, and
// keep max-keys within 1..1000.

const scope = useLocalCloud();
const keys = ['team/a.lock', 'team/a.state.json', 'team/b.state.json', 'team/sub/c.json', 'team/sub/d.json', 'z.json'];

beforeEach(async () => {
  const oss = ossFor(scope.cloud);
  for (const key of keys) await oss.put(key, Buffer.from(key));
});

describe('OSS listings', () => {
  it('pages ListObjectsV2 with continuation tokens', async () => {
    const oss = ossFor(scope.cloud);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await oss.listV2({
        prefix: 'team/',
        'max-keys': 2,
        ...(token ? { 'continuation-token': token } : {}),
      });
      expect(page.keyCount).toBe(page.objects?.length ?? 0);
      seen.push(...(page.objects ?? []).map((o) => o.name));
      token = page.isTruncated ? (page.nextContinuationToken ?? undefined) : undefined;
      pages++;
    } while (token);
    expect(seen).toEqual(keys.filter((k) => k.startsWith('team/')));
    expect(pages).toBe(3);
  });

  it('folds keys sharing a prefix up to the delimiter, and starts after a key', async () => {
    const oss = ossFor(scope.cloud);
    const folded = await oss.listV2({ prefix: 'team/', delimiter: '/' });
    expect(folded.objects?.map((o) => o.name)).toEqual(['team/a.lock', 'team/a.state.json', 'team/b.state.json']);
    expect(folded.prefixes).toEqual(['team/sub/']);
    const after = await oss.listV2({ prefix: 'team/', 'start-after': 'team/b.state.json' });
    expect(after.objects?.map((o) => o.name)).toEqual(['team/sub/c.json', 'team/sub/d.json']);
  });

  it('pages ListObjects with markers', async () => {
    const oss = ossFor(scope.cloud);
    const first = await oss.list({ prefix: 'team/', 'max-keys': 4 });
    expect(first.isTruncated).toBe(true);
    expect(first.nextMarker).toBe('team/sub/c.json');
    const rest = await oss.list({ prefix: 'team/', marker: first.nextMarker!, 'max-keys': 4 });
    expect(rest.objects?.map((o) => o.name)).toEqual(['team/sub/d.json']);
    expect(rest.isTruncated).toBe(false);
  });

  it.each([0, 1001])('refuses max-keys %i with 400 InvalidArgument', async (max) => {
    expect(await ossFailure(ossFor(scope.cloud).listV2({ 'max-keys': max }))).toMatchObject({
      code: 'InvalidArgument',
      status: 400,
    });
  });
});
