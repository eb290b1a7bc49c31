import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/api-error.js';
import { authenticateCall } from './authenticate.js';
import { ApiCall } from './call.js';
import type { PipelineDeps } from './deps.js';
import { injectFaults } from './faults.js';
import { dispatchOnce } from './idempotency.js';
import { parseRequest } from './parse.js';
import { recognise } from './recognise.js';
import { routeCall } from './route.js';
import { validateCall } from './validate.js';

// One signed API call, from bytes to answer, as named stages in their order:
//   1 parse → 2 recognise → 3 route → 4 authenticate → 5 faults and latency → 6 validate →
//   7 idempotency and dispatch → 8 persist → 9 answer and log.
// A stage that refuses the call throws the service's ApiError; it is answered in the service's dialect and
// logged. Anything else is a bug of the local cloud: reported, and answered as the service's internal error.

/** `received` is the request body, or `too-large` when it exceeded `options.maxBodyBytes` (not read). */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  received: Buffer | 'too-large',
  deps: PipelineDeps,
): Promise<void> {
  const request = parseRequest(req, received);
  const recognised = recognise(request, deps.services, deps.region);
  const call = new ApiCall(request, received === 'too-large', recognised, res, req.socket, deps);
  try {
    const routed = routeCall(call, deps.options.maxBodyBytes);
    const caller = authenticateCall(call, routed, deps);
    if ((await injectFaults(call, routed, deps)) === 'dropped') return;
    const validated = validateCall(call, routed, caller, deps);
    const answer = await dispatchOnce(call, validated, () => routed.handler(validated.ctx), deps);
    // Every call: reads change state too (a transition seen, a job finished); an unchanged world is not written.
    await deps.world.save();
    if (call.dropAfter) call.drop();
    else call.answer(answer);
  } catch (error) {
    await call.payOwedDelay();
    if (call.dropAfter) call.drop();
    else if (error instanceof ApiError) call.refuse(error);
    else {
      deps.onInternalError?.(error);
      call.refuse(call.dialect.internalError());
    }
  }
}
