import { popErrors } from '../api/api-error.js';
import { Params } from '../api/params.js';
import type { ResolvedKey } from '../auth/accounts.js';
import type { CallContext } from '../core/service.js';
import type { Route } from '../wire/protocol.js';
import type { ApiCall } from './call.js';
import type { PipelineDeps } from './pipeline.js';

// Stage 6, validate: the action's parameters decoded by the service's protocol and checked against the
// metadata (missing, type, range, length, enum, pattern), then the context the action runs with.

export interface ValidatedCall {
  ctx: CallContext;
  /** What a ClientToken is bound to, for protocols that take one. */
  fingerprint?: Record<string, string>;
  dryRun: boolean;
}

export function validateCall(call: ApiCall, route: Route, caller: ResolvedKey, deps: PipelineDeps): ValidatedCall {
  const { request, dialect } = call;
  const decoded = call.service!.protocol.decode(route, request, dialect.style);
  const dryRun = decoded.values.DryRun === true;
  const ctx: CallContext = {
    action: call.action,
    requestId: call.requestId,
    account: caller.account,
    region: call.region,
    params: new Params(decoded.values, dialect.style),
    http: {
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      headers: request.headers,
      body: request.body,
    },
    checkpoint: () => {
      if (dryRun) throw popErrors.dryRun();
    },
    world: deps.world,
    clock: deps.clock,
    latency: deps.latency,
    paging: deps.paging,
  };
  return { ctx, fingerprint: decoded.fingerprint, dryRun };
}
