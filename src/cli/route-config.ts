import { dirname, resolve } from 'node:path';
import { usageError } from '../errors.js';
import { validateRoutes } from '../routes/validate.js';
import type { BackendInput, CodeSource, FunctionCapacity, NewFunctionInput, RouteInput } from '../stack-input.js';
import { capacityProblems, type CapacityField } from '../steps/capacity-rules.js';
import { INPUTS, parseInput, type InputName, type InputValues } from './input-definitions.js';

// `routes:` in alb-fc.yaml — several functions on one listener, each matched by host and/or path:
//
//   routes:
//     - name: users              # names its function (<stack>-<name>) and server group
//       host: api.example.com    # optional: exact or *.wildcard
//       path: /users/*           # optional: an ALB path pattern
//       code: ./users            # or function-arn; also runtime, handler, memory, timeout, function-name,
//                                # cpu, instance-concurrency, reserved-concurrency, provisioned-instances, …
//       canary:                  # optional: a second function taking `weight` percent of this route
//         code: ./users-v2
//         weight: 10
//     - name: web                # neither host nor path: the default route
//       code: ./web
//
// Each value is parsed by the same definition as its flag (src/cli/input-definitions.ts); the whole file is
// checked, every problem named by route and key, before anything is read from or written to the cloud.

/** What a route (and its canary) may say about its function and server group, with the input that parses it. */
const BACKEND_KEYS = {
  code: 'code',
  'function-arn': 'functionArn',
  'function-name': 'functionName',
  runtime: 'runtime',
  handler: 'handler',
  memory: 'memory',
  timeout: 'timeout',
  'server-group-name': 'serverGroupName',
  'health-check': 'healthCheck',
  cpu: 'cpu',
  'instance-concurrency': 'instanceConcurrency',
  'reserved-concurrency': 'reservedConcurrency',
  'provisioned-instances': 'provisionedInstances',
} as const satisfies Record<string, InputName>;

/** A function's capacity, by the key that sets it (src/steps/capacity-rules.ts says why each range). */
const CAPACITY_KEYS: Record<CapacityField, string> = {
  memorySize: 'memory',
  cpu: 'cpu',
  instanceConcurrency: 'instance-concurrency',
  reservedConcurrency: 'reserved-concurrency',
  provisionedInstances: 'provisioned-instances',
};

const ROUTE_KEYS = ['name', 'host', 'path', 'priority', 'canary', ...Object.keys(BACKEND_KEYS)];
const CANARY_KEYS = ['weight', ...Object.keys(BACKEND_KEYS)];

/** Top-level values that name one function: with `routes:`, each route names its own. */
export const SINGLE_FUNCTION_INPUTS: InputName[] = ['code', 'functionArn', 'functionName', 'serverGroupName'];

export interface RouteDefaults {
  stack: string;
  runtime: string;
  handler: string;
  memory: number;
  timeout: number;
  healthCheck: boolean;
  /** The top-level capacity values (flags, env, alb-fc.yaml): each function alb-fc creates starts from them. */
  capacity: FunctionCapacity;
}

type Backendish = Partial<Record<keyof typeof BACKEND_KEYS, unknown>>;

class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    this.list.push(message);
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function codeSource(path: string): CodeSource {
  return path.toLowerCase().endsWith('.zip') ? { kind: 'zip', path } : { kind: 'dir', path };
}

function backendOf(
  raw: Backendish,
  where: string,
  names: { function: string; group: string },
  baseDir: string,
  defaults: RouteDefaults,
  problems: Problems,
): BackendInput {
  const values: InputValues = {};
  for (const [key, name] of Object.entries(BACKEND_KEYS) as Array<[keyof typeof BACKEND_KEYS, InputName]>) {
    let value = raw[key];
    if (value === undefined || value === null) continue;
    // Code paths in alb-fc.yaml are relative to the file, as a reader of the file expects.
    if (key === 'code' && typeof value === 'string') value = resolve(baseDir, value);
    const parsed = parseInput(name, value);
    if (parsed.error) problems.add(`${where}.${key} ${JSON.stringify(raw[key])} ${parsed.error}`);
    else Object.assign(values, { [name]: parsed.value });
  }
  if (values.code !== undefined && values.functionArn !== undefined) {
    problems.add(`${where}: give code or function-arn, not both`);
  }
  const capacity = (Object.keys(CAPACITY_KEYS) as CapacityField[]).filter(
    (field) => field !== 'memorySize' && values[field] !== undefined,
  );
  let fn: BackendInput['function'];
  if (values.functionArn) {
    // alb-fc never changes a function it did not create: capacity for one would silently not happen.
    for (const field of capacity) {
      problems.add(
        `${where}.${CAPACITY_KEYS[field]} cannot be used with function-arn: alb-fc never changes that function`,
      );
    }
    fn = { mode: 'existing', arn: values.functionArn };
  } else {
    const code: CodeSource = values.code === undefined ? { kind: 'sample' } : codeSource(values.code);
    fn = newFunctionInput(values, defaults, values.functionName ?? names.function, code);
    // Values each fine alone can still clash (cpu against memory, instance concurrency against the runtime).
    for (const problem of capacityProblems(fn)) {
      problems.add(`${where}.${CAPACITY_KEYS[problem.field]} ${String(fn[problem.field])} ${problem.message}`);
    }
  }
  return {
    function: fn,
    serverGroup: {
      name: values.serverGroupName ?? names.group,
      healthCheck: values.healthCheck ?? defaults.healthCheck,
    },
  };
}

