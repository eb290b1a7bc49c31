import { describe, expect, it } from 'vitest';
import { dagLevels, topologicalOrder, walkDag } from '../../src/lib/dag.js';
import { DEPLOY_GRAPH, DESTROY_ORDER, type StepId } from '../../src/steps/vocabulary.js';

describe('the deploy graph', () => {
  it('runs the lookup first; function, server group and CNAME together; then add-server and listener; then the rules; then the test', () => {
    expect(dagLevels(DEPLOY_GRAPH)).toEqual([
      ['lookup'],
      ['function', 'serverGroup', 'dnsRecord'],
      ['server', 'listener'],
      ['rule'],
      ['test'],
    ]);
    const needs = Object.fromEntries(DEPLOY_GRAPH.map((n) => [n.id, [...n.needs].sort()]));
    expect(needs['server']).toEqual(['function', 'serverGroup']);
    expect(needs['listener']).toEqual(['lookup', 'serverGroup']);
    expect(needs['rule']).toEqual(['listener', 'server']);
    expect(needs['dnsRecord']).toEqual(['lookup']);
    expect(needs['test']).toEqual(['dnsRecord', 'function', 'listener', 'rule', 'server', 'serverGroup']);
  });

  it('tears down in reverse order', () => {
    expect(DESTROY_ORDER).toEqual(['dnsRecord', 'rule', 'listener', 'server', 'serverGroup', 'function']);
    const order = topologicalOrder(DEPLOY_GRAPH);
    const created = order.filter((id) => (DESTROY_ORDER as readonly StepId[]).includes(id));
    for (const [i, id] of DESTROY_ORDER.entries()) {
      // Everything that needs `id` is destroyed before it.
      const dependents = DEPLOY_GRAPH.filter((n) => n.needs.includes(id) && n.id !== 'test').map((n) => n.id);
      for (const d of dependents) expect(DESTROY_ORDER.indexOf(d as never), `${d} before ${id}`).toBeLessThan(i);
    }
    expect(created).toHaveLength(6);
  });

  it('rejects cycles and unknown needs', () => {
    expect(() =>
      topologicalOrder([
        { id: 'server', needs: ['listener'] },
        { id: 'listener', needs: ['server'] },
      ]),
    ).toThrow(/cycle/);
    expect(() => topologicalOrder([{ id: 'server', needs: ['function'] }])).toThrow(/unknown step function/);
  });
});

describe('walkDag', () => {
  it('starts independent nodes together and blocks only the dependents of a failure', async () => {
    const started: StepId[] = [];
    const blocked: [StepId, StepId[]][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const nodes = [
      { id: 'function' as const, needs: [] },
      { id: 'serverGroup' as const, needs: [] },
      { id: 'server' as const, needs: ['function', 'serverGroup'] as StepId[] },
      { id: 'listener' as const, needs: ['serverGroup'] as StepId[] },
      { id: 'dnsRecord' as const, needs: ['lookup'] as StepId[] },
    ];
    const walk = walkDag(
      nodes,
      async (id) => {
        started.push(id);
        if (id === 'function') {
          await gate;
          return { ok: false };
        }
        return { ok: true, value: id };
      },
      (id, needs) => blocked.push([id, needs]),
    );
    await new Promise((resolve) => setImmediate(resolve));
    // The server group, its listener and the CNAME did not wait for the slow function.
    expect(started).toEqual(['function', 'serverGroup', 'dnsRecord', 'listener']);
    release();
    const results = await walk;
    expect(blocked).toEqual([['server', ['function']]]);
    expect(results.get('listener')).toEqual({ ok: true, value: 'listener' });
    expect(results.get('server')).toEqual({ ok: false, blockedBy: ['function'] });
  });
});
