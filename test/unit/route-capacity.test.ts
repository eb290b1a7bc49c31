// Capacity keys in `routes:` (issue 10 beside issue 9): each route's function takes its own cpu, instance
// concurrency, reserved concurrency and provisioned instances, starting from the top-level values; what FC would
// refuse, or a function alb-fc would never change, is named by route and key before anything runs.
import { describe, expect, it } from 'vitest';
import { parseRoutes } from '../../src/cli/route-config.js';
import type { NewFunctionInput } from '../../src/stack-input.js';

const defaults = {
  stack: 'demo',
  runtime: 'nodejs20',
  handler: 'index.handler',
  memory: 512,
  timeout: 10,
  healthCheck: false,
  capacity: { reservedConcurrency: 4 },
};
const given = { given: () => false };

function refusal(routes: unknown): string {
  try {
    parseRoutes(routes, '/p/alb-fc.yaml', defaults, given);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the routes were accepted');
}

describe('capacity keys of a route', () => {
  it("set the route's function, the canary's its own; the top-level values are the defaults", () => {
    const { routes } = parseRoutes(
      [
        {
          name: 'users',
          path: '/users/*',
          cpu: 0.35,
          'reserved-concurrency': 8,
          'provisioned-instances': 2,
          canary: { weight: 10 },
        },
        { name: 'web' },
      ],
      '/p/alb-fc.yaml',
      defaults,
      given,
    );
    const fn = (index: number) => routes[index]!.backend.function as NewFunctionInput;
    expect(fn(0)).toMatchObject({ cpu: 0.35, reservedConcurrency: 8, provisionedInstances: 2 });
    expect(routes[0]!.canary!.backend.function).toMatchObject({ reservedConcurrency: 4 });
    expect(routes[0]!.canary!.backend.function).not.toHaveProperty('cpu');
    expect(fn(1)).toMatchObject({ reservedConcurrency: 4 });
  });

  it('names each value FC would refuse, and capacity for a function alb-fc did not create', () => {
    const message = refusal([
      { name: 'users', path: '/u/*', cpu: 2, memory: 128 },
      { name: 'orders', path: '/o/*', 'instance-concurrency': 300 },
      { name: 'web', 'function-arn': 'acs:fc:cn-hangzhou:1:functions/web', 'reserved-concurrency': 3 },
    ]);
    expect(message).toContain('routes[0].cpu 2 does not fit 128 MB of memory');
    expect(message).toMatch(/routes\[1\]\.instance-concurrency "?300"?/);
    expect(message).toContain(
      'routes[2].reserved-concurrency cannot be used with function-arn: alb-fc never changes that function',
    );
  });
});
