// The stack the runner tests (in-memory cloud, test/support/harness.ts) and the integration tests (local
// cloud, test/integration/support/local-stack.ts) deploy: one function, its group, an HTTP:80 listener and
// a CNAME for api.example.com.
import type { RunnerEvent } from '../../src/runner/events.js';
import type {
  BackendInput,
  ExistingFunctionInput,
  NewFunctionInput,
  RouteInput,
  StackInput,
} from '../../src/stack-input.js';
import { LB_ID, REGION, ZONE } from './fake-cloud.js';

export const STACK = 'demo';
export const DOMAIN = `api.${ZONE}`;

/**
 * What a test changes in the stack's input, at any depth: `{ function: { memorySize: 256 } }` keeps the rest of the
 * function. A value given whole replaces: `dns: undefined` (no DNS step), a function `{ mode: 'existing', arn }`.
 */
export interface StackInputOverrides extends Partial<Omit<StackInput, 'listener' | 'dns'>> {
  /** The single function (route `default`), unless `routes` are given. */
  function?: Partial<NewFunctionInput> | ExistingFunctionInput;
  serverGroup?: Partial<BackendInput['serverGroup']>;
  listener?: Partial<StackInput['listener']>;
  dns?: Partial<NonNullable<StackInput['dns']>> | undefined;
}

const DEFAULT_FUNCTION: NewFunctionInput = {
  mode: 'create',
  name: 'hello',
  runtime: 'nodejs20',
  handler: 'index.handler',
  code: { kind: 'sample' },
  memorySize: 128,
  timeout: 10,
};

function functionOf(override: StackInputOverrides['function']): BackendInput['function'] {
  if (override?.mode === 'existing') return override;
  return { ...DEFAULT_FUNCTION, ...override, mode: 'create' };
}

/** The stack's input, in the in-memory cloud's region and on its load balancer unless `overrides` say otherwise. */
export function stackInput(overrides: StackInputOverrides = {}): StackInput {
  const { function: fn, serverGroup, listener, dns, routes, ...rest } = overrides;
  const single: RouteInput = {
    name: 'default',
    backend: { function: functionOf(fn), serverGroup: { name: 'hello-sg', healthCheck: false, ...serverGroup } },
  };
  return {
    stack: STACK,
    region: REGION,
    loadBalancerId: LB_ID,
    waitTimeoutMs: 10 * 60_000,
    dnsTimeoutMs: 30_000,
    ...rest,
    routes: routes ?? [single],
    listener: { port: 80, protocol: 'HTTP', ...listener },
    dns: 'dns' in overrides && dns === undefined ? undefined : { domain: DOMAIN, ttl: 600, force: false, ...dns },
  };
}

/** The events of one type, typed as such. */
export function eventsOf<T extends RunnerEvent['type']>(
  events: readonly RunnerEvent[],
  type: T,
): Extract<RunnerEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunnerEvent, { type: T }> => e.type === type);
}

/** A route of the in-memory cloud's stack: its function `<name>` on the sample code, its group `<name>-sg`. */
export function route(
  name: string,
  match: Pick<RouteInput, 'host' | 'path'> = {},
  extra: Partial<RouteInput> = {},
): RouteInput {
  return {
    name,
    ...match,
    backend: {
      function: { ...DEFAULT_FUNCTION, name: `${STACK}-${name}` },
      serverGroup: { name: `${STACK}-${name}`, healthCheck: false },
    },
    ...extra,
  };
}

/** The single function of a stack's input (its route `default`). */
export function singleFunction(input: StackInput): BackendInput['function'] {
  return input.routes[0]!.backend.function;
}
