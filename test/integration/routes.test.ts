// Several functions on one listener (issue 9), through the official SDK clients and the local cloud: each
// host/path reaches its own function; a second deploy changes nothing; adding a route creates only its
// resources; changing a match updates its rule in place; removing a route deletes what it had and sends its
// traffic to the default route; a canary splits a route by weight; destroy leaves nothing.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { recordOf, type StackState, type StepOutputs } from '../../src/state/schema.js';
import type { InstanceId } from '../../src/state/instance-ids.js';
import { describeReport } from '../support/invariants.js';
import { tempDir } from '../support/temp-dir.js';
import { expectNothingLeft } from './support/expectations.js';
import { STACK, useLocalStack } from './support/local-stack.js';
import { codeRoute, functionOf, request, threeRoutes } from './support/routes.js';

function outputs<K extends keyof StepOutputs>(
  state: StackState | undefined,
  id: InstanceId<K>,
): StepOutputs[K] | undefined {
  return state ? recordOf(state, id)?.outputs : undefined;
}

describe('routes on one ALB (real SDK, local cloud)', () => {
  const stack = useLocalStack();

  it('deploys three routes: each host and path answers from its own function, the rest from the default', async () => {
    const routes = await threeRoutes(await tempDir('alb-fc-routes-'));
    const { result } = await stack.process((deps) => deploy(stack.input({ routes }), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(await request(stack, 'api.example.com', '/users/42')).toBe('200 hello from users');
    expect(await request(stack, 'orders.example.com', '/anything')).toBe('200 hello from orders');
    expect(await request(stack, 'api.example.com', '/other')).toBe('200 hello from web');
    expect(await request(stack, 'api.example.com')).toBe('200 hello from web');
    // Every route was tested, through its own host and a path its pattern takes.
    expect(result.test?.routes?.map((r) => [r.route, r.ok, r.body])).toEqual([
      ['web', true, 'hello from web'],
      ['users', true, 'hello from users'],
      ['orders', true, 'hello from orders'],
    ]);
    const inv = await stack.inventory();
    expect(inv.functions).toEqual(['users', 'orders', 'web'].map(functionOf).sort());
    expect(inv.groups).toHaveLength(3);
    expect(inv.servers).toHaveLength(3);
    expect(inv.listeners).toHaveLength(1);
    // The default route is the listener's default action: two rules, in the file's order.
    expect(await stack.rulePriorities()).toEqual([10, 20]);
    expect(inv.records).toEqual([
      `api.example.com CNAME ${stack.loadBalancer.dnsName}`,
      `orders.example.com CNAME ${stack.loadBalancer.dnsName}`,
    ]);
    expect(result.resources.routes?.['users']?.rule?.action).toBe('created');

    const before = stack.mutations().length;
    const again = await stack.process((deps) => deploy(stack.input({ routes }), deps));
    expect(again.result.status, describeReport(again.result)).toBe('no_changes');
    expect(stack.mutations().slice(before)).toEqual([]);
  });

  it('adds a route with only its own resources, and changes a match in place', async () => {
    const dir = await tempDir('alb-fc-routes-');
    const routes = await threeRoutes(dir);
    await stack.process((deps) => deploy(stack.input({ routes }), deps));
    const rulesBefore = outputs(await stack.state(), 'rule:users');

    const admin = await codeRoute(dir, 'admin', { path: '/admin/*' });
    const withAdmin = [...routes.slice(0, 2), admin, ...routes.slice(2)];
    const before = stack.mutations().length;
    const added = await stack.process((deps) => deploy(stack.input({ routes: withAdmin }), deps));
    expect(added.result.exitCode, describeReport(added.result)).toBe(0);
    expect(stack.mutations().slice(before).sort()).toEqual(
      ['AddServersToServerGroup', 'CreateFunction', 'CreateRule', 'CreateServerGroup'].sort(),
    );
    expect(await request(stack, 'any.example.com', '/admin/panel')).toBe('200 hello from admin');
    expect(outputs(await stack.state(), 'rule:admin')?.priority).toBe(30);

    const moved = withAdmin.map((r) => (r.name === 'users' ? { ...r, path: '/people/*' } : r));
    const mark = stack.mutations().length;
    const changed = await stack.process((deps) => deploy(stack.input({ routes: moved }), deps));
    expect(changed.result.exitCode, describeReport(changed.result)).toBe(0);
    expect(stack.mutations().slice(mark)).toEqual(['UpdateRuleAttribute']);
    expect(outputs(await stack.state(), 'rule:users')?.id).toBe(rulesBefore?.id);
    expect(await request(stack, 'api.example.com', '/people/1')).toBe('200 hello from users');
    expect(await request(stack, 'api.example.com', '/users/1')).toBe('200 hello from web');
  });

  it('removing a route deletes its rule, CNAME, membership, group and function; its traffic goes to the default', async () => {
    const routes = await threeRoutes(await tempDir('alb-fc-routes-'));
    await stack.process((deps) => deploy(stack.input({ routes }), deps));
    const without = routes.filter((r) => r.name !== 'orders');
    const { result } = await stack.process((deps) => deploy(stack.input({ routes: without }), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.resources.routes?.['orders']).toMatchObject({
      rule: { action: 'deleted' },
      server: { action: 'deleted' },
      serverGroup: { action: 'deleted' },
      function: { action: 'deleted' },
    });
    expect(result.resources.dnsRecords?.['orders.example.com']?.action).toBe('deleted');
    const inv = await stack.inventory();
    expect(inv.functions).toEqual(['users', 'web'].map(functionOf).sort());
    expect(inv.groups).toHaveLength(2);
    expect(await stack.rulePriorities()).toHaveLength(1);
    expect(inv.records).toEqual([`api.example.com CNAME ${stack.loadBalancer.dnsName}`]);
    expect(await request(stack, 'orders.example.com')).toBe('200 hello from web');
    expect(Object.keys((await stack.state())?.steps ?? {}).filter((id) => id.includes('orders'))).toEqual([]);
  });

  it('a canary takes its share of a route through one rule forwarding to two groups by weight', async () => {
    const dir = await tempDir('alb-fc-routes-');
    const [users, , web] = await threeRoutes(dir);
    const canary = await codeRoute(dir, 'users-v2');
    const routes = [{ ...users!, canary: { backend: canary.backend, weight: 10 } }, web!];
    const { result } = await stack.process((deps) => deploy(stack.input({ routes }), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    const state = await stack.state();
    const groups = [outputs(state, 'serverGroup:users')?.id, outputs(state, 'serverGroup:users/canary')?.id];
    expect(outputs(state, 'rule:users')?.targets).toEqual([
      { serverGroupId: groups[0], weight: 90 },
      { serverGroupId: groups[1], weight: 10 },
    ]);
    expect(result.resources.routes?.['users']?.canary?.function?.name).toBe(functionOf('users-v2'));

    // Promoting the canary to half the traffic is one rule update, nothing else.
    const mark = stack.mutations().length;
    const half = [{ ...routes[0]!, canary: { backend: canary.backend, weight: 50 } }, web!];
    const updated = await stack.process((deps) => deploy(stack.input({ routes: half }), deps));
    expect(updated.result.exitCode, describeReport(updated.result)).toBe(0);
    expect(stack.mutations().slice(mark)).toEqual(['UpdateRuleAttribute']);
  });

  it('without a default route, what no route matches is answered 404 by a catch-all rule; destroy leaves nothing', async () => {
    const dir = await tempDir('alb-fc-routes-');
    const routes = [
      await codeRoute(dir, 'users', { path: '/users/*' }),
      await codeRoute(dir, 'orders', { path: '/orders/*' }),
    ];
    const { result } = await stack.process((deps) => deploy(stack.input({ routes }), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(await request(stack, 'api.example.com', '/orders/7')).toBe('200 hello from orders');
    expect(await request(stack, 'api.example.com', '/elsewhere')).toMatch(/^404 /);
    expect(result.resources.fallbackRule?.action).toBe('created');

    const gone = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(gone.result.exitCode, describeReport(gone.result)).toBe(0);
    await expectNothingLeft(stack, 'after destroy');
  });
});