/** A function alb-fc creates: the values given (flags, or a route's keys) over the defaults. */
export function newFunctionInput(
  values: InputValues,
  defaults: RouteDefaults,
  name: string,
  code: CodeSource,
): NewFunctionInput {
  return {
    mode: 'create',
    name,
    runtime: values.runtime ?? defaults.runtime,
    handler: values.handler ?? defaults.handler,
    code,
    memorySize: values.memory ?? defaults.memory,
    timeout: values.timeout ?? defaults.timeout,
    ...defaults.capacity,
    ...capacityOf(values),
  };
}

/** The capacity values given (flags, env, a route's keys): those left out are FC's to choose. */
export function capacityOf(values: InputValues): FunctionCapacity {
  return {
    ...(values.cpu === undefined ? {} : { cpu: values.cpu }),
    ...(values.instanceConcurrency === undefined ? {} : { instanceConcurrency: values.instanceConcurrency }),
    ...(values.reservedConcurrency === undefined ? {} : { reservedConcurrency: values.reservedConcurrency }),
    ...(values.provisionedInstances === undefined ? {} : { provisionedInstances: values.provisionedInstances }),
  };
}

function unknownKeys(raw: Record<string, unknown>, known: readonly string[], where: string, problems: Problems): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) problems.add(`${where}: unknown key "${key}" (known: ${known.join(', ')})`);
  }
}

function stringOf(raw: Record<string, unknown>, key: string, where: string, problems: Problems): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(`${where}.${key} must be text`);
    return undefined;
  }
  return value.trim();
}

function integerOf(raw: Record<string, unknown>, key: string, where: string, problems: Problems): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(number)) {
    problems.add(`${where}.${key} ${JSON.stringify(value)} must be a whole number`);
    return undefined;
  }
  return number;
}

/**
 * The routes of alb-fc.yaml, parsed and validated as a whole. `file` names the config file in messages; code paths
 * are relative to it.
 */
export function parseRoutes(
  raw: unknown,
  file: string,
  defaults: RouteDefaults,
  topLevel: { given: (name: InputName) => boolean },
): { routes: RouteInput[]; warnings: string[] } {
  const problems = new Problems();
  const baseDir = dirname(file);
  for (const name of SINGLE_FUNCTION_INPUTS) {
    if (topLevel.given(name)) {
      problems.add(
        `${file}: ${INPUTS[name].key} names one function, but the file has routes: set ${INPUTS[name].key} on each route`,
      );
    }
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw usageError('INVALID_ROUTES', `${file}: routes must be a list of routes, each with at least a name`);
  }
  const routes: RouteInput[] = [];
  raw.forEach((entry, index) => {
    const where = `${file}: routes[${index}]`;
    if (!isMapping(entry)) {
      problems.add(`${where} must be a mapping (name:, host:, path:, code:, …)`);
      return;
    }
    unknownKeys(entry, ROUTE_KEYS, where, problems);
    const name = stringOf(entry, 'name', where, problems) ?? '';
    if (name === '') problems.add(`${where}.name is required`);
    const host = stringOf(entry, 'host', where, problems)?.toLowerCase();
    const path = stringOf(entry, 'path', where, problems);
    const priority = integerOf(entry, 'priority', where, problems);
    const own = `${defaults.stack}-${name}`;
    const route: RouteInput = {
      name,
      ...(host ? { host } : {}),
      ...(path ? { path } : {}),
      ...(priority !== undefined ? { priority } : {}),
      backend: backendOf(entry, where, { function: own, group: own }, baseDir, defaults, problems),
    };
    const canary = entry['canary'];
    if (canary !== undefined && canary !== null) {
      if (!isMapping(canary)) problems.add(`${where}.canary must be a mapping (code: or function-arn:, weight:)`);
      else {
        unknownKeys(canary, CANARY_KEYS, `${where}.canary`, problems);
        const weight = integerOf(canary, 'weight', `${where}.canary`, problems);
        if (weight === undefined) problems.add(`${where}.canary.weight is required (percent of the route, 1-99)`);
        const names = { function: `${own}-canary`, group: `${own}-canary` };
        route.canary = {
          backend: backendOf(canary, `${where}.canary`, names, baseDir, defaults, problems),
          weight: weight ?? 0,
        };
      }
    }
    routes.push(route);
  });
  const verdict = validateRoutes(routes);
  for (const problem of verdict.problems) problems.add(`${file}: ${problem}`);
  if (problems.list.length > 0) {
    throw usageError(
      'INVALID_ROUTES',
      problems.list.length === 1 ? problems.list[0]! : `invalid routes:\n  - ${problems.list.join('\n  - ')}`,
      'Fix alb-fc.yaml and run the command again; nothing was changed.',
    );
  }
  return { routes, warnings: verdict.warnings };
}
