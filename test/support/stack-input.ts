// The stack the runner tests (in-memory cloud, test/support/harness.ts) and the integration tests (local
// cloud, test/integration/support/local-stack.ts) deploy: one function, its group, an HTTP:80 listener and
// a CNAME for api.example.com.
import type { RunnerEvent } from '../../src/runner/events.js';
import type { StackInput } from '../../src/stack-input.js';
import { LB_ID, REGION, ZONE } from './fake-cloud.js';

export const STACK = 'demo';
export const DOMAIN = `api.${ZONE}`;

/** The stack's input, in the in-memory cloud's region and on its load balancer unless `overrides` say otherwise. */
export function stackInput(overrides: Partial<StackInput> = {}): StackInput {
  return {
    stack: STACK,
    region: REGION,
    function: {
      mode: 'create',
      name: 'hello',
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: { kind: 'sample' },
      memorySize: 128,
      timeout: 10,
    },
    serverGroup: { name: 'hello-sg', healthCheck: false },
    loadBalancerId: LB_ID,
    listener: { port: 80, protocol: 'HTTP' },
    dns: { domain: DOMAIN, ttl: 600, force: false },
    waitTimeoutMs: 10 * 60_000,
    dnsTimeoutMs: 30_000,
    ...overrides,
  };
}

/** The events of one type, typed as such. */
export function eventsOf<T extends RunnerEvent['type']>(
  events: readonly RunnerEvent[],
  type: T,
): Extract<RunnerEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunnerEvent, { type: T }> => e.type === type);
}
