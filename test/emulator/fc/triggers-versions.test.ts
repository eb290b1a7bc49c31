import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { crc64 } from '../../../src/lib/crc64.js';
import { $Fc, createFunction, fcClient, helloZip, rejection, type FcClientType } from './support.js';

// CreateTrigger/GetTrigger/ListTriggers/DeleteTrigger, PublishFunctionVersion, CreateAlias/GetAlias
// (Trigger.d.ts, Version.d.ts, Alias.d.ts; codes used by devsapp/fc3, src/resources/fc/error-code.ts).

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const HTTP_CONFIG = JSON.stringify({ authType: 'anonymous', methods: ['GET', 'POST'] });

let cloud: LocalCloud;
let client: FcClientType;

beforeAll(async () => {
  cloud = await startLocalCloud({ maxPageSize: 1 });
  client = fcClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

function createTrigger(fn: string, input: Record<string, unknown>) {
  return client.createTrigger(fn, new $Fc.CreateTriggerRequest({ body: new $Fc.CreateTriggerInput(input) }));
}

function publish(fn: string, description?: string) {
  return client.publishFunctionVersion(
    fn,
    new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({ description }) }),
  );
}

function createAlias(fn: string, input: Record<string, unknown>) {
  return client.createAlias(fn, new $Fc.CreateAliasRequest({ body: new $Fc.CreateAliasInput(input) }));
}

