import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDirectory } from '../../../src/emulator/core/function-directory.js';
import { functionDirectoryOf } from '../../../src/emulator/core/function-directory.js';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import type { FcHttpEvent } from '../../../src/emulator/runtime/index.js';
import { makeZip } from '../../support/zip.js';
import {
  $Fc,
  createFunction,
  fcClient,
  helloZip,
  httpEvent,
  invoke,
  rejection,
  seedFc2,
  type FcClientType,
} from './support.js';

// The FunctionDirectory the ALB service reaches functions through (core/service.ts), and FC 2.0 functions
// seeded through POST /_emulator/fc/fc2-functions and seen through FC 3.0 reads.

let cloud: LocalCloud;
let client: FcClientType;
let directory: FunctionDirectory;
let account: string;
let region: string;

// Echoes the event it got: the raw bytes of InvokeFunction, the body of the data plane's HTTP event.
const EVENT_ECHO = makeZip({
  'index.js': `exports.handler = async (event, context) => {
    let got = event.toString();
    try {
      const parsed = JSON.parse(got);
      if (parsed && parsed.version === 'v1') got = parsed.body;
    } catch {}
    return 'fc2 ' + context.function.name + ' got ' + got;
  };`,
});

beforeAll(async () => {
  cloud = await startLocalCloud();
  client = fcClient(cloud);
  directory = functionDirectoryOf(cloud.services)!;
  account = cloud.info.accountId;
  region = cloud.info.region;
});
afterAll(async () => {
  await cloud.close();
});

describe('FunctionDirectory with FC 3.0 functions', () => {
  it('finds a function by ARN, with LATEST, a version or an alias as qualifier', async () => {
    await createFunction(client, 'dir-fn', helloZip('v1'));
    await client.publishFunctionVersion(
      'dir-fn',
      new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({}) }),
    );
    await client.createAlias(
      'dir-fn',
      new $Fc.CreateAliasRequest({ body: new $Fc.CreateAliasInput({ aliasName: 'prod', versionId: '1' }) }),
    );
    const arn = `acs:fc:${region}:${account}:functions/dir-fn`;
    expect(directory.findByArn(account, arn)).toEqual({
      accountId: account,
      region,
      name: 'dir-fn',
      arn,
      fcVersion: 'v3',
    });
    for (const qualifier of ['LATEST', '1', 'prod']) {
      expect(directory.findByArn(account, `${arn}/${qualifier}`)).toMatchObject({ name: 'dir-fn', qualifier });
    }
    expect(directory.findByArn(account, `${arn}/2`)).toBeUndefined();
    expect(directory.findByArn(account, `${arn}/staging`)).toBeUndefined();
    expect(directory.findByArn(account, `acs:fc:${region}:${account}:functions/none-fn`)).toBeUndefined();
    expect(directory.findByArn(account, `acs:fc:cn-beijing:${account}:functions/dir-fn`)).toBeUndefined();
    expect(directory.findByArn('1999999999999999', arn.replace(account, '1999999999999999'))).toBeUndefined();
    expect(directory.findByArn('1999999999999999', arn)).toBeUndefined();
    expect(directory.findByArn(account, 'not-an-arn')).toBeUndefined();
  });

  it('invokes through the runtime, follows updates, and answers undefined once the function is gone', async () => {
    await createFunction(client, 'dir-run-fn', helloZip('first'));
    const ref = directory.findByArn(account, `acs:fc:${region}:${account}:functions/dir-run-fn`)!;
    const sent = { version: 'v1', requestContext: { requestId: '1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa' } };
    const event = Buffer.from(JSON.stringify(sent));
    const outcome = await directory.invoke(ref, sent as FcHttpEvent);
    expect(outcome?.ok).toBe(true);
    expect(outcome?.body.toString()).toBe(`first:${event.toString()}`);
    expect(outcome?.requestId).toBe('1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa');
    await client.updateFunction(
      'dir-run-fn',
      new $Fc.UpdateFunctionRequest({
        body: new $Fc.UpdateFunctionInput({
          code: new $Fc.InputCodeLocation({
            zipFile: makeZip({ 'index.js': `exports.handler = async () => 'second';` }).toString('base64'),
          }),
        }),
      }),
    );
    expect((await directory.invoke(ref, httpEvent()))?.body.toString()).toBe('second');
    await client.deleteFunction('dir-run-fn');
    expect(await directory.invoke(ref, httpEvent())).toBeUndefined();
    expect(directory.findByArn(account, ref.arn)).toBeUndefined();
  });
});

