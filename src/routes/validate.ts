// Validation of a stack's whole set of routes, before anything is read or written (exit 2). Each problem
// names the route and the key, as alb-fc.yaml spells it. Limits that depend on the ALB's edition are checked
// once the instance is known (src/routes/rule-limits-check.ts).
import { globCovers, hostPatternProblem, pathPatternProblem } from './patterns.js';
import type { RouteInput } from '../stack-input.js';
import { isDefaultRoute } from './route-input.js';

export const ROUTE_NAME = /^[a-z][a-z0-9-]{0,31}$/;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export interface RoutesVerdict {
  problems: string[];
  warnings: string[];
}

function label(route: RouteInput, index: number): string {
  return `routes[${index}] (${route.name})`;
}

function matchText(route: Pick<RouteInput, 'host' | 'path'>): string {
  if (isDefaultRoute(route)) return 'everything (default route)';
  return [route.host ? `host ${route.host}` : undefined, route.path ? `path ${route.path}` : undefined]
    .filter(Boolean)
    .join(' and ');
}

/** Whether every request `later` matches is taken by `earlier` first (a missing condition matches all). */
export function shadows(earlier: Pick<RouteInput, 'host' | 'path'>, later: Pick<RouteInput, 'host' | 'path'>): boolean {
  if (isDefaultRoute(earlier) || isDefaultRoute(later)) return false;
  const hostCovered = earlier.host === undefined || (later.host !== undefined && globCovers(earlier.host, later.host));
  const pathCovered = earlier.path === undefined || (later.path !== undefined && globCovers(earlier.path, later.path));
  return hostCovered && pathCovered;
}

function functionNames(route: RouteInput): string[] {
  return [route.backend, route.canary?.backend]
    .map((b) => (b?.function.mode === 'create' ? b.function.name : undefined))
    .filter((n): n is string => n !== undefined);
}

export function validateRoutes(routes: readonly RouteInput[]): RoutesVerdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (routes.length === 0) problems.push('routes: at least one route is needed');
  const names = new Map<string, number>();
  const functions = new Map<string, string>();
  const groups = new Map<string, string>();
  let defaultRoute: string | undefined;

  routes.forEach((route, index) => {
    const where = label(route, index);
    if (!ROUTE_NAME.test(route.name)) {
      problems.push(`${where}.name must be 1-32 lower-case letters, digits or "-", starting with a letter`);
    }
    const seen = names.get(route.name);
    if (seen !== undefined) problems.push(`${where}.name repeats routes[${seen}]: route names must be unique`);
    else names.set(route.name, index);

    if (route.host !== undefined) {
      const problem = hostPatternProblem(route.host);
      if (problem) problems.push(`${where}.host ${JSON.stringify(route.host)} ${problem}`);
    }
    if (route.path !== undefined) {
      const problem = pathPatternProblem(route.path);
      if (problem) problems.push(`${where}.path ${JSON.stringify(route.path)} ${problem}`);
    }
    if (isDefaultRoute(route)) {
      if (defaultRoute !== undefined) {
        problems.push(
          `${where} has neither host nor path, like route ${defaultRoute}: only one route can be the default; give one a host or path`,
        );
      } else defaultRoute = route.name;
    }

    if (route.canary) {
      const { weight } = route.canary;
      if (!Number.isInteger(weight) || weight < 1 || weight > 99) {
        problems.push(`${where}.canary.weight ${weight} must be a whole percent between 1 and 99`);
      }
    }

    for (const name of functionNames(route)) {
      if (!FUNCTION_NAME.test(name)) {
        problems.push(
          `${where}: function name ${JSON.stringify(name)} is not a valid FC name (1-64 letters, digits, _ or -, not starting with a digit or -); set function-name`,
        );
      }
      const owner = functions.get(name);
      if (owner !== undefined) problems.push(`${where}: function ${name} is also created by route ${owner}`);
      else functions.set(name, route.name);
    }
    for (const backend of [route.backend, route.canary?.backend]) {
      if (!backend) continue;
      const owner = groups.get(backend.serverGroup.name);
      if (owner !== undefined) {
        problems.push(`${where}: server group name ${backend.serverGroup.name} is also used by route ${owner}`);
      } else groups.set(backend.serverGroup.name, route.name);
    }
  });

  // The file's order is the match order: a route an earlier one covers would never see a request.
  for (let later = 0; later < routes.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const a = routes[earlier]!;
      const b = routes[later]!;
      if (a.host === b.host && a.path === b.path && !isDefaultRoute(a)) {
        problems.push(`${label(b, later)} matches ${matchText(b)}, exactly as ${label(a, earlier)}: remove one`);
        break;
      }
      if (shadows(a, b)) {
        problems.push(
          `${label(b, later)} (${matchText(b)}) is never reached: ${label(a, earlier)} (${matchText(a)}) matches all of it first; move it above, or narrow ${a.name}`,
        );
        break;
      }
    }
  }
  if (routes.length > 1 && defaultRoute === undefined) {
    warnings.push('no default route (one without host and path): requests no route matches are answered 404');
  }
  return { problems, warnings };
}
