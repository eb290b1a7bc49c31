// The stack the runner tests (in-memory cloud, test/support/harness.ts) and the integration tests (local
// cloud, test/integration/support/local-stack.ts) deploy: one function, its group, an HTTP:80 listener and
// a CNAME for api.example.com.
import type { RunnerEvent } from '../../src/runner/events.js';
import type { ExistingFunctionInput, NewFunctionInput, StackInput } from '../../src/stack-input.js';
import { LB_ID, REGION, ZONE } from './fake-cloud.js';

export const STACK = 'demo';
export const DOMAIN = `api.${ZONE}`;

/**
 * What a test changes in the stack's input, at any depth: `{ function: { memorySize: 256 } }` keeps the rest of the
 * function. A value given whole replaces: `dns: undefined` (no DNS step), a function `{ mode: 'existing', arn }`.
 */
export interface StackInputOverrides extends Partial<
  Omit<StackInput, 'function' | 'serverGroup' | 'listener' | 'dns'>
> {
  function?: Partial<NewFunctionInput> | ExistingFunctionInput;
  serverGroup?: Partial<StackInput['serverGroup']>;
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

function functionOf(override: StackInputOverrides['function']): StackInput['function'] {
  if (override?.mode === 'existing') return override;
  return { ...DEFAULT_FUNCTION, ...override, mode: 'create' };
}

/** The stack's input, in the in-memory cloud's region and on its load balancer unless `overrides` say otherwise. */
export function stackInput(overrides: StackInputOverrides = {}): StackInput {
  const { function: fn, serverGroup, listener, dns, ...rest } = overrides;
  return {
    stack: STACK,
    region: REGION,
    loadBalancerId: LB_ID,
    waitTimeoutMs: 10 * 60_000,
    dnsTimeoutMs: 30_000,
    ...rest,
    function: functionOf(fn),
    serverGroup: { name: 'hello-sg', healthCheck: false, ...serverGroup },
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
