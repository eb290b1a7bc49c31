import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { $Fc, createFunction, fcClient, helloZip, rejection, seedFc2, type FcClientType } from './support.js';

// ListFunctions (metadata + ListFunctionsRequest.d.ts): `limit`/`nextToken` paging capped by the local
// cloud's `maxPageSize` (here 1, so every page has one function), `prefix`, the JSON `tags` filter the SDK
// sends, `fcVersion`, and the fields the API doc says ListFunctions leaves out.

let cloud: LocalCloud;
let client: FcClientType;

beforeAll(async () => {
  cloud = await startLocalCloud({ maxPageSize: 1 });
  client = fcClient(cloud);
  const stack = (value: string) => [new $Fc.Tag({ key: 'alb-fc:stack', value })];
  await createFunction(client, 'list-b', helloZip(), { tags: stack('blue') });
  await createFunction(client, 'list-a', helloZip(), { tags: stack('blue'), runtime: 'nodejs18' });
  await createFunction(client, 'list-c', helloZip(), { tags: stack('green'), description: 'the green one' });
  await createFunction(client, 'other', helloZip());
  const seeded = await seedFc2(cloud, {
    serviceName: 'legacy',
    functionName: 'list-old',
    runtime: 'nodejs16',
    handler: 'index.handler',
    handlerType: 'event',
    httpTrigger: false,
  });
  expect(seeded.status).toBe(200);
});
afterAll(async () => {
  await cloud.close();
});

async function listAll(request: Record<string, unknown>): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const answer = await client.listFunctions(new $Fc.ListFunctionsRequest({ ...request, limit: 100, nextToken }));
    expect(answer.body).toBeInstanceOf($Fc.ListFunctionsOutput);
    pages += 1;
    names.push(...(answer.body?.functions ?? []).map((fn) => fn.functionName ?? ''));
    nextToken = answer.body?.nextToken || undefined;
  } while (nextToken && pages < 20);
  return { names, pages };
}

describe('ListFunctions', () => {
  it('pages one function at a time with maxPageSize 1, in name order, FC 2.0 functions included', async () => {
    const { names, pages } = await listAll({});
    expect(names).toEqual(['legacy$list-old', 'list-a', 'list-b', 'list-c', 'other']);
    expect(pages).toBe(5);
  });

  it('filters by prefix', async () => {
    expect((await listAll({ prefix: 'list-' })).names).toEqual(['list-a', 'list-b', 'list-c']);
  });

  it('filters by tags, every tag matching (the SDK sends them as one JSON query value)', async () => {
    const blue = [new $Fc.Tag({ key: 'alb-fc:stack', value: 'blue' })];
    expect((await listAll({ tags: blue })).names).toEqual(['list-a', 'list-b']);
    const none = [...blue, new $Fc.Tag({ key: 'absent', value: 'x' })];
    expect((await listAll({ tags: none })).names).toEqual([]);
  });

  it('filters by fcVersion, runtime and description', async () => {
    expect((await listAll({ fcVersion: 'v2' })).names).toEqual(['legacy$list-old']);
    expect((await listAll({ fcVersion: 'v3' })).names).not.toContain('legacy$list-old');
    expect((await listAll({ runtime: 'nodejs18' })).names).toEqual(['list-a']);
    expect((await listAll({ description: 'green' })).names).toEqual(['list-c']);
  });

  it('leaves out the state fields (API doc: use GetFunction for them) but keeps identity, code and tags', async () => {
    const answer = await client.listFunctions(new $Fc.ListFunctionsRequest({ prefix: 'list-a' }));
    const fn = answer.body?.functions?.[0];
    expect(fn).toBeInstanceOf($Fc.Function);
    expect(fn?.state).toBeUndefined();
    expect(fn?.lastUpdateStatus).toBeUndefined();
    expect(fn).toMatchObject({ functionName: 'list-a', runtime: 'nodejs18', memorySize: 512 });
    expect(fn?.codeChecksum).toMatch(/^\d+$/);
    expect(fn?.tags?.map((t) => t.key)).toEqual(['alb-fc:stack']);
  });

  it('refuses a limit outside 1..100, an unknown fcVersion and a forged nextToken with InvalidArgument', async () => {
    for (const request of [{ limit: 0 }, { limit: 101 }, { fcVersion: 'v4' }, { nextToken: '%%%' }]) {
      expect(await rejection(client.listFunctions(new $Fc.ListFunctionsRequest(request)))).toMatchObject({
        code: 'InvalidArgument',
        statusCode: 400,
      });
    }
  });
});
