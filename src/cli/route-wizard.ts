import { isAbsolute } from 'node:path';
import { hostPatternProblem, pathPatternProblem } from '../routes/patterns.js';
import { SINGLE_ROUTE } from '../routes/route-input.js';
import { ROUTE_NAME, shadows } from '../routes/validate.js';
import type { Prompter } from '../ui/index.js';
import { parseInput } from './input-definitions.js';
import type { ResolvedInputs } from './input-sources.js';
import { SINGLE_FUNCTION_INPUTS } from './route-config.js';

// `init`, after the first function's questions: "add another route?" (issue 9, "`init` offering 'add another
// route?'"). Each route asked for is a function matched by host and/or path on the same listener; the answers
// become `routes:` of alb-fc.yaml exactly as a person would write it (src/cli/route-config.ts reads it back),
// with the first function as the default route, last: it takes what no other route matches.

/** A route as alb-fc.yaml writes it. */
export interface RouteEntry {
  name: string;
  host?: string;
  path?: string;
  code?: string;
  'function-name'?: string;
  'function-arn'?: string;
  'server-group-name'?: string;
}

type Match = Pick<RouteEntry, 'host' | 'path'>;

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** Why a route matching `match` cannot come after `earlier`; undefined when it can. */
export function matchProblem(match: Match, earlier: readonly RouteEntry[]): string | undefined {
  if (match.host === undefined && match.path === undefined) {
    return 'give a host or a path: the first function already takes everything no route matches';
  }
  for (const route of earlier) {
    if (route.host === undefined && route.path === undefined) continue;
    if (route.host === match.host && route.path === match.path) return `route ${route.name} matches exactly this`;
    if (shadows(route, match)) return `route ${route.name} matches all of it first: it would never be reached`;
  }
  return undefined;
}

/** Asks for one route: its name, host, path and code. */
async function askRoute(prompter: Prompter, taken: readonly RouteEntry[], index: number): Promise<RouteEntry> {
  const key = (name: string) => `routes[${index}].${name}`;
  const name = await prompter.text({
    message: 'Route name, for its function and server group',
    flag: key('name'),
    validate: (text) => {
      if (!ROUTE_NAME.test(text)) return 'use 1-32 lower-case letters, digits or "-", starting with a letter';
      if (text === SINGLE_ROUTE) return `${SINGLE_ROUTE} is the first function's route: choose another name`;
      return taken.some((r) => r.name === text) ? `a route is already named ${text}` : true;
    },
  });
  const host = optional(
    (
      await prompter.text({
        message: 'Host it matches, exact or *.wildcard; empty for any host',
        flag: key('host'),
        default: '',
        validate: (text) => (text === '' ? true : (hostPatternProblem(text.toLowerCase()) ?? true)),
      })
    ).toLowerCase(),
  );
  const path = optional(
    await prompter.text({
      message: 'Path it matches, like /users/*; empty for any path',
      flag: key('path'),
      default: '',
      validate: (text) =>
        (text !== '' ? pathPatternProblem(text) : undefined) ??
        matchProblem({ ...(host ? { host } : {}), ...(text ? { path: text } : {}) }, taken) ??
        true,
    }),
  );
  const code = optional(
    await prompter.text({
      message: 'Its code, a directory or .zip; empty for the built-in hello-world sample',
      flag: key('code'),
      default: '',
      validate: (text) => (text === '' ? true : (parseInput('code', text).error ?? true)),
    }),
  );
  return { name, ...(host ? { host } : {}), ...(path ? { path } : {}), ...(code ? { code: codePath(code) } : {}) };
}

/** A code path as alb-fc.yaml reads it, relative to the file (written in the directory `init` runs in). */
function codePath(path: string): string {
  return isAbsolute(path) || path.startsWith('.') ? path : `./${path}`;
}

/**
 * The first function as the default route: the single-function inputs (its name, code or ARN, group name) move
 * into it, with the names the single function has, so its resources keep theirs.
 */
function firstRoute(inputs: ResolvedInputs, stack: string): RouteEntry {
  const v = inputs.values;
  const own = `alb-fc-${stack}`;
  const entry: RouteEntry = { name: SINGLE_ROUTE };
  if (v.functionArn !== undefined) entry['function-arn'] = v.functionArn;
  else {
    entry['function-name'] = v.functionName ?? own;
    if (v.code !== undefined) entry.code = codePath(v.code);
  }
  entry['server-group-name'] = v.serverGroupName ?? own;
  for (const name of SINGLE_FUNCTION_INPUTS) {
    delete (inputs.values as Record<string, unknown>)[name];
    delete inputs.sources[name];
  }
  return entry;
}

/**
 * "Add another route?" until No (the default). With at least one route, `inputs.routes` holds them all — the
 * new ones in the order given, then the first function — and the single-function inputs are gone from the
 * top level (alb-fc.yaml names functions per route then). Returns whether any route was added.
 */
export async function askForRoutes(prompter: Prompter, inputs: ResolvedInputs, stack: string): Promise<boolean> {
  const added: RouteEntry[] = [];
  const ask = () =>
    prompter.confirm({
      message: 'Add another route (a function of its own for a host or path)?',
      flag: '--config',
      action: 'add routes',
      default: false,
    });
  while (await ask()) added.push(await askRoute(prompter, added, added.length));
  if (added.length === 0) return false;
  inputs.routes = [...added, firstRoute(inputs, stack)];
  return true;
}
