// The stack's picture as a pure function: from the state's records (and what a run acted on, or read live) to
// host → listener → route → server group → function, each resource with its mark.
import { describe, expect, it } from 'vitest';
import type { StatusEntry, StepReport } from '../../src/runner/report.js';
import { stackTree, type Acted } from '../../src/runner/stack-tree.js';
import type { AnyStepRecord, LookupOutputs, StepOutputs } from '../../src/state/schema.js';

const AT = '2026-01-01T00:00:00.000Z';
const LOOKUP: LookupOutputs = { loadBalancerId: 'alb-1', dnsName: 'alb-1.example.net', addressType: 'Internet' };
const ARN = (name: string) => `acs:fc:cn-hangzhou:1:functions/${name}`;

function ready<K extends keyof StepOutputs>(outputs: StepOutputs[K], owned = true): AnyStepRecord {
  return { status: 'ready', owned, outputs, updatedAt: AT } as AnyStepRecord;
}

/** The records of one backend: its function, its group, the membership. */
function backend(suffix: string, fn: string, group: string): Record<string, AnyStepRecord> {
  return {
    [`function${suffix}`]: ready<'function'>({ name: fn, arn: ARN(fn), mode: 'create' }),
    [`serverGroup${suffix}`]: ready<'serverGroup'>({ id: group, name: fn }),
    [`server${suffix}`]: ready<'server'>({ serverGroupId: group, functionArn: ARN(fn) }),
  };
}

function listener(group: string): Record<string, AnyStepRecord> {
  return { listener: ready<'listener'>({ id: 'lsn-1', loadBalancerId: 'alb-1', port: 80, serverGroupId: group }) };
}

function cname(id: string, domain: string): AnyStepRecord {
  return ready<'dnsRecord'>({
    recordId: id,
    zone: 'example.com',
    rr: domain.split('.')[0]!,
    domain,
    value: 'x',
    ttl: 600,
  });
}

function rule(
  id: string,
  priority: number,
  match: { host?: string; path?: string },
  targets: Array<{ serverGroupId: string; weight: number }>,
  fixedStatus?: number,
): AnyStepRecord {
  return ready<'rule'>({
    id,
    listenerId: 'lsn-1',
    name: id,
    priority,
    ...match,
    targets,
    ...(fixedStatus ? { fixedStatus } : {}),
  });
}

/** The three routes: users (host and path), orders (host), web (the default). */
const threeRoutes: Record<string, AnyStepRecord> = {
  ...backend(':users', 'default-users', 'sgp-u'),
  ...backend(':orders', 'default-orders', 'sgp-o'),
  ...backend(':web', 'default-web', 'sgp-w'),
  ...listener('sgp-w'),
  'rule:orders': rule('rule-o', 20, { host: 'orders.example.com' }, [{ serverGroupId: 'sgp-o', weight: 100 }]),
  'rule:users': rule('rule-u', 10, { host: 'api.example.com', path: '/users/*' }, [
    { serverGroupId: 'sgp-u', weight: 100 },
  ]),
  'dnsRecord:orders.example.com': cname('r-o', 'orders.example.com'),
  'dnsRecord:api.example.com': cname('r-a', 'api.example.com'),
  dnsRecord: cname('r-h', 'hello.example.com'),
};

function present(step: string, extra: Partial<StatusEntry> = {}): StatusEntry {
  return { step: step as StatusEntry['step'], title: step, state: 'present', details: [], ...extra };
}

