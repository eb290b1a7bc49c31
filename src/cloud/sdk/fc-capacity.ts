import * as $Fc from '@alicloud/fc20230330';
import { hasCloudCode } from '../errors.js';
import type { FunctionsPort, ProvisionInfo } from '../ports.js';
import type { Caller } from './call.js';

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

/** The calls of the official client (`@alicloud/fc20230330` Client) these methods use. */
interface FcCapacityClient {
  getConcurrencyConfig(name: string): Promise<$Fc.GetConcurrencyConfigResponse>;
  putConcurrencyConfig(
    name: string,
    request: $Fc.PutConcurrencyConfigRequest,
  ): Promise<$Fc.PutConcurrencyConfigResponse>;
  deleteConcurrencyConfig(name: string): Promise<$Fc.DeleteConcurrencyConfigResponse>;
  getProvisionConfig(name: string, request: $Fc.GetProvisionConfigRequest): Promise<$Fc.GetProvisionConfigResponse>;
  putProvisionConfig(name: string, request: $Fc.PutProvisionConfigRequest): Promise<$Fc.PutProvisionConfigResponse>;
  deleteProvisionConfig(
    name: string,
    request: $Fc.DeleteProvisionConfigRequest,
  ): Promise<$Fc.DeleteProvisionConfigResponse>;
}

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

export function fcCapacityMethods(client: FcCapacityClient, call: Caller): CapacityMethods {
  return {
    async getReservedConcurrency(name) {
      const answer = await unlessGone(() =>
        call('fc', 'GetConcurrencyConfig', () => client.getConcurrencyConfig(name)),
      );
      return answer === 'absent' ? undefined : (answer.body?.reservedConcurrency ?? undefined);
    },

    async setReservedConcurrency(name, reservedConcurrency) {
      await call('fc', 'PutConcurrencyConfig', () =>
        client.putConcurrencyConfig(
          name,
          new $Fc.PutConcurrencyConfigRequest({ body: new $Fc.PutConcurrencyInput({ reservedConcurrency }) }),
        ),
      );
    },

    async clearReservedConcurrency(name) {
      const answer = await unlessGone(() =>
        call('fc', 'DeleteConcurrencyConfig', () => client.deleteConcurrencyConfig(name)),
      );
      return answer === 'absent' ? 'absent' : 'deleted';
    },

    async getProvisioned(name) {
      const answer = await unlessGone(() =>
        call('fc', 'GetProvisionConfig', () =>
          client.getProvisionConfig(name, new $Fc.GetProvisionConfigRequest({ qualifier: QUALIFIER })),
        ),
      );
      return answer === 'absent' ? undefined : toProvisionInfo(answer.body);
    },

    async setProvisioned(name, target) {
      const answer = await call('fc', 'PutProvisionConfig', () =>
        client.putProvisionConfig(
          name,
          new $Fc.PutProvisionConfigRequest({
            qualifier: QUALIFIER,
            body: new $Fc.PutProvisionConfigInput({ target }),
          }),
        ),
      );
      return toProvisionInfo(answer.body);
    },

    async clearProvisioned(name) {
      const answer = await unlessGone(() =>
        call('fc', 'DeleteProvisionConfig', () =>
          client.deleteProvisionConfig(name, new $Fc.DeleteProvisionConfigRequest({ qualifier: QUALIFIER })),
        ),
      );
      return answer === 'absent' ? 'absent' : 'deleted';
    },
  };
}
