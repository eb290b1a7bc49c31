import { Readable } from 'node:stream';
import type * as $Fc from '@alicloud/fc20230330';
import { hasCloudCode } from '../errors.js';
import type { FunctionInfo, FunctionsPort, FunctionUpdate, InvocationResult } from '../ports.js';
import type { Caller } from './call.js';
import { downloadCode } from './code-download.js';
import { fcCapacityMethods } from './fc-capacity.js';
import type { SdkClient, SdkModules } from './sdk-loader.js';
import { allTokenPages } from './pages.js';
import { fromTagList, toTagList } from './tags.js';

/**
 * The per-call runtime options of the `…WithOptions` methods, left to the client's configuration: openapi-core reads
 * each field with a fallback to the client's (`client.js` doRequest), as the SDK's own `new RuntimeOptions({})` does.
 */
const DEFAULT_RUNTIME = {};

// Function Compute 3.0 through the official client. The code is sent inline as `code.zipFile` (base64):
// alb-fc's packages are small, and it keeps FC the only service involved (devsapp/fc3 uploads through a
// temporary OSS bucket instead: devsapp/fc3 src/resources/fc/index.ts).

/** `readTimeoutMs`: the deadline of a code package's download (GetFunctionCode's URL), as of any other read. */
export function createFcAdapter(fc: SdkClient<'fc'>, call: Caller, readTimeoutMs: number): FunctionsPort {
  const settings = (sdk: SdkModules['fc'], update: FunctionUpdate) => ({
    runtime: update.runtime,
    handler: update.handler,
    code: new sdk.InputCodeLocation({ zipFile: update.zipFile.toString('base64') }),
    memorySize: update.memorySize,
    timeout: update.timeout,
    cpu: update.cpu,
    instanceConcurrency: update.instanceConcurrency,
    description: update.description,
  });

  return {
    async get(name) {
      try {
        const answer = await call(fc, 'GetFunction', ({ client, sdk }) =>
          client.getFunction(name, new sdk.GetFunctionRequest({})),
        );
        return answer.body ? toFunctionInfo(answer.body) : undefined;
      } catch (error) {
        if (hasCloudCode(error, 'FunctionNotFound')) return undefined;
        throw error;
      }
    },

    async getCode(name) {
      let answer: $Fc.GetFunctionCodeResponse;
      try {
        answer = await call(fc, 'GetFunctionCode', ({ client, sdk }) =>
          client.getFunctionCode(name, new sdk.GetFunctionCodeRequest({})),
        );
      } catch (error) {
        if (hasCloudCode(error, 'FunctionNotFound')) return undefined;
        throw error;
      }
      const url = answer.body?.url;
      if (!url) return undefined;
      return downloadCode(url, answer.body?.checksum, readTimeoutMs);
    },

    async invoke(name, request) {
      const answer = await call(fc, 'InvokeFunction', ({ client, sdk }) =>
        client.invokeFunctionWithOptions(
          name,
          new sdk.InvokeFunctionRequest({
            body: Readable.from([request.payload]),
            ...(request.qualifier ? { qualifier: request.qualifier } : {}),
          }),
          // Synchronous, with the last 4 KB of its log, as the console's "Test Function" shows it.
          new sdk.InvokeFunctionHeaders({ xFcInvocationType: 'Sync', xFcLogType: 'Tail' }),
          DEFAULT_RUNTIME as Parameters<typeof client.invokeFunctionWithOptions>[3],
        ),
      );
      return invocationOf(answer.statusCode ?? 200, answer.headers ?? {}, await readAll(answer.body));
    },

    async listTriggers(name) {
      try {
        return await allTokenPages(async (nextToken) => {
          const answer = await call(fc, 'ListTriggers', ({ client, sdk }) =>
            client.listTriggersWithOptions(
              name,
              new sdk.ListTriggersRequest({ limit: 100, nextToken }),
              // The function's own triggers only: FC 3.0 also lists an `alb` trigger for each ALB server group the
              // function is in, unless asked not to, as Serverless Devs asks (devsapp/fc3
              // src/resources/fc/impl/client.ts; docs/emulator.md, "Function Compute 3.0").
              { 'x-fc-disable-list-remote-alb-triggers': 'true' },
              DEFAULT_RUNTIME as Parameters<typeof client.listTriggersWithOptions>[3],
            ),
          );
          const items = (answer.body?.triggers ?? []).map((trigger) => ({
            name: trigger.triggerName ?? '',
            type: trigger.triggerType ?? '',
            qualifier: trigger.qualifier ?? 'LATEST',
          }));
          return { items, nextToken: answer.body?.nextToken };
        });
      } catch (error) {
        if (hasCloudCode(error, 'FunctionNotFound')) return undefined;
        throw error;
      }
    },

    async create(spec) {
      const answer = await call(fc, 'CreateFunction', ({ client, sdk }) =>
        client.createFunction(
          new sdk.CreateFunctionRequest({
            body: new sdk.CreateFunctionInput({
              functionName: spec.name,
              ...settings(sdk, spec),
              tags: toTagList(spec.tags).map((tag) => new sdk.Tag(tag)),
            }),
          }),
        ),
      );
      return toFunctionInfo(answer.body ?? {});
    },

    async update(name, update) {
      const answer = await call(fc, 'UpdateFunction', ({ client, sdk }) =>
        client.updateFunction(
          name,
          new sdk.UpdateFunctionRequest({ body: new sdk.UpdateFunctionInput(settings(sdk, update)) }),
        ),
      );
      return toFunctionInfo(answer.body ?? {});
    },

    async delete(name) {
      try {
        await call(fc, 'DeleteFunction', ({ client }) => client.deleteFunction(name));
        return 'deleted';
      } catch (error) {
        if (hasCloudCode(error, 'FunctionNotFound')) return 'absent';
        throw error;
      }
    },

    listByTags(tags) {
      return allTokenPages(async (nextToken) => {
        const answer = await call(fc, 'ListFunctions', ({ client, sdk }) =>
          client.listFunctions(
            new sdk.ListFunctionsRequest({
              tags: toTagList(tags).map((tag) => new sdk.Tag(tag)),
              limit: 100,
              nextToken,
            }),
          ),
        );
        return { items: (answer.body?.functions ?? []).map(toFunctionInfo), nextToken: answer.body?.nextToken };
      });
    },

    ...fcCapacityMethods(fc, call),
  };
}

