import { ApiError } from '../api/api-error.js';
import { callDelay } from '../core/latency.js';
import type { ApiCall } from './call.js';
import type { PipelineDeps } from './deps.js';
import type { Routed } from './route.js';

// Stage 5, faults and latency: the fault rules of the admin API (POST /_emulator/faults) that fire for this call
// — drop the connection before it runs, delay it, answer an error, or drop it after it ran — then the call's own
// latency from the profile, owed until the action runs (stage 7 pays it once the ClientToken is taken).

/** `dropped` when the connection was dropped and nothing more is to be done. */
export async function injectFaults(call: ApiCall, routed: Routed, deps: PipelineDeps): Promise<'dropped' | undefined> {
  const fault = deps.faults.decide(routed.service.name, routed.route.action);
  if (fault.drop === 'before') {
    call.drop();
    return 'dropped';
  }
  call.dropAfter = fault.drop === 'after';
  if (fault.delayMs > 0) await deps.clock.sleep(fault.delayMs);
  if (fault.error) {
    const { status, code, message, headers } = fault.error;
    throw new ApiError(status, code, message ?? code, headers);
  }
  call.owedDelayMs = callDelay(deps.latency, call.action);
  return undefined;
}
