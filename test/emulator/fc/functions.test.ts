import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { crc64 } from '../../../src/lib/crc64.js';
import { $Fc, createFunction, createInput, fcClient, helloZip, rejection, type FcClientType } from './support.js';

// CreateFunction, GetFunction, UpdateFunction, DeleteFunction, GetFunctionCode through the official FC 3.0
// client (`@alicloud/fc20230330` models; FC 3.0 error codes page).

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let cloud: LocalCloud;
let client: FcClientType;

beforeAll(async () => {
  cloud = await startLocalCloud();
  client = fcClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

function getFunction(name: string, qualifier?: string) {
  return client.getFunction(name, new $Fc.GetFunctionRequest({ qualifier }));
}

function updateFunction(name: string, body: Record<string, unknown>) {
  return client.updateFunction(name, new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput(body) }));
}

describe('CreateFunction', () => {
  it('answers the Function object with its identity, code checksum and the documented defaults', async () => {
    const zip = helloZip();
    const answer = await createFunction(client, 'defaults-fn', zip, {
      tags: [new $Fc.Tag({ key: 'alb-fc:stack', value: 'dev' })],
    });
    expect(answer.statusCode).toBe(200);
    const fn = answer.body!;
    expect(fn).toBeInstanceOf($Fc.Function);
    expect(fn.functionName).toBe('defaults-fn');
    expect(fn.functionArn).toBe(`acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/defaults-fn`);
    expect(fn.functionId).toMatch(UUID);
    expect(fn.codeChecksum).toBe(crc64(zip));
    expect(fn.codeSize).toBe(zip.length);
    expect(fn.createdTime).toMatch(ISO_SECONDS);
    expect(fn.lastModifiedTime).toMatch(ISO_SECONDS);
    expect(fn).toMatchObject({
      runtime: 'nodejs20',
      handler: 'index.handler',
      timeout: 3,
      memorySize: 512,
      cpu: 0.35,
      diskSize: 512,
      internetAccess: true,
      description: '',
      instanceConcurrency: 1,
      role: '',
      environmentVariables: {},
    });
    expect(fn.tags?.map((t) => [t.key, t.value])).toEqual([['alb-fc:stack', 'dev']]);
    expect(fn.tags?.[0]).toBeInstanceOf($Fc.Tag);
  });

  it('shows Pending/InProgress in its answer and to the next read, then Active/Successful', async () => {
    const created = await createFunction(client, 'state-fn');
    expect(created.body).toMatchObject({
      state: 'Pending',
      stateReason: 'Function creating',
      stateReasonCode: 'Creating',
      lastUpdateStatus: 'InProgress',
    });
    expect((await getFunction('state-fn')).body).toMatchObject({ state: 'Pending', lastUpdateStatus: 'InProgress' });
    expect((await getFunction('state-fn')).body).toMatchObject({
      state: 'Active',
      stateReason: '',
      lastUpdateStatus: 'Successful',
    });
  });

  it('keeps the values given instead of the defaults', async () => {
    const answer = await createFunction(client, 'custom-fn', helloZip(), {
      memorySize: 1024,
      cpu: 1,
      timeout: 60,
      diskSize: 10240,
      internetAccess: false,
      description: 'my function',
      environmentVariables: { GREETING: 'hi' },
      role: 'acs:ram::1000000000000001:role/fc-test',
      logConfig: new $Fc.LogConfig({ project: 'p', logstore: 'l' }),
    });
    expect(answer.body).toMatchObject({
      memorySize: 1024,
      cpu: 1,
      timeout: 60,
      diskSize: 10240,
      internetAccess: false,
      description: 'my function',
      environmentVariables: { GREETING: 'hi' },
      role: 'acs:ram::1000000000000001:role/fc-test',
    });
    expect(answer.body?.logConfig).toMatchObject({ project: 'p', logstore: 'l' });
  });

  it('refuses a second function of the same name with FunctionAlreadyExists (409)', async () => {
    await createFunction(client, 'twice-fn');
    const error = await rejection(createFunction(client, 'twice-fn'));
    expect(error).toMatchObject({ code: 'FunctionAlreadyExists', statusCode: 409 });
    expect(error.message).toContain("function 'twice-fn' already exists");
  });

  const notAZip = Buffer.from('this is not a zip file');
  const invalid: Array<[string, () => ReturnType<typeof createFunction>]> = [
    ['a name starting with a digit', () => createFunction(client, '1fn')],
    ['a name of 65 characters', () => createFunction(client, 'f'.repeat(65))],
    ['an unknown runtime', () => createFunction(client, 'rt-fn', helloZip(), { runtime: 'nodejs99' })],
    ['a Node.js handler without an export', () => createFunction(client, 'h-fn', helloZip(), { handler: 'index' })],
    [
      'a Java handler without ::',
      () => createFunction(client, 'j-fn', helloZip(), { runtime: 'java11', handler: 'a.B' }),
    ],
    ['memorySize not a multiple of 64', () => createFunction(client, 'm1-fn', helloZip(), { memorySize: 200 })],
    ['memorySize below 128 MB', () => createFunction(client, 'm2-fn', helloZip(), { memorySize: 64 })],
    ['memorySize above 32 GB', () => createFunction(client, 'm3-fn', helloZip(), { memorySize: 32832 })],
    ['timeout 0', () => createFunction(client, 't1-fn', helloZip(), { timeout: 0 })],
    ['timeout 86401', () => createFunction(client, 't2-fn', helloZip(), { timeout: 86401 })],
    ['diskSize 1024', () => createFunction(client, 'd-fn', helloZip(), { diskSize: 1024 })],
    ['a cpu outside the 1:1..1:4 ratio', () => createFunction(client, 'c-fn', helloZip(), { cpu: 2 })],
    ['a cpu not a multiple of 0.05', () => createFunction(client, 'c2-fn', helloZip(), { cpu: 0.33 })],
    [
      'instance concurrency on a built-in runtime',
      () => createFunction(client, 'ic-fn', helloZip(), { instanceConcurrency: 2 }),
    ],
    ['a zipFile that is not a ZIP', () => createFunction(client, 'z-fn', notAZip)],
    [
      'a checksum that does not match the ZIP',
      () =>
        client.createFunction(
          new $Fc.CreateFunctionRequest({
            body: createInput('cs-fn', helloZip(), {
              code: new $Fc.InputCodeLocation({ zipFile: helloZip().toString('base64'), checksum: '12345' }),
            }),
          }),
        ),
    ],
    [
      'no code',
      () =>
        client.createFunction(
          new $Fc.CreateFunctionRequest({
            body: new $Fc.CreateFunctionInput({
              functionName: 'nocode-fn',
              runtime: 'nodejs20',
              handler: 'index.handler',
            }),
          }),
        ),
    ],
    [
      'no functionName (required by the metadata)',
      () =>
        client.createFunction(
          new $Fc.CreateFunctionRequest({
            body: new $Fc.CreateFunctionInput({ runtime: 'nodejs20', handler: 'index.handler' }),
          }),
        ),
    ],
    [
      'a reserved tag key',
      () => createFunction(client, 'tag-fn', helloZip(), { tags: [new $Fc.Tag({ key: 'aliyun-x', value: 'v' })] }),
    ],
  ];
  it.each(invalid)('refuses %s with InvalidArgument (400)', async (_case, call) => {
    const error = await rejection(call());
    expect(error).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
    expect(error.data).toMatchObject({ Code: 'InvalidArgument' });
    expect(error.data?.RequestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('leaves no function behind after a refused create', async () => {
    await rejection(createFunction(client, 'left-fn', helloZip(), { timeout: 0 }));
    expect(await rejection(getFunction('left-fn'))).toMatchObject({ code: 'FunctionNotFound', statusCode: 404 });
  });
});

describe('GetFunction', () => {
  it('answers FunctionNotFound (404) with the real message for an unknown function', async () => {
    const error = await rejection(getFunction('nobody-fn'));
    expect(error).toMatchObject({ code: 'FunctionNotFound', statusCode: 404 });
    expect(error.message).toContain("function 'nobody-fn' does not exist");
  });
});

describe('UpdateFunction', () => {
  it('changes only the fields given and shows InProgress once, then Successful', async () => {
    await createFunction(client, 'upd-fn', helloZip(), { description: 'before', timeout: 10 });
    const created = await getFunction('upd-fn');
    const updated = await updateFunction('upd-fn', { memorySize: 1024 });
    expect(updated.body).toMatchObject({
      memorySize: 1024,
      timeout: 10,
      description: 'before',
      codeChecksum: created.body?.codeChecksum,
      state: 'Active',
      lastUpdateStatus: 'InProgress',
      lastUpdateStatusReasonCode: 'Updating',
    });
    expect((await getFunction('upd-fn')).body?.lastUpdateStatus).toBe('InProgress');
    expect((await getFunction('upd-fn')).body).toMatchObject({ state: 'Active', lastUpdateStatus: 'Successful' });
  });

  it('replaces the code and its checksum, and clears a field sent empty', async () => {
    await createFunction(client, 'code-fn', helloZip('one'), { description: 'something' });
    const zip = helloZip('two');
    const updated = await updateFunction('code-fn', {
      code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }),
      description: '',
    });
    expect(updated.body).toMatchObject({ codeChecksum: crc64(zip), codeSize: zip.length, description: '' });
  });

  it('refuses an invalid value with InvalidArgument and an unknown function with FunctionNotFound', async () => {
    await createFunction(client, 'upd-bad-fn');
    expect(await rejection(updateFunction('upd-bad-fn', { timeout: 100000 }))).toMatchObject({
      code: 'InvalidArgument',
      statusCode: 400,
    });
    expect(await rejection(updateFunction('upd-missing-fn', { timeout: 5 }))).toMatchObject({
      code: 'FunctionNotFound',
      statusCode: 404,
    });
  });
});

describe('DeleteFunction', () => {
  it('answers 204 and the function is gone', async () => {
    await createFunction(client, 'del-fn');
    const answer = await client.deleteFunction('del-fn');
    expect(answer.statusCode).toBe(204);
    expect(await rejection(getFunction('del-fn'))).toMatchObject({ code: 'FunctionNotFound' });
    expect(await rejection(client.deleteFunction('del-fn'))).toMatchObject({
      code: 'FunctionNotFound',
      statusCode: 404,
    });
  });

  it('refuses a function that still has triggers with FunctionNotEmpty', async () => {
    await createFunction(client, 'del-trig-fn');
    await client.createTrigger(
      'del-trig-fn',
      new $Fc.CreateTriggerRequest({
        body: new $Fc.CreateTriggerInput({
          triggerName: 'web',
          triggerType: 'http',
          triggerConfig: JSON.stringify({ authType: 'anonymous', methods: ['GET'] }),
        }),
      }),
    );
    expect(await rejection(client.deleteFunction('del-trig-fn'))).toMatchObject({
      code: 'FunctionNotEmpty',
      statusCode: 409,
    });
    await client.deleteTrigger('del-trig-fn', 'web');
    expect((await client.deleteFunction('del-trig-fn')).statusCode).toBe(204);
  });
});

describe('GetFunctionCode', () => {
  it('answers the checksum and a URL that serves the exact ZIP', async () => {
    const zip = helloZip('download me');
    await createFunction(client, 'code-dl-fn', zip);
    const answer = await client.getFunctionCode('code-dl-fn', new $Fc.GetFunctionCodeRequest({}));
    expect(answer.body).toBeInstanceOf($Fc.OutputFuncCode);
    expect(answer.body?.checksum).toBe(crc64(zip));
    const download = await fetch(answer.body!.url!);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(zip)).toBe(true);
    expect(await rejection(client.getFunctionCode('no-code-fn', new $Fc.GetFunctionCodeRequest({})))).toMatchObject({
      code: 'FunctionNotFound',
    });
  });
});