async function readAll(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function invocationOf(statusCode: number, headers: Record<string, string>, body: Buffer): InvocationResult {
  const header = (name: string): string | undefined => headers[name] ?? headers[name.toLowerCase()];
  const duration = Number(header('x-fc-invocation-duration'));
  const log = header('x-fc-log-result');
  const requestId = header('x-fc-request-id');
  const errorType = header('x-fc-error-type');
  return {
    statusCode,
    body,
    ...(requestId ? { requestId } : {}),
    ...(errorType ? { errorType } : {}),
    ...(Number.isFinite(duration) && header('x-fc-invocation-duration') !== undefined ? { durationMs: duration } : {}),
    ...(log ? { log: Buffer.from(log, 'base64').toString('utf8') } : {}),
  };
}

function toFunctionInfo(fn: Partial<$Fc.Function>): FunctionInfo {
  return {
    name: fn.functionName ?? '',
    arn: fn.functionArn ?? '',
    runtime: fn.runtime ?? '',
    handler: fn.handler ?? '',
    memorySize: fn.memorySize ?? 0,
    timeout: fn.timeout ?? 0,
    ...(fn.cpu === undefined ? {} : { cpu: fn.cpu }),
    ...(fn.instanceConcurrency === undefined ? {} : { instanceConcurrency: fn.instanceConcurrency }),
    description: fn.description ?? '',
    codeChecksum: fn.codeChecksum ?? '',
    codeSize: fn.codeSize ?? 0,
    state: fn.state ?? '',
    lastUpdateStatus: fn.lastUpdateStatus ?? '',
    tags: fromTagList(fn.tags),
  };
}
