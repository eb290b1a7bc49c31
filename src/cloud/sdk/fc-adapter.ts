import type * as $Fc from '@alicloud/fc20230330';
import { hasCloudCode } from '../errors.js';
import type { FunctionInfo, FunctionsPort, FunctionUpdate } from '../ports.js';
import type { Caller } from './call.js';
import type { SdkClient, SdkModules } from './sdk-loader.js';
import { allTokenPages } from './pages.js';
import { fromTagList, toTagList } from './tags.js';

// Function Compute 3.0 through the official client. The code is sent inline as `code.zipFile` (base64):
// alb-fc's packages are small, and it keeps FC the only service involved (devsapp/fc3 uploads through a
// temporary OSS bucket instead: devsapp/fc3 src/resources/fc/index.ts).

export function createFcAdapter(fc: SdkClient<'fc'>, call: Caller): FunctionsPort {
  const settings = (sdk: SdkModules['fc'], update: FunctionUpdate) => ({
    runtime: update.runtime,
    handler: update.handler,
    code: new sdk.InputCodeLocation({ zipFile: update.zipFile.toString('base64') }),
    memorySize: update.memorySize,
    timeout: update.timeout,
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

    async listTriggers(name) {
      try {
        return await allTokenPages(async (nextToken) => {
          const answer = await call(fc, 'ListTriggers', ({ client, sdk }) =>
            client.listTriggers(name, new sdk.ListTriggersRequest({ limit: 100, nextToken })),
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
    description: fn.description ?? '',
    codeChecksum: fn.codeChecksum ?? '',
    codeSize: fn.codeSize ?? 0,
    state: fn.state ?? '',
    lastUpdateStatus: fn.lastUpdateStatus ?? '',
    tags: fromTagList(fn.tags),
  };
}
