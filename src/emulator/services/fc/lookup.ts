import { Params } from '../../api/params.js';
import type { CallContext } from '../../core/service.js';
import { fcErrors } from './errors.js';
import { fc2ViewName } from './fc2-functions.js';
import { resolveQualifier, type Resolved } from './qualifiers.js';
import { scopeOf, type Scope, type StoredFc2Function, type StoredFunction } from './state.js';

// Finding the function an API call names, in the caller's account and region. FC 2.0 functions answer to
// their FC 3.0 name `{service}${function}` for reads (fc2-functions.ts).

export type Found = { fcVersion: 'v3'; fn: StoredFunction } | { fcVersion: 'v2'; fn: StoredFc2Function };

export function callerScope(ctx: CallContext): Scope {
  return scopeOf(ctx.world, ctx.account.accountId, ctx.region);
}

export function pathName(ctx: CallContext, param = 'functionName'): string {
  return ctx.params.string(param) ?? '';
}

/** The JSON body of a write (`CreateFunctionInput`, …), `{}` when the request had none. */
export function bodyOf(ctx: CallContext): Params {
  return ctx.params.object('body') ?? new Params({}, 'fc', 'body.');
}

/** The `qualifier` query parameter: LATEST when absent. */
export function qualifierOf(ctx: CallContext): string | undefined {
  return ctx.params.string('qualifier');
}

function findFunction(scope: Scope, name: string): Found | undefined {
  const v3 = scope.functions[name];
  if (v3) return { fcVersion: 'v3', fn: v3 };
  const v2 = scope.fc2Functions[name];
  return v2 ? { fcVersion: 'v2', fn: v2 } : undefined;
}

export function requireFunction(scope: Scope, name: string): Found {
  const found = findFunction(scope, name);
  if (!found) throw fcErrors.functionNotFound(name);
  return found;
}

/** Writes go to FC 3.0 functions only: an FC 2.0 function is managed with the FC 2.0 API (assumption). */
export function requireV3(scope: Scope, name: string): StoredFunction {
  const found = requireFunction(scope, name);
  if (found.fcVersion === 'v2') {
    throw fcErrors.invalidArgument(
      `function '${name}' belongs to the Function Compute 2.0 service '${found.fn.serviceName}'; ` +
        'change it with the Function Compute 2.0 API',
    );
  }
  return found.fn;
}

/** The function's name in FC 3.0 reads: its own, or `{service}${function}` for FC 2.0. */
function viewNameOf(found: Found): string {
  return found.fcVersion === 'v3' ? found.fn.functionName : fc2ViewName(found.fn.serviceName, found.fn.functionName);
}

/**
 * What `qualifier` names: LATEST (the default), a version or an alias of an FC 3.0 function; LATEST or a
 * seeded service version/alias of an FC 2.0 one, which all run the function as it is. Unknown →
 * `VersionNotFound` / `AliasNotFound`.
 */
export function resolveFound(found: Found, qualifier: string | undefined): Resolved {
  if (found.fcVersion === 'v3') return resolveQualifier(found.fn, qualifier);
  if (qualifier && qualifier !== 'LATEST' && !found.fn.qualifiers.includes(qualifier)) {
    throw fcErrors.aliasNotFound(qualifier, viewNameOf(found));
  }
  return { kind: 'latest', versionId: undefined, settings: found.fn.settings };
}

/** Names the function runtime's warm instances of LATEST or of one version (runtime FunctionConfig.key). */
export function runtimeKey(accountId: string, region: string, viewName: string, versionId?: string): string {
  return `${accountId}/${region}/${viewName}@${versionId ?? 'LATEST'}`;
}
