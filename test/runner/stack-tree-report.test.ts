// The stack's picture in the reports of deploy, status and destroy, for a stack with routes on the in-memory
// cloud: what the runner hands the renderers and the --json document.
import { describe, expect, it } from 'vitest';
import { deploy, destroy, plan, status } from '../../src/runner/engine.js';
import { toResultDocument } from '../../src/runner/result-document.js';
import type { StackTree } from '../../src/runner/stack-tree.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport } from '../support/invariants.js';
import { route } from '../support/stack-input.js';

const users = route('users', { host: 'users.example.com', path: '/users/*' });
const orders = route('orders', { host: 'orders.example.com' });
const web = route('web');

/** Each route as `name priority → function (weight)`, in the tree's order. */
function picture(tree: StackTree | undefined): string[] {
  return (tree?.listener.routes ?? []).map(
    (r) =>
      `${r.route} ${r.priority ?? '-'} → ${r.backends.map((b) => `${b.function?.name}${b.weight ? ` ${b.weight}%` : ''}`).join(', ')}`,
  );
}

describe('the tree of a stack with routes', () => {
  it('comes with a deploy, marked with what the run did, and goes into the --json document as is', async () => {
    const h = new Harness();
    const { result: report } = await h.process((deps) => deploy(stackInput({ routes: [users, orders, web] }), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    const tree = report.tree;
    expect(picture(tree)).toEqual(['users 10 → demo-users 100%', 'orders 20 → demo-orders 100%', 'web - → demo-web']);
    expect(tree?.hosts.map((h) => [h.host, h.action])).toEqual([
      ['api.example.com', 'created'],
      ['orders.example.com', 'created'],
      ['users.example.com', 'created'],
    ]);
    expect(tree?.listener.action).toBe('created');
    expect(tree?.listener.routes[0]).toMatchObject({
      host: 'users.example.com',
      path: '/users/*',
      rule: { action: 'created' },
      backends: [
        { serverGroup: { action: 'created' }, server: { action: 'created' }, function: { action: 'created' } },
      ],
    });
    expect(toResultDocument(report).tree).toEqual(tree);
  });

  it('keeps a removed route, marked deleted, in the deploy that removes it; status no longer has it', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput({ routes: [users, orders, web] }), deps));
    const { result: report } = await h.process((deps) => deploy(stackInput({ routes: [users, web] }), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    const removed = report.tree?.listener.routes.find((r) => r.route === 'orders');
    expect(removed?.rule?.action).toBe('deleted');
    expect(removed?.backends[0]?.function?.action).toBe('deleted');
    expect(report.tree?.hosts.find((h) => h.host === 'orders.example.com')?.action).toBe('deleted');
    expect(report.tree?.listener.routes.find((r) => r.route === 'users')?.rule?.action).toBe('unchanged');

    const { result: live } = await h.process((deps) => status(STACK, deps));
    expect(picture(live.tree)).toEqual(['users 10 → demo-users 100%', 'web - → demo-web']);
    expect(live.tree?.alb).toMatchObject({ state: 'present', status: 'Active' });
    expect(live.tree?.listener).toMatchObject({ state: 'present' });
    expect(live.tree?.listener.routes[0]?.backends[0]?.function?.state).toBe('present');
  });

  it('reads a deleted function as missing in status', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput({ routes: [users, web] }), deps));
    h.cloud.functions.items.delete('demo-users');
    const { result: live } = await h.process((deps) => status(STACK, deps));
    const backend = live.tree?.listener.routes.find((r) => r.route === 'users')?.backends[0];
    expect(backend?.function?.state).toBe('missing');
    expect(backend?.serverGroup?.state).toBe('present');
  });

  it('shows what destroy deleted; a plan and a stack without state have none', async () => {
    const h = new Harness();
    const { result: nothing } = await h.process((deps) => status(STACK, deps));
    expect(nothing.tree).toBeUndefined();
    const input = stackInput({ routes: [users, web] });
    const { result: planned } = await h.process((deps) => plan(input, deps));
    expect(planned.tree).toBeUndefined();
    await h.process((deps) => deploy(input, deps));
    const { result: gone } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    expect(picture(gone.tree)).toEqual(['users 10 → demo-users 100%', 'web - → demo-web']);
    expect(gone.tree?.listener.routes.flatMap((r) => r.backends.map((b) => b.function?.action))).toEqual([
      'deleted',
      'deleted',
    ]);
  });
});
