import { describe, expect, it } from 'vitest';
import type { RouteInput } from '../../src/stack-input.js';
import { shadows, validateRoutes } from '../../src/routes/validate.js';

function route(
  name: string,
  match: Partial<Pick<RouteInput, 'host' | 'path'>> = {},
  extra: Partial<RouteInput> = {},
): RouteInput {
  return {
    name,
    ...match,
    backend: {
      function: {
        mode: 'create',
        name: `default-${name}`,
        runtime: 'nodejs20',
        handler: 'index.handler',
        code: { kind: 'sample' },
        memorySize: 128,
        timeout: 10,
      },
      serverGroup: { name: `default-${name}`, healthCheck: false },
    },
    ...extra,
  };
}

describe('route validation', () => {
  it('accepts the issue example: two hosts, a path and a default', () => {
    const verdict = validateRoutes([
      route('users', { host: 'api.example.com', path: '/users/*' }),
      route('orders', { host: 'orders.example.com' }),
      route('web'),
    ]);
    expect(verdict).toEqual({ problems: [], warnings: [] });
  });

  it('names each bad value by route and key', () => {
    const { problems } = validateRoutes([
      route('Users', { host: 'api..example.com' }),
      route('orders', { path: 'orders' }),
    ]);
    expect(problems).toEqual([
      expect.stringContaining('routes[0] (Users).name'),
      expect.stringContaining('routes[0] (Users).host "api..example.com"'),
      expect.stringContaining('routes[1] (orders).path "orders" must start with "/"'),
    ]);
  });

  it('refuses two defaults, repeated names, duplicate and shadowed matches', () => {
    const { problems } = validateRoutes([
      route('a'),
      route('b'),
      route('c', { path: '/*' }),
      route('c', { path: '/users/*' }),
      route('e', { path: '/*' }),
    ]);
    expect(problems.join('\n')).toContain('only one route can be the default');
    expect(problems.join('\n')).toContain('routes[3] (c).name repeats routes[2]');
    expect(problems.join('\n')).toContain('routes[3] (c) (path /users/*) is never reached: routes[2] (c) (path /*)');
    expect(problems.join('\n')).toContain('routes[4] (e) matches path /*, exactly as routes[2]');
  });

  it('a host-only route is not shadowed by a path-only route of another host', () => {
    expect(shadows({ path: '/users/*' }, { host: 'api.example.com' })).toBe(false);
    expect(shadows({ host: '*.example.com' }, { host: 'api.example.com', path: '/x' })).toBe(true);
  });

  it('checks the canary weight and that two routes do not create one function', () => {
    const canary = route('users', { path: '/u' }, {});
    canary.canary = { backend: route('x').backend, weight: 100 };
    const { problems } = validateRoutes([canary, route('x', { path: '/x' })]);
    expect(problems.join('\n')).toContain(
      'routes[0] (users).canary.weight 100 must be a whole percent between 1 and 99',
    );
    expect(problems.join('\n')).toContain('routes[1] (x): function default-x is also created by route users');
  });

  it('warns when several routes leave no default', () => {
    expect(validateRoutes([route('a', { path: '/a' }), route('b', { path: '/b' })]).warnings).toEqual([
      expect.stringContaining('answered 404'),
    ]);
  });
});
