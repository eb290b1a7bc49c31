import { functionArn } from '../../core/function-arn.js';
import type { ActionHandler, CallContext } from '../../core/service.js';
import { fcErrors } from './errors.js';
import { bodyOf, callerScope, pathName, requireV3, runtimeKey } from './lookup.js';
import { resolveQualifier } from './qualifiers.js';
import type { RuntimeHost } from './runtime-host.js';
import type { StoredFunction } from './state.js';

// A function's capacity outside its settings (`@alicloud/fc20230330` client.js): Put/Get/DeleteConcurrencyConfig
// (`/functions/{name}/concurrency`) and Put/Get/DeleteProvisionConfig (`/functions/{name}/provision-config`,
// `qualifier` in the query). Rules, with their sources, in docs/emulator.md ("Function Compute 3.0: capacity").

/** `target` range of PutProvisionConfigInput ("取值范围为[0,10000]", API metadata). */
const MAX_PROVISION_TARGET = 10000;
/**
 * One function may reserve at most 90% of the account's regional instance limit, and all functions together as
 * much ("Specify the maximum number of instances", FC 3.0 user guide); the error code is an assumption.
 */
const RESERVABLE_SHARE = 0.9;

function arnOf(ctx: CallContext, fn: StoredFunction, qualifier?: string): string {
  const arn = functionArn(ctx.region, ctx.account.accountId, fn.functionName);
  return qualifier && qualifier !== 'LATEST' ? `${arn}/${qualifier}` : arn;
}

function provisionTotal(fn: StoredFunction): number {
  return Object.values(fn.provision ?? {}).reduce((sum, target) => sum + target, 0);
}

/** The qualifier a provisioned configuration is for: LATEST when none is named; it must exist. */
function provisionQualifier(
  ctx: CallContext,
  fn: StoredFunction,
): { qualifier: string; versionId: string | undefined } {
  const qualifier = ctx.params.string('qualifier') || 'LATEST';
  return { qualifier, versionId: resolveQualifier(fn, qualifier).versionId };
}

export function capacityActions(host: RuntimeHost, accountInstanceLimit: () => number): Record<string, ActionHandler> {
  /** The provisioned instances of one qualifier, as ProvisionConfig (ProvisionConfig.d.ts). */
  const provisionView = (ctx: CallContext, fn: StoredFunction, qualifier: string, versionId: string | undefined) => {
    const target = fn.provision?.[qualifier] ?? 0;
    const live = host.provisioned(runtimeKey(ctx.account.accountId, ctx.region, fn.functionName, versionId));
    return {
      functionArn: arnOf(ctx, fn, qualifier),
      target,
      defaultTarget: target,
      // Instances follow the target up and down over time: after a delete `current` falls to 0.
      current: live.ready,
      ...(live.error && live.ready < target ? { currentError: live.error } : {}),
      alwaysAllocateCPU: true,
      scheduledActions: [],
      targetTrackingPolicies: [],
    };
  };

  const startProvisioned = (ctx: CallContext, fn: StoredFunction, versionId: string | undefined, count: number) => {
    const { settings } = resolveQualifier(fn, versionId ?? 'LATEST');
    const where = { accountId: ctx.account.accountId, region: ctx.region };
    const key = runtimeKey(where.accountId, where.region, fn.functionName, versionId);
    host.provision(host.config(ctx.world, { key, name: fn.functionName }, settings), where, count);
  };

  return {
    PutConcurrencyConfig: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      const reserved = bodyOf(ctx).number('reservedConcurrency');
      if (reserved === undefined || !Number.isInteger(reserved) || reserved < 0) {
        throw fcErrors.invalidArgument('reservedConcurrency must be an integer of 0 or more');
      }
      const cap = Math.floor(accountInstanceLimit() * RESERVABLE_SHARE);
      const others = Object.values(callerScope(ctx).functions)
        .filter((other) => other !== fn)
        .reduce((sum, other) => sum + (other.reservedConcurrency ?? 0), 0);
      if (reserved > cap || others + reserved > cap) {
        throw fcErrors.invalidArgument(
          `reservedConcurrency ${reserved} exceeds what the region allows: functions may reserve ${cap} instances in ` +
            `all (90% of the account's ${accountInstanceLimit()}), ${others} of them are reserved by other functions`,
        );
      }
      if (reserved < provisionTotal(fn)) {
        throw fcErrors.invalidArgument(
          `reservedConcurrency ${reserved} is below the function's ${provisionTotal(fn)} provisioned instances, which it includes`,
        );
      }
      ctx.checkpoint();
      fn.reservedConcurrency = reserved;
      return { json: { functionArn: arnOf(ctx, fn), reservedConcurrency: reserved } };
    },

    // A function without a configuration answers one without reservedConcurrency (devsapp/fc3
    // concurrency_config.ts reads "only functionArn" as none; assumption).
    GetConcurrencyConfig: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      return {
        json: {
          functionArn: arnOf(ctx, fn),
          ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrency: fn.reservedConcurrency }),
        },
      };
    },

    DeleteConcurrencyConfig: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      ctx.checkpoint();
      delete fn.reservedConcurrency;
      return { status: 204 };
    },

    PutProvisionConfig: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      const { qualifier, versionId } = provisionQualifier(ctx, fn);
      const target = bodyOf(ctx).number('target');
      if (target === undefined || !Number.isInteger(target) || target < 0 || target > MAX_PROVISION_TARGET) {
        throw fcErrors.invalidArgument(`target must be an integer from 0 to ${MAX_PROVISION_TARGET}`);
      }
      const total = provisionTotal(fn) - (fn.provision?.[qualifier] ?? 0) + target;
      if (fn.reservedConcurrency !== undefined && total > fn.reservedConcurrency) {
        throw fcErrors.invalidArgument(
          `${total} provisioned instances exceed the function's reserved concurrency ${fn.reservedConcurrency}, which includes them`,
        );
      }
      ctx.checkpoint();
      fn.provision = { ...fn.provision, [qualifier]: target };
      if (target === 0) delete fn.provision[qualifier];
      startProvisioned(ctx, fn, versionId, target);
      return { json: provisionView(ctx, fn, qualifier, versionId) };
    },

    // A function without provisioned instances answers target 0 (devsapp/fc3 provision_config.ts polls this
    // answer after DeleteProvisionConfig until `current` is 0).
    GetProvisionConfig: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      const { qualifier, versionId } = provisionQualifier(ctx, fn);
      return { json: provisionView(ctx, fn, qualifier, versionId) };
    },

    DeleteProvisionConfig: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      const { qualifier, versionId } = provisionQualifier(ctx, fn);
      ctx.checkpoint();
      if (fn.provision) delete fn.provision[qualifier];
      startProvisioned(ctx, fn, versionId, 0);
      return { status: 204 };
    },
  };
}

/** Starts the provisioned instances the world records (after a start or a restart from a data dir). */
export function restoreProvisioned(
  host: RuntimeHost,
  world: Parameters<RuntimeHost['config']>[0],
  scopes: Array<{ accountId: string; region: string; functions: StoredFunction[] }>,
): void {
  for (const { accountId, region, functions } of scopes) {
    for (const fn of functions) {
      for (const [qualifier, target] of Object.entries(fn.provision ?? {})) {
        if (target <= 0) continue;
        let resolved;
        try {
          resolved = resolveQualifier(fn, qualifier);
        } catch {
          continue;
        }
        const { versionId, settings } = resolved;
        const key = runtimeKey(accountId, region, fn.functionName, versionId);
        host.provision(host.config(world, { key, name: fn.functionName }, settings), { accountId, region }, target);
      }
    }
  }
}