describe('FC 2.0 functions', () => {
  it('seeds one through the admin route and answers its FC 3.0 view and ARN', async () => {
    const seeded = await seedFc2(cloud, {
      serviceName: 'web-svc',
      functionName: 'api',
      qualifier: 'prod',
      runtime: 'nodejs16',
      handler: 'index.handler',
      code: EVENT_ECHO.toString('base64'),
      handlerType: 'event',
      httpTrigger: true,
    });
    expect(seeded.status).toBe(200);
    expect(seeded.json.arn).toBe(`acs:fc:${region}:${account}:services/web-svc/functions/api`);
    expect(seeded.json.function).toMatchObject({ functionName: 'web-svc$api', state: 'Active', runtime: 'nodejs16' });
  });

  it('shows it to GetFunction and to ListTriggers with its HTTP trigger', async () => {
    const fn = await client.getFunction('web-svc$api', new $Fc.GetFunctionRequest({}));
    expect(fn.body).toMatchObject({
      functionName: 'web-svc$api',
      functionArn: `acs:fc:${region}:${account}:services/web-svc/functions/api`,
      handler: 'index.handler',
      state: 'Active',
      lastUpdateStatus: 'Successful',
    });
    const triggers = await client.listTriggers('web-svc$api', new $Fc.ListTriggersRequest({}));
    expect(triggers.body?.triggers?.map((t) => [t.triggerName, t.triggerType, t.qualifier])).toEqual([
      ['defaultTrigger', 'http', 'LATEST'],
    ]);
    expect(JSON.parse(triggers.body?.triggers?.[0]?.triggerConfig ?? '{}')).toMatchObject({ authType: 'anonymous' });
    expect((await client.getTrigger('web-svc$api', 'defaultTrigger')).body?.triggerType).toBe('http');
  });

  it('shows no trigger for a function seeded without an HTTP trigger', async () => {
    const seeded = await seedFc2(cloud, {
      serviceName: 'web-svc',
      functionName: 'worker',
      runtime: 'nodejs16',
      handler: 'index.handler',
      handlerType: 'event',
      httpTrigger: false,
    });
    expect(seeded.status).toBe(200);
    const triggers = await client.listTriggers('web-svc$worker', new $Fc.ListTriggersRequest({}));
    expect(triggers.body?.triggers).toEqual([]);
  });

  it('is found by its FC 2.0 ARN, with or without an existing qualifier, and runs its code', async () => {
    const base = `acs:fc:${region}:${account}:services/web-svc`;
    expect(directory.findByArn(account, `${base}/functions/api`)).toMatchObject({
      fcVersion: 'v2',
      name: 'web-svc$api',
      region,
      accountId: account,
    });
    expect(directory.findByArn(account, `${base}.LATEST/functions/api`)).toMatchObject({ qualifier: 'LATEST' });
    const ref = directory.findByArn(account, `${base}.prod/functions/api`);
    expect(ref).toMatchObject({ fcVersion: 'v2', qualifier: 'prod' });
    expect(directory.findByArn(account, `${base}.staging/functions/api`)).toBeUndefined();
    expect(directory.findByArn(account, `${base}/functions/nothing`)).toBeUndefined();
    const outcome = await directory.invoke(ref!, httpEvent('ping'));
    expect(outcome?.body.toString()).toBe('fc2 api got ping');
  });

  it('can be invoked through the FC 3.0 API by its FC 3.0 name but not changed through it', async () => {
    const answer = await invoke(client, 'web-svc$api', 'pong');
    expect(answer.body.toString()).toBe('fc2 api got pong');
    const update = client.updateFunction(
      'web-svc$api',
      new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ timeout: 9 }) }),
    );
    expect(await rejection(update)).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
    expect(await rejection(client.deleteFunction('web-svc$api'))).toMatchObject({ code: 'InvalidArgument' });
  });

  it('refuses a malformed seed (400) and a duplicate (409)', async () => {
    const base = {
      serviceName: 's',
      functionName: 'f',
      runtime: 'nodejs16',
      handler: 'index.handler',
      httpTrigger: true,
    };
    expect((await seedFc2(cloud, { ...base, handlerType: 'stream' })).status).toBe(400);
    expect((await seedFc2(cloud, { ...base, handlerType: 'http', httpTrigger: 'yes' })).status).toBe(400);
    expect((await seedFc2(cloud, { ...base, handlerType: 'http', handler: 'index' })).status).toBe(400);
    expect((await seedFc2(cloud, { ...base, handlerType: 'http', code: 'bm90IGEgemlw' })).status).toBe(400);
    expect((await seedFc2(cloud, { ...base, handlerType: 'http' })).status).toBe(200);
    expect((await seedFc2(cloud, { ...base, handlerType: 'http' })).status).toBe(409);
  });
});