describe('triggers', () => {
  beforeAll(async () => {
    await createFunction(client, 'bad-trig-fn');
  });

  it('creates an HTTP trigger and answers the Trigger object with its URLs', async () => {
    await createFunction(client, 'trig-fn');
    const answer = await createTrigger('trig-fn', {
      triggerName: 'web',
      triggerType: 'http',
      triggerConfig: HTTP_CONFIG,
      description: 'public',
    });
    const trigger = answer.body!;
    expect(trigger).toBeInstanceOf($Fc.Trigger);
    expect(trigger).toMatchObject({
      triggerName: 'web',
      triggerType: 'http',
      triggerConfig: HTTP_CONFIG,
      qualifier: 'LATEST',
      description: 'public',
      status: 'OK',
      targetArn: `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/trig-fn`,
    });
    expect(trigger.triggerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(trigger.createdTime).toMatch(ISO_SECONDS);
    expect(trigger.httpTrigger?.urlInternet).toMatch(new RegExp(`^https://.+\\.${cloud.info.region}\\.fcapp\\.run$`));
    expect(trigger.httpTrigger?.urlIntranet).toMatch(
      new RegExp(`^https://.+\\.${cloud.info.region}-vpc\\.fcapp\\.run$`),
    );
    const got = await client.getTrigger('trig-fn', 'web');
    expect(got.body).toMatchObject({ triggerName: 'web', triggerId: trigger.triggerId });
  });

  it('lists triggers by prefix, one per page with maxPageSize 1', async () => {
    await createFunction(client, 'many-trig-fn');
    for (const name of ['t-b', 't-a', 'x-c']) {
      await createTrigger('many-trig-fn', {
        triggerName: name,
        triggerType: 'timer',
        triggerConfig: '{"cronExpression":"@every 1m"}',
      });
    }
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.listTriggers('many-trig-fn', new $Fc.ListTriggersRequest({ prefix: 't-', nextToken }));
      expect(page.body).toBeInstanceOf($Fc.ListTriggersOutput);
      expect(page.body?.triggers?.length).toBeLessThanOrEqual(1);
      names.push(...(page.body?.triggers ?? []).map((t) => t.triggerName ?? ''));
      nextToken = page.body?.nextToken || undefined;
    } while (nextToken);
    expect(names).toEqual(['t-a', 't-b']);
  });

  it('refuses a duplicate with TriggerAlreadyExists (409) and an unknown one with TriggerNotFound (404)', async () => {
    await createFunction(client, 'dup-trig-fn');
    await createTrigger('dup-trig-fn', { triggerName: 'web', triggerType: 'http', triggerConfig: HTTP_CONFIG });
    expect(
      await rejection(
        createTrigger('dup-trig-fn', { triggerName: 'web', triggerType: 'http', triggerConfig: HTTP_CONFIG }),
      ),
    ).toMatchObject({ code: 'TriggerAlreadyExists', statusCode: 409 });
    expect(await rejection(client.getTrigger('dup-trig-fn', 'nope'))).toMatchObject({
      code: 'TriggerNotFound',
      statusCode: 404,
    });
    expect(await rejection(client.deleteTrigger('dup-trig-fn', 'nope'))).toMatchObject({ code: 'TriggerNotFound' });
    expect(await rejection(client.listTriggers('no-such-fn', new $Fc.ListTriggersRequest({})))).toMatchObject({
      code: 'FunctionNotFound',
    });
  });

  it('deletes a trigger with 204', async () => {
    await createFunction(client, 'del-trig2-fn');
    await createTrigger('del-trig2-fn', { triggerName: 'web', triggerType: 'http', triggerConfig: HTTP_CONFIG });
    expect((await client.deleteTrigger('del-trig2-fn', 'web')).statusCode).toBe(204);
    expect(await rejection(client.getTrigger('del-trig2-fn', 'web'))).toMatchObject({ code: 'TriggerNotFound' });
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['an unknown trigger type', { triggerName: 'a', triggerType: 'alb', triggerConfig: '{}' }],
    ['a trigger config that is not JSON', { triggerName: 'a', triggerType: 'http', triggerConfig: 'methods=GET' }],
    ['an unknown HTTP method', { triggerName: 'a', triggerType: 'http', triggerConfig: '{"methods":["FETCH"]}' }],
    ['a name starting with a digit', { triggerName: '9a', triggerType: 'http', triggerConfig: HTTP_CONFIG }],
    ['no trigger config (required by the metadata)', { triggerName: 'a', triggerType: 'http' }],
  ];
  it.each(invalid)('refuses %s with InvalidArgument', async (_case, input) => {
    expect(await rejection(createTrigger('bad-trig-fn', input))).toMatchObject({
      code: 'InvalidArgument',
      statusCode: 400,
    });
    expect((await client.listTriggers('bad-trig-fn', new $Fc.ListTriggersRequest({}))).body?.triggers).toEqual([]);
  });

  it('refuses a trigger on a version that does not exist with VersionNotFound', async () => {
    await createFunction(client, 'trig-ver-fn');
    expect(
      await rejection(
        createTrigger('trig-ver-fn', {
          triggerName: 'web',
          triggerType: 'http',
          triggerConfig: HTTP_CONFIG,
          qualifier: '3',
        }),
      ),
    ).toMatchObject({ code: 'VersionNotFound', statusCode: 404 });
  });
});

describe('versions and aliases', () => {
  it('publishes versions numbered from 1 that keep their code', async () => {
    const first = helloZip('first');
    await createFunction(client, 'ver-fn', first);
    const v1 = await publish('ver-fn', 'the first');
    expect(v1.body).toBeInstanceOf($Fc.Version);
    expect(v1.body).toMatchObject({ versionId: '1', description: 'the first' });
    expect(v1.body?.createdTime).toMatch(ISO_SECONDS);
    await client.updateFunction(
      'ver-fn',
      new $Fc.UpdateFunctionRequest({
        body: new $Fc.UpdateFunctionInput({
          code: new $Fc.InputCodeLocation({ zipFile: helloZip('second').toString('base64') }),
        }),
      }),
    );
    expect((await publish('ver-fn')).body?.versionId).toBe('2');
    const old = await client.getFunction('ver-fn', new $Fc.GetFunctionRequest({ qualifier: '1' }));
    expect(old.body?.codeChecksum).toBe(crc64(first));
    expect(await rejection(publish('no-such-fn'))).toMatchObject({ code: 'FunctionNotFound', statusCode: 404 });
  });

  it('creates and reads an alias', async () => {
    await createFunction(client, 'alias-fn');
    await publish('alias-fn');
    const created = await createAlias('alias-fn', { aliasName: 'prod', versionId: '1', description: 'live' });
    expect(created.body).toBeInstanceOf($Fc.Alias);
    expect(created.body).toMatchObject({ aliasName: 'prod', versionId: '1', description: 'live' });
    expect(created.body?.createdTime).toMatch(ISO_SECONDS);
    const got = await client.getAlias('alias-fn', 'prod');
    expect(got.body).toMatchObject({ aliasName: 'prod', versionId: '1' });
    const viaAlias = await client.getFunction('alias-fn', new $Fc.GetFunctionRequest({ qualifier: 'prod' }));
    expect(viaAlias.body?.functionName).toBe('alias-fn');
  });

  it('answers AliasAlreadyExists (409), AliasNotFound (404) and VersionNotFound (404)', async () => {
    await createFunction(client, 'alias-err-fn');
    await publish('alias-err-fn');
    await createAlias('alias-err-fn', { aliasName: 'prod', versionId: '1' });
    expect(await rejection(createAlias('alias-err-fn', { aliasName: 'prod', versionId: '1' }))).toMatchObject({
      code: 'AliasAlreadyExists',
      statusCode: 409,
    });
    expect(await rejection(client.getAlias('alias-err-fn', 'staging'))).toMatchObject({
      code: 'AliasNotFound',
      statusCode: 404,
    });
    expect(await rejection(createAlias('alias-err-fn', { aliasName: 'next', versionId: '7' }))).toMatchObject({
      code: 'VersionNotFound',
      statusCode: 404,
    });
    expect(
      await rejection(client.getFunction('alias-err-fn', new $Fc.GetFunctionRequest({ qualifier: '5' }))),
    ).toMatchObject({ code: 'VersionNotFound', statusCode: 404 });
    expect(await rejection(createAlias('alias-err-fn', { aliasName: 'LATEST', versionId: '1' }))).toMatchObject({
      code: 'InvalidArgument',
      statusCode: 400,
    });
  });
});
