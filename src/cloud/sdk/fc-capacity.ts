import type * as $Fc from '@alicloud/fc20230330';
import { hasCloudCode } from '../errors.js';
import type { FunctionsPort, ProvisionInfo } from '../ports.js';
import type { Caller } from './call.js';
import type { SdkClient } from './sdk-loader.js';

// A function's capacity outside its own settings, through the official FC 3.0 client: reserved concurrency
// (Get/Put/DeleteConcurrencyConfig, `@alicloud/fc20230330 PutConcurrencyInput`) and the provisioned instances of
// LATEST (Get/Put/DeleteProvisionConfig, `PutProvisionConfigInput`). A function without a concurrency config
// answers one without `reservedConcurrency`, and one without provisioned instances a `target` of 0, as devsapp/fc3
// reads them (src/subCommands/deploy/impl/concurrency_config.ts and provision_config.ts treat both as "none").

/** The provisioned configuration alb-fc manages: the function's LATEST. */
const QUALIFIER = 'LATEST';

type CapacityMethods = Pick<
  FunctionsPort,
  | 'getReservedConcurrency'
  | 'setReservedConcurrency'
  | 'clearReservedConcurrency'
  | 'getProvisioned'
  | 'setProvisioned'
  | 'clearProvisioned'
>;

function toProvisionInfo(config: Partial<$Fc.ProvisionConfig> | undefined): ProvisionInfo {
  return {
    target: config?.target ?? 0,
    current: config?.current ?? 0,
    ...(config?.currentError ? { error: config.currentError } : {}),
  };
}

/** Resolves `absent` for a function that is gone. */
async function unlessGone<T>(work: () => Promise<T>): Promise<T | 'absent'> {
  try {
    return await work();
  } catch (error) {
    if (hasCloudCode(error, 'FunctionNotFound')) return 'absent';
    throw error;
  }
}

export function fcCapacityMethods(fc: SdkClient<'fc'>, call: Caller): CapacityMethods {
  return {
    async getReservedConcurrency(name) {
      const answer = await unlessGone(() =>
        call(fc, 'GetConcurrencyConfig', ({ client }) => client.getConcurrencyConfig(name)),
      );
      return answer === 'absent' ? undefined : (answer.body?.reservedConcurrency ?? undefined);
    },

    async setReservedConcurrency(name, reservedConcurrency) {
      await call(fc, 'PutConcurrencyConfig', ({ client, sdk }) =>
        client.putConcurrencyConfig(
          name,
          new sdk.PutConcurrencyConfigRequest({ body: new sdk.PutConcurrencyInput({ reservedConcurrency }) }),
        ),
      );
    },

    async clearReservedConcurrency(name) {
      const answer = await unlessGone(() =>
        call(fc, 'DeleteConcurrencyConfig', ({ client }) => client.deleteConcurrencyConfig(name)),
      );
      return answer === 'absent' ? 'absent' : 'deleted';
    },

    async getProvisioned(name) {
      const answer = await unlessGone(() =>
        call(fc, 'GetProvisionConfig', ({ client, sdk }) =>
          client.getProvisionConfig(name, new sdk.GetProvisionConfigRequest({ qualifier: QUALIFIER })),
        ),
      );
      return answer === 'absent' ? undefined : toProvisionInfo(answer.body);
    },

    async setProvisioned(name, target) {
      const answer = await call(fc, 'PutProvisionConfig', ({ client, sdk }) =>
        client.putProvisionConfig(
          name,
          new sdk.PutProvisionConfigRequest({
            qualifier: QUALIFIER,
            body: new sdk.PutProvisionConfigInput({ target }),
          }),
        ),
      );
      return toProvisionInfo(answer.body);
    },

    async clearProvisioned(name) {
      const answer = await unlessGone(() =>
        call(fc, 'DeleteProvisionConfig', ({ client, sdk }) =>
          client.deleteProvisionConfig(name, new sdk.DeleteProvisionConfigRequest({ qualifier: QUALIFIER })),
        ),
      );
      return answer === 'absent' ? 'absent' : 'deleted';
    },
  };
}
