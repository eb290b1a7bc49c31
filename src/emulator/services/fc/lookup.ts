import type { CallContext } from '../../core/service.js';
import { fcErrors } from './errors.js';
import { findFc2 } from './fc2-functions.js';
import { scopeOf, type Scope, type StoredFc2Function, type StoredFunction } from './state.js';

// Finding the function an API call names, in the caller's account and region. FC 2.0 functions answer to
// their FC 3.0 name `{service}${function}` for reads (fc2-functions.ts).

export type Found = { fcVersion: 'v3'; fn: StoredFunction } | { fcVersion: 'v2'; fn: StoredFc2Function };

export function callerScope(ctx: CallContext): Scope {
  return scopeOf(ctx.world, ctx.account.accountId, ctx.region);
}

export function pathName(ctx: CallContext, param = 'functionName'): string {
  return String(ctx.params[param] ?? '');
}

export function findFunction(scope: Scope, name: string): Found | undefined {
  const v3 = scope.functions[name];
  if (v3) return { fcVersion: 'v3', fn: v3 };
  const v2 = findFc2(scope, name);
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
