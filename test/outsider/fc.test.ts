import { beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../support/zip.js';
import { $Fc, createFunction, expectFcError, failure, fcClient, invoke, useCloud, type FcClient } from './support.js';

// docs/emulator.md §5 (Function Compute 3.0) and §6 (the function runtime), through the official FC client.

const cloud = useCloud([], { OUTSIDER_SECRET: 'must-not-leak' });
let fc: FcClient;
beforeAll(async () => {
  fc = fcClient(cloud);
});

const get = (name: string) => fc.getFunction(name, new $Fc.GetFunctionRequest({}));

describe('functions (FC SDK CreateFunctionInput, Function; FC 3.0 error codes page)', () => {
  it('CreateFunction answers the function object, Pending/InProgress; one later GetFunction too, then Active/Successful', async () => {
    const created = await createFunction(fc, 'obj-fn');
    expect(created.statusCode).toBe(200);
    expect(created.body).toMatchObject({
      functionName: 'obj-fn',
      functionArn: `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/obj-fn`,
      functionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      runtime: 'nodejs20',
      handler: 'index.handler',
      codeChecksum: expect.stringMatching(/^\d+$/),
      codeSize: expect.any(Number),
      createdTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      lastModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      state: 'Pending',
      lastUpdateStatus: 'InProgress',
      // defaults (CreateFunctionInput; memory and disk are assumptions)
      timeout: 3,
      memorySize: 512,
      diskSize: 512,
      internetAccess: true,
      description: '',
    });
    expect((await get('obj-fn')).body).toMatchObject({ state: 'Pending', lastUpdateStatus: 'InProgress' });
    expect((await get('obj-fn')).body).toMatchObject({ state: 'Active', lastUpdateStatus: 'Successful' });
  });

  it('a second CreateFunction of the same name → FunctionAlreadyExists 409', async () => {
    await createFunction(fc, 'twice-fn');
    await expectFcError(createFunction(fc, 'twice-fn'), 'FunctionAlreadyExists', 409);
  });

  it('an unknown function → FunctionNotFound 404, "function \'<name>\' does not exist"', async () => {
    const error = await expectFcError(get('ghost-fn'), 'FunctionNotFound', 404);
    expect(error.data?.Message).toContain("function 'ghost-fn' does not exist");
    await expectFcError(fc.deleteFunction('ghost-fn'), 'FunctionNotFound', 404);
  });

  it('missing runtime/handler, a bad name, a bad memory size, a package that is not a ZIP → InvalidArgument 400 (metadata, CreateFunctionInput)', async () => {
    const body = (input: Partial<ConstructorParameters<typeof $Fc.CreateFunctionInput>[0]>) =>
      fc.createFunction(new $Fc.CreateFunctionRequest({ body: new $Fc.CreateFunctionInput(input) }));
    const code = new $Fc.InputCodeLocation({ zipFile: makeZip({ 'index.js': '' }).toString('base64') });
    await expectFcError(body({ functionName: 'no-runtime', handler: 'index.handler', code }), 'InvalidArgument', 400);
    await expectFcError(body({ functionName: 'no-handler', runtime: 'nodejs20', code }), 'InvalidArgument', 400);
    await expectFcError(createFunction(fc, '9-starts-with-digit'), 'InvalidArgument', 400);
    await expectFcError(createFunction(fc, 'bad-memory', undefined, { memorySize: 100 }), 'InvalidArgument', 400);
    await expectFcError(createFunction(fc, 'bad-timeout', undefined, { timeout: 0 }), 'InvalidArgument', 400);
    await expectFcError(createFunction(fc, 'not-zip', Buffer.from('plain text')), 'InvalidArgument', 400);
    await expectFcError(
      createFunction(fc, 'concurrent-builtin', undefined, { instanceConcurrency: 5 }),
      'InvalidArgument',
      400,
    );
    await expectFcError(createFunction(fc, 'bad-handler', undefined, { handler: 'nodot' }), 'InvalidArgument', 400);
    await expectFcError(createFunction(fc, 'bad-disk', undefined, { diskSize: 1024 }), 'InvalidArgument', 400);
    // memory(GB)/cpu must stay within 1–4: 0.5 GB for 2 vCPU is 0.25
    await expectFcError(
      createFunction(fc, 'bad-ratio', undefined, { cpu: 2, memorySize: 512 }),
      'InvalidArgument',
      400,
    );
    await expectFcError(
      fc.createFunction(
        new $Fc.CreateFunctionRequest({
          body: new $Fc.CreateFunctionInput({
            functionName: 'bad-checksum',
            runtime: 'nodejs20',
            handler: 'index.handler',
            code: new $Fc.InputCodeLocation({ zipFile: makeZip({ 'index.js': '' }).toString('base64'), checksum: '1' }),
          }),
        }),
      ),
      'InvalidArgument',
      400,
    );
  });

  it('UpdateFunction is partial (omitted fields kept) and shows InProgress, then Successful (Function lastUpdateStatus)', async () => {
    await createFunction(fc, 'upd-fn', undefined, { description: 'first', timeout: 9 });
    const updated = await fc.updateFunction(
      'upd-fn',
      new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ memorySize: 1024 }) }),
    );
    expect(updated.body).toMatchObject({ memorySize: 1024, description: 'first', timeout: 9 });
    expect(updated.body?.lastUpdateStatus).toBe('InProgress');
    let last = (await get('upd-fn')).body;
    for (let i = 0; i < 5 && last?.lastUpdateStatus !== 'Successful'; i++) last = (await get('upd-fn')).body;
    expect(last).toMatchObject({ lastUpdateStatus: 'Successful', state: 'Active', memorySize: 1024 });
  });

  it('DeleteFunction answers 204, then the function is gone (status assumption)', async () => {
    await createFunction(fc, 'del-fn');
    const deleted = await fc.deleteFunction('del-fn');
    expect(deleted.statusCode).toBe(204);
    await expectFcError(get('del-fn'), 'FunctionNotFound', 404);
  });

  it('ListFunctions pages by limit/nextToken and omits the state fields (FC SDK ListFunctions)', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) await createFunction(fc, name);
    const first = await fc.listFunctions(new $Fc.ListFunctionsRequest({ prefix: 'list-', limit: 2 }));
    expect(first.body?.functions?.map((f) => f.functionName)).toHaveLength(2);
    expect(first.body?.nextToken).toEqual(expect.any(String));
    expect(first.body?.functions?.[0]?.state).toBeUndefined();
    const second = await fc.listFunctions(
      new $Fc.ListFunctionsRequest({ prefix: 'list-', limit: 2, nextToken: first.body!.nextToken! }),
    );
    const names = [...first.body!.functions!, ...second.body!.functions!].map((f) => f.functionName).sort();
    expect(names).toEqual(['list-a', 'list-b', 'list-c']);
    expect(second.body?.nextToken ?? '').toBe('');
  });
});

