import { popErrors } from '../api/api-error.js';
import { Params } from '../api/params.js';
import type { ResolvedKey } from '../auth/accounts.js';
import type { CallContext, ServiceName } from '../core/service.js';
import type { ApiCall } from './call.js';
import type { PipelineDeps } from './deps.js';
import type { Routed } from './route.js';

// Stage 6, validate: the action's parameters decoded by the service's protocol and checked against the
// metadata (missing, type, range, length, enum, pattern), then the context the action runs with.

export interface ValidatedCall {
  service: ServiceName;
  ctx: CallContext;
  /** What a ClientToken is bound to, for protocols that take one. */
  fingerprint?: Record<string, string>;
  dryRun: boolean;
}

export function validateCall(call: ApiCall, routed: Routed, caller: ResolvedKey, deps: PipelineDeps): ValidatedCall {
  const { request, dialect } = call;
  const decoded = routed.service.protocol.decode(routed.route, request, dialect.style);
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
  return { service: routed.service.name, ctx, fingerprint: decoded.fingerprint, dryRun };
}
