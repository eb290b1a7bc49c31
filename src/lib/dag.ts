// A graph of steps, each naming the steps it needs, and its walk. Each node starts as soon as everything it
// needs has finished well, so independent steps (the function and the server group; the CNAME) run
// concurrently, and a failure blocks only what depends on it: every independent failure is still reached and
// reported. Generic over the ids: src/steps/vocabulary.ts declares the steps, the runner walks them.

export interface DagNode<Id extends string = string> {
  id: Id;
  needs: readonly Id[];
}

/** A valid order to run `nodes` in; throws on an unknown need or a cycle (a programming error). */
export function topologicalOrder<Id extends string>(nodes: readonly DagNode<Id>[]): Id[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order: Id[] = [];
  const state = new Map<Id, 'visiting' | 'done'>();
  const visit = (id: Id, path: Id[]): void => {
    const mark = state.get(id);
    if (mark === 'done') return;
    if (mark === 'visiting') throw new Error(`step graph has a cycle: ${[...path, id].join(' → ')}`);
    const node = byId.get(id);
    if (!node) throw new Error(`step ${path.at(-1) ?? '?'} needs unknown step ${id}`);
    state.set(id, 'visiting');
    for (const need of node.needs) visit(need, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const node of nodes) visit(node.id, []);
  return order;
}

/** Steps grouped by the earliest round they can run in (what runs concurrently). */
export function dagLevels<Id extends string>(nodes: readonly DagNode<Id>[]): Id[][] {
  const level = new Map<Id, number>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const id of topologicalOrder(nodes)) {
    const needs = byId.get(id)?.needs ?? [];
    level.set(id, needs.length === 0 ? 0 : Math.max(...needs.map((n) => (level.get(n) ?? 0) + 1)));
  }
  const levels: Id[][] = [];
  for (const node of nodes) {
    const l = level.get(node.id) ?? 0;
    (levels[l] ??= []).push(node.id);
  }
  return levels;
}

export type NodeResult<R, Id extends string = string> = { ok: true; value: R } | { ok: false; blockedBy?: Id[] };

/**
 * Runs every node once its needs succeeded. `run` resolves with ok false for a failure it has reported;
 * nodes whose needs did not succeed get `blocked(id, needs that did not succeed)` instead.
 * Needs outside `nodes` count as already satisfied (e.g. the lookup, run before the walk).
 */
export async function walkDag<R, Id extends string>(
  nodes: readonly DagNode<Id>[],
  run: (id: Id) => Promise<NodeResult<R, Id>>,
  blocked: (id: Id, failedNeeds: Id[]) => void,
): Promise<Map<Id, NodeResult<R, Id>>> {
  topologicalOrder(nodes.map((n) => ({ id: n.id, needs: n.needs.filter((x) => nodes.some((m) => m.id === x)) })));
  const started = new Map<Id, Promise<NodeResult<R, Id>>>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const start = (node: DagNode<Id>): Promise<NodeResult<R, Id>> => {
    const existing = started.get(node.id);
    if (existing) return existing;
    const promise = (async (): Promise<NodeResult<R, Id>> => {
      const needs = node.needs.flatMap((need) => {
        const needed = byId.get(need);
        return needed ? [needed] : [];
      });
      const results = await Promise.all(needs.map((need) => start(need).then((r) => ({ need: need.id, r }))));
      const failed = results.filter((x) => !x.r.ok).map((x) => x.need);
      if (failed.length > 0) {
        blocked(node.id, failed);
        return { ok: false, blockedBy: failed };
      }
      return run(node.id);
    })();
    started.set(node.id, promise);
    return promise;
  };
  await Promise.all(nodes.map(start));
  const out = new Map<Id, NodeResult<R, Id>>();
  for (const [id, promise] of started) out.set(id, await promise);
  return out;
}
