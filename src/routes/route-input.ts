// What makes a route special, beside its shape (src/stack-input.ts).
import type { RouteInput } from '../stack-input.js';

/** A route with neither host nor path is the listener's default action: it takes what no rule matches. */
export function isDefaultRoute(route: Pick<RouteInput, 'host' | 'path'>): boolean {
  return route.host === undefined && route.path === undefined;
}

/** The name the single-function flags (`--code`, `--function-arn`, …) give their one route. */
export const SINGLE_ROUTE = 'default';