describe('stackTree', () => {
  it('draws the single function: its domain, the listener, the default action to its group and function', () => {
    const tree = stackTree({
      records: { ...backend('', 'hello', 'sgp-1'), ...listener('sgp-1'), dnsRecord: cname('r-1', 'api.example.com') },
      lookup: LOOKUP,
    });
    expect(tree.hosts).toEqual([{ host: 'api.example.com', resource: 'dnsRecord', id: 'r-1' }]);
    expect(tree.alb).toEqual({ resource: 'lookup', id: 'alb-1', dnsName: 'alb-1.example.net' });
    expect(tree.listener).toMatchObject({ resource: 'listener', id: 'lsn-1', port: 80 });
    expect(tree.listener.routes).toEqual([
      {
        route: 'default',
        default: true,
        backends: [
          {
            canary: false,
            serverGroup: { resource: 'serverGroup', id: 'sgp-1' },
            server: { resource: 'server', id: `sgp-1/${ARN('hello')}` },
            function: { name: 'hello', resource: 'function', id: ARN('hello') },
          },
        ],
      },
    ]);
    expect(tree.retired).toEqual([]);
  });

  it('puts the routes in match order (priority, the default last) with their match, and the domain first', () => {
    const tree = stackTree({ records: threeRoutes, lookup: LOOKUP });
    expect(tree.hosts.map((h) => h.host)).toEqual(['hello.example.com', 'api.example.com', 'orders.example.com']);
    const routes = tree.listener.routes;
    expect(routes.map((r) => [r.route, r.priority, r.default])).toEqual([
      ['users', 10, false],
      ['orders', 20, false],
      ['web', undefined, true],
    ]);
    expect(routes[0]).toMatchObject({ host: 'api.example.com', path: '/users/*', rule: { id: 'rule-u' } });
    expect(routes[1]).toMatchObject({ host: 'orders.example.com', rule: { resource: 'rule:orders' } });
    expect(routes[1]?.path).toBeUndefined();
    // A rule forwards with a weight; the listener's default action takes none.
    expect(routes[0]?.backends.map((b) => [b.weight, b.serverGroup?.id, b.function?.name])).toEqual([
      [100, 'sgp-u', 'default-users'],
    ]);
    expect(routes[2]?.backends.map((b) => [b.weight, b.serverGroup?.id, b.function?.name])).toEqual([
      [undefined, 'sgp-w', 'default-web'],
    ]);
  });

  it('splits a route with a canary into two weighted backends', () => {
    const tree = stackTree({
      records: {
        ...threeRoutes,
        ...backend(':users/canary', 'default-users-canary', 'sgp-c'),
        'rule:users': rule('rule-u', 10, { path: '/users/*' }, [
          { serverGroupId: 'sgp-u', weight: 90 },
          { serverGroupId: 'sgp-c', weight: 10 },
        ]),
      },
    });
    const users = tree.listener.routes.find((r) => r.route === 'users');
    expect(users?.backends.map((b) => [b.canary, b.weight, b.function?.name])).toEqual([
      [false, 90, 'default-users'],
      [true, 10, 'default-users-canary'],
    ]);
  });

  it('shows the catch-all 404 last when no route is the default, and the first route by its rule', () => {
    const records = { ...threeRoutes };
    for (const id of ['function:web', 'serverGroup:web', 'server:web']) delete records[id];
    Object.assign(records, listener('sgp-u'), {
      'rule:_fallback': rule('rule-f', 30, {}, [], 404),
    });
    const routes = stackTree({ records }).listener.routes;
    expect(routes.map((r) => [r.route, r.default])).toEqual([
      ['users', false],
      ['orders', false],
      ['_fallback', true],
    ]);
    expect(routes[2]).toMatchObject({ fixedResponse: 404, priority: 30, backends: [] });
  });

  it('marks each resource with its live state, the ALB included, and says why one drifted', () => {
    const live: StatusEntry[] = [
      present('lookup', { id: 'alb-1', status: 'Active' }),
      present('listener', { status: 'Running' }),
      present('function:users', { state: 'drifted', details: ['memory 128 MB, deployed 256 MB'] }),
      present('dnsRecord:api.example.com', { state: 'missing', details: ['record r-a does not exist'] }),
      present('rule:users', { state: 'retired', id: 'rule-old' }),
      present('rule:users'),
    ];
    const tree = stackTree({ records: threeRoutes, lookup: LOOKUP, live });
    expect(tree.alb).toMatchObject({ state: 'present', status: 'Active' });
    expect(tree.listener).toMatchObject({ state: 'present', status: 'Running' });
    expect(tree.hosts[1]).toMatchObject({ host: 'api.example.com', state: 'missing' });
    const users = tree.listener.routes[0]!;
    // The retired row of an instance is not its live state.
    expect(users.rule?.state).toBe('present');
    expect(users.backends[0]?.function).toMatchObject({
      state: 'drifted',
      details: ['memory 128 MB, deployed 256 MB'],
    });
    expect(users.backends[0]?.serverGroup?.state).toBeUndefined();
  });

  it('keeps what a run deleted (no longer recorded) and marks failed and blocked steps', () => {
    const records = { ...threeRoutes };
    const acted = new Map<string, Acted>();
    for (const id of ['rule:orders', 'function:orders', 'serverGroup:orders', 'server:orders']) {
      acted.set(id, { outputs: records[id]!.outputs!, action: 'deleted' });
      delete records[id];
    }
    acted.set('listener', { outputs: records['listener']!.outputs!, action: 'unchanged' });
    const steps: StepReport[] = [
      { step: 'lookup', title: 'Lookup', outcome: 'done', action: 'unchanged' },
      { step: 'function:users', title: 'FC function users', outcome: 'failed' },
      { step: 'rule:users', title: 'Forwarding rule users', outcome: 'blocked' },
      { step: 'serverGroup:users', title: 'Server group users', outcome: 'done', action: 'updated' },
    ];
    const tree = stackTree({ records, lookup: LOOKUP, acted, steps });
    const orders = tree.listener.routes.find((r) => r.route === 'orders');
    expect(orders).toMatchObject({ priority: 20, host: 'orders.example.com', rule: { action: 'deleted' } });
    expect(orders?.backends[0]?.function).toMatchObject({ name: 'default-orders', action: 'deleted' });
    const users = tree.listener.routes.find((r) => r.route === 'users');
    expect(users?.rule?.action).toBe('blocked');
    expect(users?.backends[0]?.function?.action).toBe('failed');
    expect(users?.backends[0]?.serverGroup?.action).toBe('updated');
    expect(tree.listener.action).toBe('unchanged');
    // The ALB is not the stack's: a deploy's lookup marks nothing.
    expect(tree.alb?.action).toBeUndefined();
  });

  it('places an interrupted create (no outputs yet) by its id, and lists what an update replaced', () => {
    const records: Record<string, AnyStepRecord> = {
      ...backend('', 'hello', 'sgp-1'),
      listener: {
        status: 'ready',
        owned: false,
        outputs: { id: 'lsn-2', loadBalancerId: 'alb-1', port: 8080, serverGroupId: 'sgp-1' },
        retired: [{ id: 'lsn-1', loadBalancerId: 'alb-1', port: 80, serverGroupId: 'sgp-1' }],
        updatedAt: AT,
      },
      'function:users': {
        status: 'pending',
        owned: true,
        intent: { clientToken: 't', request: { name: 'demo-users' }, at: AT, seq: 0 },
        updatedAt: AT,
      },
    };
    const live = [present('function:users', { state: 'pending' }), present('listener', { state: 'retired' })];
    const tree = stackTree({ records, live });
    expect(tree.listener).toMatchObject({ id: 'lsn-2', port: 8080, owned: false });
    expect(tree.retired).toEqual([{ resource: 'listener', id: 'lsn-1', state: 'retired' }]);
    const users = tree.listener.routes.find((r) => r.route === 'users');
    expect(users?.default).toBe(false);
    expect(users?.backends).toEqual([{ canary: false, function: { resource: 'function:users', state: 'pending' } }]);
    expect(tree.hosts).toEqual([]);
    expect(tree.alb).toBeUndefined();
  });
});