describe('snapshot (GET /_emulator/state)', () => {
  it('lists functions, triggers and aliases without code bytes', async () => {
    const zip = helloZip('snapshot');
    await createFunction(client, 'snap-fn', zip, { tags: [new $Fc.Tag({ key: 'k', value: 'v' })] });
    await client.publishFunctionVersion(
      'snap-fn',
      new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({}) }),
    );
    await client.createAlias(
      'snap-fn',
      new $Fc.CreateAliasRequest({ body: new $Fc.CreateAliasInput({ aliasName: 'prod', versionId: '1' }) }),
    );
    const text = await (await fetch(`${cloud.endpoint}/_emulator/state`)).text();
    const state = JSON.parse(text) as {
      services: { fc: { functions: Array<Record<string, unknown>>; aliases: Array<Record<string, unknown>> } };
    };
    expect(state.services.fc.functions).toContainEqual(
      expect.objectContaining({
        name: 'snap-fn',
        arn: `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/snap-fn`,
        runtime: 'nodejs20',
        codeChecksum: crc64(zip),
        tags: { k: 'v' },
      }),
    );
    expect(state.services.fc.aliases).toContainEqual(
      expect.objectContaining({ function: 'snap-fn', name: 'prod', versionId: '1' }),
    );
    expect(text).not.toContain(zip.toString('base64'));
    expect(text).not.toContain('blobKey');
  });
});
