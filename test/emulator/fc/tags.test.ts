import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { $Fc, createFunction, fcClient, rejection, type FcClientType } from './support.js';

// TagResources, UntagResources, ListTagResources on /2023-03-30/tags-v2 (metadata; TagResource.d.ts).

let cloud: LocalCloud;
let client: FcClientType;
let arnA: string;
let arnB: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  client = fcClient(cloud);
  arnA = (await createFunction(client, 'tag-a')).body!.functionArn!;
  arnB = (await createFunction(client, 'tag-b')).body!.functionArn!;
});
afterAll(async () => {
  await cloud.close();
});

function tag(resourceId: string[], tags: Record<string, string>, resourceType = 'function') {
  return client.tagResources(
    new $Fc.TagResourcesRequest({
      body: new $Fc.TagResourcesInput({
        resourceId,
        resourceType,
        tag: Object.entries(tags).map(([key, value]) => new $Fc.Tag({ key, value })),
      }),
    }),
  );
}

function list(request: Record<string, unknown>) {
  return client.listTagResources(new $Fc.ListTagResourcesRequest({ resourceType: 'ALIYUN::FC::FUNCTION', ...request }));
}

async function tagsOf(name: string): Promise<Record<string, string>> {
  const fn = await client.getFunction(name, new $Fc.GetFunctionRequest({}));
  return Object.fromEntries((fn.body?.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
}

describe('tags', () => {
  it('tags several functions at once; GetFunction and ListTagResources show them', async () => {
    const answer = await tag([arnA, arnB], { env: 'dev', team: 'core' });
    expect(answer.statusCode).toBe(204);
    expect(await tagsOf('tag-a')).toEqual({ env: 'dev', team: 'core' });
    const listed = await list({ resourceId: [arnA] });
    expect(listed.body).toBeInstanceOf($Fc.ListTagResourcesOutput);
    expect(listed.body?.requestId).toMatch(/^1-/);
    expect(listed.body?.tagResources?.map((t) => [t.resourceId, t.resourceType, t.tagKey, t.tagValue])).toEqual([
      [arnA, 'ALIYUN::FC::FUNCTION', 'env', 'dev'],
      [arnA, 'ALIYUN::FC::FUNCTION', 'team', 'core'],
    ]);
  });

  it('lists by tag filter and pages with Limit/NextToken', async () => {
    await tag([arnB], { only: 'b' });
    const filtered = await list({ tag: [new $Fc.ListTagResourcesRequestTag({ key: 'only', value: 'b' })] });
    expect(new Set(filtered.body?.tagResources?.map((t) => t.resourceId))).toEqual(new Set([arnB]));
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await list({ limit: 1, nextToken });
      expect(page.body?.tagResources?.length).toBeLessThanOrEqual(1);
      seen.push(...(page.body?.tagResources ?? []).map((t) => `${t.resourceId}/${t.tagKey}`));
      nextToken = page.body?.nextToken || undefined;
    } while (nextToken);
    expect(seen).toContain(`${arnB}/only`);
    expect(seen).toContain(`${arnA}/env`);
  });

  it('removes tags by key, or all of them', async () => {
    await tag([arnA], { keep: '1', drop: '2' });
    const removed = await client.untagResources(
      new $Fc.UntagResourcesRequest({ resourceId: [arnA], resourceType: 'function', tagKey: ['drop'] }),
    );
    expect(removed.statusCode).toBe(204);
    expect(await tagsOf('tag-a')).not.toHaveProperty('drop');
    expect(await tagsOf('tag-a')).toHaveProperty('keep', '1');
    await client.untagResources(
      new $Fc.UntagResourcesRequest({ resourceId: [arnA], resourceType: 'function', all: true }),
    );
    expect(await tagsOf('tag-a')).toEqual({});
  });

  it('answers FunctionNotFound for the ARN of an unknown function, changing nothing', async () => {
    const ghost = arnA.replace('tag-a', 'tag-ghost');
    expect(await rejection(tag([arnB, ghost], { x: 'y' }))).toMatchObject({
      code: 'FunctionNotFound',
      statusCode: 404,
    });
    expect(await tagsOf('tag-b')).not.toHaveProperty('x');
  });

  const invalid: Array<[string, () => Promise<unknown>]> = [
    ['an unsupported ResourceType', () => tag([arnA], { a: 'b' }, 'ALIYUN::FC::SERVICE')],
    ['a resource id that is not an ARN', () => tag(['tag-a'], { a: 'b' })],
    ['a key starting with acs:', () => tag([arnA], { 'acs:x': 'b' })],
    ['a key longer than 64 characters', () => tag([arnA], { ['k'.repeat(65)]: 'b' })],
    [
      'more than 20 tags on a function',
      () => tag([arnA], Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']))),
    ],
    [
      'an untag without keys and without All',
      () => client.untagResources(new $Fc.UntagResourcesRequest({ resourceId: [arnA], resourceType: 'function' })),
    ],
    [
      'a list without ResourceType (required by the metadata)',
      () => client.listTagResources(new $Fc.ListTagResourcesRequest({})),
    ],
  ];
  it.each(invalid)('refuses %s with InvalidArgument', async (_case, call) => {
    expect(await rejection(call())).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
  });
});