describe("InvokeFunction (FC SDK; FC's Request handlers page)", () => {
  it('the event is the raw request body, a Buffer, bytes intact; the answer carries x-fc-request-id', async () => {
    await createFunction(
      fc,
      'raw-event',
      makeZip({
        'index.js':
          'exports.handler = async (event) => Buffer.concat([Buffer.from(Buffer.isBuffer(event) ? "B:" : "X:"), event]);\n',
      }),
    );
    const payload = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const answer = await invoke(fc, 'raw-event', payload);
    expect(answer.statusCode).toBe(200);
    expect(answer.body.subarray(0, 2).toString()).toBe('B:');
    expect(answer.body.subarray(2).equals(payload)).toBe(true);
    expect(answer.headers['x-fc-request-id']).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(answer.headers['x-fc-error-type']).toBeUndefined();
  });

  it('a string result is the body; an ES module and a callback-style handler work (Request handlers page)', async () => {
    await createFunction(fc, 'hello', undefined);
    expect((await invoke(fc, 'hello')).body.toString()).toBe('hello world');
    await createFunction(
      fc,
      'esm-fn',
      makeZip({ 'index.mjs': 'export const handler = async (event) => "esm:" + event.toString();\n' }),
    );
    expect((await invoke(fc, 'esm-fn', Buffer.from('x'))).body.toString()).toBe('esm:x');
    await createFunction(
      fc,
      'callback-fn',
      makeZip({ 'index.js': 'exports.handler = (event, context, callback) => callback(null, "cb");\n' }),
    );
    expect((await invoke(fc, 'callback-fn')).body.toString()).toBe('cb');
  });

  it('results: nothing → empty body, an object → JSON; a warm instance is reused (inferred; reuse assumption)', async () => {
    await createFunction(
      fc,
      'shapes',
      makeZip({
        'index.js':
          'let calls = 0;\nexports.handler = async (event) => { calls++; const e = event.toString(); if (e === "none") return; return { calls }; };\n',
      }),
    );
    expect((await invoke(fc, 'shapes', Buffer.from('none'))).body.length).toBe(0);
    const second = JSON.parse((await invoke(fc, 'shapes', Buffer.from('x'))).body.toString()) as { calls: number };
    expect(second).toEqual({ calls: 2 });
  });

  it('a process that dies → x-fc-error-type and "Process exited unexpectedly" (FC error handling)', async () => {
    await createFunction(fc, 'dies', makeZip({ 'index.js': 'exports.handler = async () => { process.exit(3); };\n' }));
    const answer = await invoke(fc, 'dies');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-fc-error-type']).toEqual(expect.any(String));
    expect(answer.body.toString()).toContain('Process exited unexpectedly');
  });

  it('a function error: still 200, x-fc-error-type and a {errorMessage, errorType, stackTrace} body (FC error handling)', async () => {
    await createFunction(
      fc,
      'throws',
      makeZip({ 'index.js': 'exports.handler = async () => { throw new TypeError("boom"); };\n' }),
    );
    const answer = await invoke(fc, 'throws');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    const body = JSON.parse(answer.body.toString()) as Record<string, unknown>;
    expect(body).toMatchObject({ errorMessage: 'boom', errorType: 'TypeError' });
    expect(body).toHaveProperty('stackTrace');
  });

  it('x-fc-log-type: Tail answers x-fc-log-result, base64 of the log tail (FC SDK InvokeFunctionHeaders)', async () => {
    await createFunction(
      fc,
      'logs',
      makeZip({ 'index.js': 'exports.handler = async () => { console.log("outsider-log-line"); return "ok"; };\n' }),
    );
    const answer = await invoke(fc, 'logs', undefined, { xFcLogType: 'Tail' });
    expect(Buffer.from(String(answer.headers['x-fc-log-result']), 'base64').toString()).toContain('outsider-log-line');
  });

  it("the function's environment holds only its own variables, FC_* ones and PATH — never the local cloud's (assumption, safety)", async () => {
    await createFunction(
      fc,
      'env-fn',
      makeZip({ 'index.js': 'exports.handler = async () => JSON.stringify(Object.keys(process.env));\n' }),
      { environmentVariables: { MY_SETTING: 'on' } },
    );
    const keys = JSON.parse((await invoke(fc, 'env-fn')).body.toString()) as string[];
    expect(keys).toContain('MY_SETTING');
    expect(keys).not.toContain('OUTSIDER_SECRET');
    expect(keys.filter((k) => !['MY_SETTING', 'PATH'].includes(k) && !k.startsWith('FC_'))).toEqual([]);
  });

  it('an unknown qualifier → VersionNotFound / AliasNotFound (devsapp/fc3 codes)', async () => {
    await createFunction(fc, 'qualified');
    const bad = (qualifier: string) => fc.invokeFunction('qualified', new $Fc.InvokeFunctionRequest({ qualifier }));
    const version = await failure(bad('42'));
    const alias = await failure(bad('prod'));
    expect({ code: version.code, status: version.statusCode }).toEqual({ code: 'VersionNotFound', status: 404 });
    expect({ code: alias.code, status: alias.statusCode }).toEqual({ code: 'AliasNotFound', status: 404 });
  });
});

