import type { FunctionDirectory, FunctionRef, ServiceEnv } from '../../core/service.js';
import type { InvokeOutcome } from '../../runtime/index.js';
import { parseFunctionArn } from './arn.js';
import { fc2ViewName } from './fc2-functions.js';
import { runnableConfig } from './invoke-api.js';
import { tryResolveQualifier } from './qualifiers.js';
import type { RuntimeHost } from './runtime-host.js';
import { fcState, scopeKey, type FunctionSettings } from './state.js';

// What the FC service offers the ALB service (core/service.ts): whether a function ARN names an existing
// function of the caller — FC 3.0 `…:functions/{name}[/{qualifier}]` or FC 2.0
// `…:services/{service}[.{qualifier}]/functions/{name}` (alb-api.md §3.2) — and running it for a listener
// request. A qualifier must exist: LATEST, a version or an alias (FC 3.0), LATEST or a seeded service
// qualifier (FC 2.0). `ref.name` is the function's FC 3.0 name (`{service}${function}` for FC 2.0).

export function createFunctionDirectory(getEnv: () => ServiceEnv | undefined, host: RuntimeHost): FunctionDirectory {
  const lookup = (ref: FunctionRef): { runtimeName: string; settings: FunctionSettings } | undefined => {
    const env = getEnv();
    if (!env) return undefined;
    const scope = fcState(env.world).scopes[scopeKey(ref.accountId, ref.region)];
    if (!scope) return undefined;
    if (ref.fcVersion === 'v2') {
      const fn = scope.fc2Functions[ref.name];
      if (!fn) return undefined;
      if (ref.qualifier && ref.qualifier !== 'LATEST' && !fn.qualifiers.includes(ref.qualifier)) return undefined;
      return { runtimeName: fn.functionName, settings: fn.settings };
    }
    const fn = scope.functions[ref.name];
    const resolved = fn && tryResolveQualifier(fn, ref.qualifier);
    return resolved ? { runtimeName: ref.name, settings: resolved.settings } : undefined;
  };

  return {
    findByArn(accountId, arn) {
      const parsed = parseFunctionArn(arn);
      if (!parsed || parsed.accountId !== accountId) return undefined;
      const ref: FunctionRef = {
        accountId,
        region: parsed.region,
        name: parsed.fcVersion === 'v2' ? fc2ViewName(parsed.serviceName, parsed.name) : parsed.name,
        arn,
        fcVersion: parsed.fcVersion,
        ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}),
      };
      return lookup(ref) ? ref : undefined;
    },

    async invoke(ref, event): Promise<InvokeOutcome | undefined> {
      const env = getEnv();
      const found = lookup(ref);
      if (!env || !found) return undefined;
      const config = await runnableConfig(host, env.world, found.runtimeName, found.settings);
      return host.invoke(config, event, requestIdOf(event));
    },
  };
}

/** The HTTP event's own request id (§A.9 `requestContext.requestId`), so logs and headers agree. */
function requestIdOf(event: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(event.toString('utf8')) as { requestContext?: { requestId?: unknown } };
    const id = parsed.requestContext?.requestId;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
