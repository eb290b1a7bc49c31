import { Readable } from 'node:stream';
import { makeZip } from '../../support/zip.js';
import { $Fc, type FcClient } from './sdk.js';

// Function code and invocations through the official FC client.

export const helloZip = () => makeZip({ 'index.js': "exports.handler = async (event, context) => 'hello world';\n" });

export async function createFunction(
  fc: FcClient,
  name: string,
  zip: Buffer = helloZip(),
  extra: Partial<ConstructorParameters<typeof $Fc.CreateFunctionInput>[0]> = {},
) {
  return fc.createFunction(
    new $Fc.CreateFunctionRequest({
      body: new $Fc.CreateFunctionInput({
        functionName: name,
        runtime: 'nodejs20',
        handler: 'index.handler',
        code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }),
        ...extra,
      }),
    }),
  );
}

export async function readAll(stream: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? Readable.from([])) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function invoke(
  fc: FcClient,
  name: string,
  payload?: Buffer,
  headers: ConstructorParameters<typeof $Fc.InvokeFunctionHeaders>[0] = {},
) {
  const answer = await fc.invokeFunctionWithOptions(
    name,
    new $Fc.InvokeFunctionRequest(payload ? { body: Readable.from([payload]) } : {}),
    new $Fc.InvokeFunctionHeaders(headers),
    {} as Parameters<FcClient['invokeFunctionWithOptions']>[3],
  );
  return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: await readAll(answer.body) };
}