describe('versions, aliases, triggers, tags (emulator.md §5, metadata)', () => {
  const echoVersion = (v: string) => makeZip({ 'index.js': `exports.handler = async () => 'v${v}';\n` });
  const updateCode = (name: string, zip: Buffer) =>
    fc.updateFunction(
      name,
      new $Fc.UpdateFunctionRequest({
        body: new $Fc.UpdateFunctionInput({ code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }) }),
      }),
    );

  it('a published version and an alias keep their code while LATEST moves on (qualifier, devsapp)', async () => {
    await createFunction(fc, 'versioned', echoVersion('1'));
    const published = await fc.publishFunctionVersion(
      'versioned',
      new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({ description: 'first' }) }),
    );
    const versionId = published.body!.versionId!;
    await fc.createAlias(
      'versioned',
      new $Fc.CreateAliasRequest({ body: new $Fc.CreateAliasInput({ aliasName: 'prod', versionId }) }),
    );
    await updateCode('versioned', echoVersion('2'));
    const call = async (qualifier?: string) => {
      const answer = await fc.invokeFunction(
        'versioned',
        new $Fc.InvokeFunctionRequest(qualifier ? { qualifier } : {}),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of answer.body!) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks).toString();
    };
    expect(await call()).toBe('v2');
    expect(await call(versionId)).toBe('v1');
    expect(await call('prod')).toBe('v1');
  });

  it('a function with a trigger cannot be deleted → FunctionNotEmpty 409 (FC 3.0 error codes page; status assumption)', async () => {
    await createFunction(fc, 'triggered');
    await fc.createTrigger(
      'triggered',
      new $Fc.CreateTriggerRequest({
        body: new $Fc.CreateTriggerInput({
          triggerName: 'http',
          triggerType: 'http',
          triggerConfig: JSON.stringify({ authType: 'anonymous', methods: ['GET'] }),
        }),
      }),
    );
    await expectFcError(fc.deleteFunction('triggered'), 'FunctionNotEmpty', 409);
    expect((await fc.deleteTrigger('triggered', 'http')).statusCode).toBe(204);
    expect((await fc.deleteFunction('triggered')).statusCode).toBe(204);
  });

  it('tags: TagResources / ListTagResources / UntagResources (204); a key starting with "aliyun" → InvalidArgument (SDK)', async () => {
    const created = await createFunction(fc, 'tagged');
    const arn = created.body!.functionArn!;
    const tagged = await fc.tagResources(
      new $Fc.TagResourcesRequest({
        body: new $Fc.TagResourcesInput({
          resourceType: 'function',
          resourceId: [arn],
          tag: [new $Fc.Tag({ key: 'team', value: 'edge' })],
        }),
      }),
    );
    expect(tagged.statusCode).toBe(204);
    const listed = await fc.listTagResources(
      new $Fc.ListTagResourcesRequest({ resourceType: 'function', resourceId: [arn] }),
    );
    expect(listed.body?.tagResources).toEqual([expect.objectContaining({ tagKey: 'team', tagValue: 'edge' })]);
    await expectFcError(
      fc.tagResources(
        new $Fc.TagResourcesRequest({
          body: new $Fc.TagResourcesInput({
            resourceType: 'function',
            resourceId: [arn],
            tag: [new $Fc.Tag({ key: 'aliyun-reserved', value: 'x' })],
          }),
        }),
      ),
      'InvalidArgument',
      400,
    );
    const untagged = await fc.untagResources(
      new $Fc.UntagResourcesRequest({ resourceType: 'function', resourceId: [arn], tagKey: ['team'] }),
    );
    expect(untagged.statusCode).toBe(204);
  });

  it('GetFunctionCode answers {checksum, url} (FC SDK)', async () => {
    const created = await createFunction(fc, 'with-code');
    const code = await fc.getFunctionCode('with-code', new $Fc.GetFunctionCodeRequest({}));
    expect(code.body?.checksum).toBe(created.body?.codeChecksum);
    expect(code.body?.url).toEqual(expect.any(String));
  });

  it('a ZIP entry with `..` makes the package invalid → InvalidArgument (assumption, safety)', async () => {
    await expectFcError(
      createFunction(fc, 'escaping', makeZip({ '../escape.js': 'x', 'index.js': 'exports.handler = async () => 1;' })),
      'InvalidArgument',
      400,
    );
  });

  it('an asynchronous invocation (x-fc-invocation-type: Async) answers 202 (FC SDK InvokeFunctionHeaders)', async () => {
    await createFunction(fc, 'async-fn');
    const answer = await invoke(fc, 'async-fn', Buffer.from('{}'), { xFcInvocationType: 'Async' });
    expect(answer.statusCode).toBe(202);
  });

  it('a timeout kills the instance: x-fc-error-type and "Function time out after 1 seconds" (FC error handling)', async () => {
    await createFunction(
      fc,
      'slowpoke',
      makeZip({ 'index.js': 'exports.handler = () => new Promise((r) => setTimeout(() => r("late"), 5000));\n' }),
      { timeout: 1 },
    );
    const answer = await invoke(fc, 'slowpoke');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-fc-error-type']).toEqual(expect.any(String));
    expect(answer.body.toString()).toContain('Function time out after 1 seconds');
  });

  it('FC 2.0 functions show in ListFunctions with fcVersion v2 as `{service}${function}` (ListFunctions doc; naming assumption)', async () => {
    const { admin } = await import('./support.js');
    await admin(cloud, 'POST', '/_emulator/fc/fc2-functions', {
      serviceName: 'old-svc',
      functionName: 'old-fn',
      handlerType: 'event',
      httpTrigger: false,
      runtime: 'nodejs14',
      handler: 'index.handler',
    });
    const v2 = await fc.listFunctions(new $Fc.ListFunctionsRequest({ fcVersion: 'v2' }));
    expect(v2.body?.functions?.map((f) => f.functionName)).toEqual(['old-svc$old-fn']);
    const v3 = await fc.listFunctions(new $Fc.ListFunctionsRequest({ fcVersion: 'v3', prefix: 'old' }));
    expect(v3.body?.functions).toEqual([]);
  });
});
