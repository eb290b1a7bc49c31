// The routes of a stack as the engine receives them (src/cli builds them from alb-fc.yaml or the flags).
// A route is one backend — a function in its own Fc server group, since a Function Compute server group
// holds exactly one function (FC "ALB triggers" limits, https://www.alibabacloud.com/help/en/fc/alb-triggers) —
// matched by host and/or path on the shared listener; optionally a canary backend taking `weight` percent of it.
import type { ExistingFunctionInput, NewFunctionInput } from '../stack-input.js';

export interface BackendInput {
  function: NewFunctionInput | ExistingFunctionInput;
  serverGroup: { name: string; healthCheck: boolean };
}

export interface CanaryInput {
  backend: BackendInput;
  /** Percent of the route's requests sent to the canary (1-99); the rest go to the route's own backend. */
  weight: number;
}

export interface RouteInput {
  /** `[a-z][a-z0-9-]*`; names the route's resources. `default` for the single-function flags. */
  name: string;
  /** Host condition: exact or wildcard (`*.example.com`). */
  host?: string;
  /** Path condition: an ALB path pattern (`/users/*`). */
  path?: string;
  /** Written by the user; else derived from the file's order (src/routes/priorities.ts). */
  priority?: number;
  backend: BackendInput;
  canary?: CanaryInput;
}

/** A route with neither host nor path is the listener's default action: it takes what no rule matches. */
export function isDefaultRoute(route: Pick<RouteInput, 'host' | 'path'>): boolean {
  return route.host === undefined && route.path === undefined;
}

/** The name the single-function flags (`--code`, `--function-arn`, …) give their one route. */
export const SINGLE_ROUTE = 'default';
