import { ApiError } from '../api/api-error.js';
import type { ActionHandler, EmulatedService } from '../core/service.js';
import type { Route } from '../core/protocol.js';
import type { ApiCall } from './call.js';

// Stage 3, route: the action the request calls, by the service's protocol. A body over the limit is refused here
// whatever else is wrong with the request, in the service's own dialect once the service is known: its rest is
// never read, so the connection cannot carry another request.

export interface Routed {
  service: EmulatedService;
  route: Route;
  handler: ActionHandler;
}

export function routeCall(call: ApiCall, maxBodyBytes: number): Routed {
  const tooLarge = call.bodyTooLarge ? call.dialect.bodyTooLarge(maxBodyBytes) : undefined;
  const { service } = call;
  if (!service) throw tooLarge ?? new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  let route: Route;
  try {
    route = service.protocol.route(call.request, (action) => Object.hasOwn(service.actions, action));
  } catch (error) {
    throw error instanceof ApiError && tooLarge ? tooLarge : error;
  }
  call.action = route.action;
  if (tooLarge) throw tooLarge;
  return { service, route, handler: service.actions[route.action]! };
}
