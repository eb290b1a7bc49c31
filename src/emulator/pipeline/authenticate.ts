import type { ResolvedKey } from '../auth/accounts.js';
import { authenticate } from '../auth/authenticate.js';
import type { PipelineDeps } from './deps.js';
import type { ApiCall } from './call.js';
import type { Routed } from './route.js';

// Stage 4, authenticate: who signed the request (ACS3 header or RPC signature parameters, or the service's own
// scheme), answered in the service's codes when the signature, the key, the date, the nonce or the security token
// is wrong.

export function authenticateCall(call: ApiCall, routed: Routed, deps: PipelineDeps): ResolvedKey {
  const { request } = call;
  const options = {
    accounts: deps.accounts,
    now: deps.clock.now(),
    maxSkewMs: deps.options.maxClockSkewMs,
    nonces: deps.nonces,
  };
  if (routed.service.authenticate) return routed.service.authenticate(request, routed.route, options);
  return authenticate(
    {
      style: call.dialect.style,
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      params: [...request.query, ...request.form],
    },
    options,
  );
}
