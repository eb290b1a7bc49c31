import { parseFunctionArn } from '../../core/function-arn.js';
import type { FunctionDirectory, FunctionHandle, FunctionRef } from '../../core/function-directory.js';
import type { ServiceEnv } from '../../core/service.js';
import { fc2ViewName } from './fc2-functions.js';
import { demandOf } from './capacity-gate.js';
import { resolveFound, runtimeKey, type Found } from './lookup.js';
import type { RuntimeHost } from './runtime-host.js';
import { fcState, scopeKey } from './state.js';

// What the FC service offers the ALB service (core/function-directory.ts): whether a function ARN names an existing
// function of the caller — FC 3.0 `…:functions/{name}[/{qualifier}]` or FC 2.0
// `…:services/{service}[.{qualifier}]/functions/{name}` (core/function-arn.ts) — and running it for a listener
// request. A qualifier must exist: LATEST, a version or an alias (FC 3.0), LATEST or a seeded service
// qualifier (FC 2.0). `ref.name` is the function's FC 3.0 name (`{service}${function}` for FC 2.0).

export function createFunctionDirectory(getEnv: () => ServiceEnv | undefined, host: RuntimeHost): FunctionDirectory {
  /** The function `ref` names, bound for invocation with its account and region; undefined when gone. */
  const handle = (ref: FunctionRef): FunctionHandle | undefined => {
    const env = getEnv();
    const scope = env ? fcState(env.world).scopes[scopeKey(ref.accountId, ref.region)] : undefined;
    if (!env || !scope) return undefined;
    const v3 = ref.fcVersion === 'v3' ? scope.functions[ref.name] : undefined;
    const v2 = ref.fcVersion === 'v2' ? scope.fc2Functions[ref.name] : undefined;
    const found: Found | undefined = v3 ? { fcVersion: 'v3', fn: v3 } : v2 ? { fcVersion: 'v2', fn: v2 } : undefined;
    if (!found) return undefined;
    let resolved;
    try {
      resolved = resolveFound(found, ref.qualifier);
    } catch {
      return undefined;
    }
    const where = { accountId: ref.accountId, region: ref.region };
    const config = host.config(
      env.world,
      { key: runtimeKey(ref.accountId, ref.region, ref.name, resolved.versionId), name: found.fn.functionName },
      resolved.settings,
    );
    // The limits are read when the request arrives: a PutConcurrencyConfig applies to the next request.
    return {
      ref,
      invoke: (event) =>
        host.invokeHttp(config, event, where, demandOf(env.world, ref.accountId, ref.region, ref.name)),
    };
  };

  const target = (accountId: string, arn: string): FunctionHandle | undefined => {
    const parsed = parseFunctionArn(arn);
    if (!parsed || parsed.accountId !== accountId) return undefined;
    return handle({
      accountId,
      region: parsed.region,
      name: parsed.fcVersion === 'v2' ? fc2ViewName(parsed.serviceName, parsed.name) : parsed.name,
      arn,
      fcVersion: parsed.fcVersion,
      ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}),
    });
  };

  return {
    findByArn: (accountId, arn) => target(accountId, arn)?.ref,
    target,
    invoke: async (ref, event) => handle(ref)?.invoke(event),
  };
}
