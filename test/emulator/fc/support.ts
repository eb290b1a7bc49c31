// Helpers for the FC conformance tests: the official @alicloud/fc20230330 client against a local cloud on
// 127.0.0.1, code packages (test/support/zip.ts), raw HTTP for what the SDK does not expose.
import { Readable } from 'node:stream';
import FcModule, * as $Fc from '@alicloud/fc20230330';
import type { LocalCloud } from '../../../src/emulator/index.js';
import type { FcHttpEvent } from '../../../src/emulator/runtime/index.js';
import { cjsDefault } from '../../../src/lib/interop.js';
import { sdkConfig } from '../../support/sdk-config.js';
import { makeZip } from '../../support/zip.js';

export { $Fc };
export const FcClient = cjsDefault(FcModule);
export type FcClientType = InstanceType<typeof FcClient>;

export function fcClient(cloud: LocalCloud, overrides: Parameters<typeof sdkConfig>[1] = {}): FcClientType {
  return new FcClient(sdkConfig(cloud, overrides));
}

/** The FC hello-world (FC's "Request handlers" page), answering `text` and echoing the event after a colon when given. */
export function helloZip(text = 'hello world'): Buffer {
  return makeZip({
    'index.js': `exports.handler = async (event, context) => {
      console.log('event bytes: ' + event.length);
      return event.length > 0 ? ${JSON.stringify(text)} + ':' + event.toString() : ${JSON.stringify(text)};
    };`,
  });
}

export function failingZip(): Buffer {
  return makeZip({ 'index.js': `exports.handler = async () => { throw new TypeError('bad input'); };` });
}

export function createInput(name: string, zip: Buffer = helloZip(), extra: Record<string, unknown> = {}) {
  return new $Fc.CreateFunctionInput({
    functionName: name,
    runtime: 'nodejs20',
    handler: 'index.handler',
    code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }),
    ...extra,
  });
}

export async function createFunction(
  client: FcClientType,
  name: string,
  zip: Buffer = helloZip(),
  extra: Record<string, unknown> = {},
) {
  return client.createFunction(new $Fc.CreateFunctionRequest({ body: createInput(name, zip, extra) }));
}

export async function readAll(stream: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? Readable.from([])) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function invoke(
  client: FcClientType,
  name: string,
  payload?: string | Buffer,
  options: { qualifier?: string; logType?: string; invocationType?: string } = {},
) {
  const answer = await client.invokeFunctionWithOptions(
    name,
    new $Fc.InvokeFunctionRequest({
      qualifier: options.qualifier,
      body: payload === undefined ? undefined : Readable.from([Buffer.from(payload)]),
    }),
    new $Fc.InvokeFunctionHeaders({ xFcLogType: options.logType, xFcInvocationType: options.invocationType }),
    {} as Parameters<FcClientType['invokeFunctionWithOptions']>[3],
  );
  return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: await readAll(answer.body) };
}

/** The error an SDK call rejected with (fails the test when it resolved). */
export async function rejection(
  call: Promise<unknown>,
): Promise<{ code: string; statusCode: number; message: string; data?: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; statusCode: number; message: string };
  }
  throw new Error('expected the call to fail');
}

export async function seedFc2(cloud: LocalCloud, body: Record<string, unknown>) {
  const response = await fetch(`${cloud.endpoint}/_emulator/fc/fc2-functions`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** An FC 3.0 HTTP event (FC's HTTP trigger page) carrying `body`, as the ALB data plane hands it to a function. */
export function httpEvent(body = '', requestId = '1-00000000-000000000000000000000000'): FcHttpEvent {
  return {
    version: 'v1',
    rawPath: '/',
    body,
    isBase64Encoded: false,
    headers: {},
    queryParameters: {},
    requestContext: {
      accountId: '',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId,
      time: '2026-01-01T00:00:00Z',
      timeEpoch: '1767225600000',
      http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    },
  };
}
