import { describe, expect, it } from 'vitest';
import { dagLevels } from '../../src/lib/dag.js';
import { buildGraph, cnameHosts } from '../../src/steps/deploy-graph.js';
import { stepInputOf } from '../../src/steps/step-input.js';
import { route, stackInput } from '../support/stack-input.js';

const three = stackInput({
  routes: [
    route('users', { host: 'api.example.com', path: '/users/*' }),
    route('orders', { host: 'orders.example.com' }),
    route('web'),
  ],
});

describe('the deploy graph of routes', () => {
  it('keeps the bare step ids for the single function: a state from before routes needs no renaming', () => {
    expect(buildGraph(stackInput()).map((n) => n.id)).toEqual([
      'function',
      'serverGroup',
      'server',
      'listener',
      'dnsRecord',
    ]);
  });

  it('has a backend per route, one listener on the default route, a rule per other route, a CNAME per host', () => {
    const ids = buildGraph(three).map((n) => n.id);
    expect(ids).toEqual([
      'function:users',
      'serverGroup:users',
      'server:users',
      'function:orders',
      'serverGroup:orders',
      'server:orders',
      'function:web',
      'serverGroup:web',
      'server:web',
      'listener',
      'rule:users',
      'rule:orders',
      'dnsRecord',
      'dnsRecord:orders.example.com',
    ]);
    const listener = buildGraph(three).find((n) => n.id === 'listener');
    expect(listener?.needs).toEqual(['serverGroup:web']);
  });

  it('runs every route side by side, each rule once its function is in its group', () => {
    const levels = dagLevels(buildGraph(three));
    expect(levels[0]).toEqual(expect.arrayContaining(['function:users', 'serverGroup:orders', 'dnsRecord']));
    expect(levels[1]).toEqual(expect.arrayContaining(['server:users', 'listener']));
    expect(levels[2]).toEqual(['rule:users', 'rule:orders']);
  });

  it('without a default route: the listener points at the first route, a catch-all answers 404 after every rule', () => {
    const graph = buildGraph(stackInput({ routes: [route('a', { path: '/a/*' }), route('b', { path: '/b/*' })] }));
    expect(graph.find((n) => n.id === 'listener')?.needs).toEqual(['serverGroup:a']);
    const fallback = graph.find((n) => n.id === 'rule:_fallback')?.spec;
    expect(fallback).toMatchObject({ kind: 'rule', order: 2, action: { type: 'fixed-response', status: 404 } });
  });

  it('a canary is a second backend; its route forwards to both groups by weight (a default route through a catch-all rule)', () => {
    const web = route('web');
    web.canary = { backend: route('web-next').backend, weight: 25 };
    const graph = buildGraph(stackInput({ routes: [route('users', { path: '/u/*' }), web] }));
    expect(graph.map((n) => n.id)).toContain('function:web/canary');
    expect(graph.find((n) => n.id === 'rule:web')?.spec).toMatchObject({
      order: 2,
      action: {
        type: 'forward',
        targets: [
          { serverGroup: 'serverGroup:web', weight: 75 },
          { serverGroup: 'serverGroup:web/canary', weight: 25 },
        ],
      },
    });
  });

  it('CNAMEs: the domain first, each host once, `*.zone` as a wildcard record, other wildcards left to the user', () => {
    const input = stackInput({
      routes: [
        route('a', { host: '*.example.com' }),
        route('b', { host: 'api-?.example.com' }),
        route('c', { host: 'api.example.com' }),
      ],
    });
    expect(cnameHosts(input)).toEqual({ hosts: ['api.example.com', '*.example.com'], skipped: ['api-?.example.com'] });
    expect(cnameHosts(stackInput({ dns: undefined }))).toEqual({ hosts: [], skipped: [] });
  });

  it("gives each step its own backend and host as the input's function, group and domain", () => {
    const node = buildGraph(three).find((n) => n.id === 'dnsRecord:orders.example.com');
    expect(stepInputOf(three, node).dns?.domain).toBe('orders.example.com');
    const fn = buildGraph(three).find((n) => n.id === 'function:orders');
    expect(stepInputOf(three, fn).function).toMatchObject({ name: 'demo-orders' });
    // The lookup and the test see the default route's.
    expect(stepInputOf(three).function).toMatchObject({ name: 'demo-web' });
  });
});
