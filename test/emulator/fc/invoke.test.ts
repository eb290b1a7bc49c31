import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { crc64 } from '../../../src/lib/crc64.js';
import { makeZip } from '../../support/zip.js';
import {
  $Fc,
  createFunction,
  failingZip,
  fcClient,
  helloZip,
  invoke,
  rejection,
  type FcClientType,
} from './support.js';

// InvokeFunction (`@alicloud/fc20230330` invokeFunctionWithOptions; FC's "Request handlers" page): the uploaded code runs with the raw request body as its event;
// 200 with the handler's output, also for a function error (flagged by x-fc-error-type); qualifiers.

let cloud: LocalCloud;
let client: FcClientType;

beforeAll(async () => {
  cloud = await startLocalCloud();
  client = fcClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

function updateCode(name: string, zip: Buffer) {
  return client.updateFunction(
    name,
    new $Fc.UpdateFunctionRequest({
      body: new $Fc.UpdateFunctionInput({ code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }) }),
    }),
  );
}

describe('InvokeFunction', () => {
  it("answers the hello-world handler's output with FC's headers", async () => {
    const zip = helloZip();
    await createFunction(client, 'hello-fn', zip);
    const answer = await invoke(client, 'hello-fn');
    expect(answer.statusCode).toBe(200);
    expect(answer.body.toString()).toBe('hello world');
    expect(answer.headers['x-fc-request-id']).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(answer.headers['x-fc-code-checksum']).toBe(crc64(zip));
    expect(answer.headers['x-fc-invocation-duration']).toMatch(/^\d+$/);
    expect(answer.headers['x-fc-error-type']).toBeUndefined();
    expect(answer.headers['x-fc-log-result']).toBeUndefined();
  });

  it('passes the request body to the handler as raw bytes (a Buffer)', async () => {
    await createFunction(
      client,
      'bytes-fn',
      makeZip({
        'index.js': `exports.handler = async (event) =>
          (Buffer.isBuffer(event) ? 'buffer' : typeof event) + ':' + event.toString('hex');`,
      }),
    );
    const answer = await invoke(client, 'bytes-fn', Buffer.from([0, 1, 255]));
    expect(answer.body.toString()).toBe('buffer:0001ff');
  });

  it('adds the base64 log tail for x-fc-log-type: Tail', async () => {
    await createFunction(client, 'tail-fn');
    const answer = await invoke(client, 'tail-fn', 'abc', { logType: 'Tail' });
    expect(answer.body.toString()).toBe('hello world:abc');
    const log = Buffer.from(answer.headers['x-fc-log-result'] ?? '', 'base64').toString();
    expect(log).toContain('event bytes: 3');
    expect(log).toContain(answer.headers['x-fc-request-id']);
  });

  it('answers a function error with 200, x-fc-error-type and the error JSON', async () => {
    await createFunction(client, 'fail-fn', failingZip());
    const answer = await invoke(client, 'fail-fn', 'x');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(JSON.parse(answer.body.toString())).toMatchObject({ errorMessage: 'bad input', errorType: 'TypeError' });
  });

  it('runs the new code after UpdateFunction', async () => {
    await createFunction(client, 'swap-fn', helloZip('first'));
    expect((await invoke(client, 'swap-fn')).body.toString()).toBe('first');
    await updateCode('swap-fn', helloZip('second'));
    const answer = await invoke(client, 'swap-fn');
    expect(answer.body.toString()).toBe('second');
    expect(answer.headers['x-fc-code-checksum']).toBe(crc64(helloZip('second')));
  });

  it('runs a version or an alias by qualifier, LATEST by default', async () => {
    await createFunction(client, 'qual-fn', helloZip('v1'));
    const published = await client.publishFunctionVersion(
      'qual-fn',
      new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({ description: 'first' }) }),
    );
    expect(published.body?.versionId).toBe('1');
    await client.createAlias(
      'qual-fn',
      new $Fc.CreateAliasRequest({ body: new $Fc.CreateAliasInput({ aliasName: 'stable', versionId: '1' }) }),
    );
    await updateCode('qual-fn', helloZip('v2'));
    expect((await invoke(client, 'qual-fn')).body.toString()).toBe('v2');
    expect((await invoke(client, 'qual-fn', undefined, { qualifier: 'LATEST' })).body.toString()).toBe('v2');
    expect((await invoke(client, 'qual-fn', undefined, { qualifier: '1' })).body.toString()).toBe('v1');
    expect((await invoke(client, 'qual-fn', undefined, { qualifier: 'stable' })).body.toString()).toBe('v1');
    expect(await rejection(invoke(client, 'qual-fn', undefined, { qualifier: '9' }))).toMatchObject({
      code: 'VersionNotFound',
      statusCode: 404,
    });
    expect(await rejection(invoke(client, 'qual-fn', undefined, { qualifier: 'nope' }))).toMatchObject({
      code: 'AliasNotFound',
      statusCode: 404,
    });
  });

  it('accepts an asynchronous invocation with 202 and a request id, then runs it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alb-fc-async-'));
    const marker = join(dir, 'ran');
    try {
      await createFunction(
        client,
        'async-fn',
        makeZip({
          'index.js': `const fs = require('fs');
            exports.handler = async (event) => { fs.writeFileSync(event.toString(), 'done'); return 'ignored'; };`,
        }),
      );
      const answer = await invoke(client, 'async-fn', marker, { invocationType: 'Async' });
      expect(answer.statusCode).toBe(202);
      expect(answer.headers['x-fc-request-id']).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      expect(answer.body.length).toBe(0);
      // A bound on how long to look for the side effect, not a timing assertion.
      const deadline = Date.now() + 10_000;
      while (!existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(readFileSync(marker, 'utf8')).toBe('done');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown invocation type with InvalidArgument', async () => {
    await createFunction(client, 'type-fn');
    expect(await rejection(invoke(client, 'type-fn', 'x', { invocationType: 'Sometimes' }))).toMatchObject({
      code: 'InvalidArgument',
      statusCode: 400,
    });
  });

  it('refuses an asynchronous payload over 128 KB with EntityTooLarge', async () => {
    await createFunction(client, 'big-fn');
    const error = await rejection(invoke(client, 'big-fn', Buffer.alloc(128 * 1024 + 1), { invocationType: 'Async' }));
    expect(error).toMatchObject({ code: 'EntityTooLarge', statusCode: 400 });
  });

  it('answers FunctionNotFound for an unknown function', async () => {
    expect(await rejection(invoke(client, 'ghost-fn', 'x'))).toMatchObject({
      code: 'FunctionNotFound',
      statusCode: 404,
    });
  });

  it('creates a function of a runtime the local runtime cannot run, and says so when it is invoked', async () => {
    const created = await createFunction(client, 'go-fn', makeZip({ main: 'binary' }), {
      runtime: 'go1',
      handler: 'main',
    });
    expect(created.body?.runtime).toBe('go1');
    const error = await rejection(invoke(client, 'go-fn', 'x'));
    expect(error).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
    expect(error.message).toContain('local cloud');
  });
});
