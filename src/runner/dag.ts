// The step graph and its walk. Each node starts as soon as everything it needs has finished well, so
// independent steps (the function and the server group; the CNAME) run concurrently, and a failure blocks only
// what depends on it: every independent failure is still reached and reported.
import type { StepId } from './events.js';

export interface DagNode {
  id: StepId;
  needs: readonly StepId[];
}

/** A valid order to run `nodes` in; throws on an unknown need or a cycle (a programming error). */
export function topologicalOrder(nodes: readonly DagNode[]): StepId[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order: StepId[] = [];
  const state = new Map<StepId, 'visiting' | 'done'>();
  const visit = (id: StepId, path: StepId[]): void => {
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
export function dagLevels(nodes: readonly DagNode[]): StepId[][] {
  const level = new Map<StepId, number>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const id of topologicalOrder(nodes)) {
    const needs = byId.get(id)?.needs ?? [];
    level.set(id, needs.length === 0 ? 0 : Math.max(...needs.map((n) => (level.get(n) ?? 0) + 1)));
  }
  const levels: StepId[][] = [];
  for (const node of nodes) {
    const l = level.get(node.id) ?? 0;
    (levels[l] ??= []).push(node.id);
  }
  return levels;
}

export type NodeResult<R> = { ok: true; value: R } | { ok: false; blockedBy?: StepId[] };

/**
 * Runs every node once its needs succeeded. `run` resolves with ok false for a failure it has reported;
 * nodes whose needs did not succeed get `blocked(id, needs that did not succeed)` instead.
 * Needs outside `nodes` count as already satisfied (e.g. the lookup, run before the walk).
 */
export async function walkDag<R>(
  nodes: readonly DagNode[],
  run: (id: StepId) => Promise<NodeResult<R>>,
  blocked: (id: StepId, failedNeeds: StepId[]) => void,
): Promise<Map<StepId, NodeResult<R>>> {
  topologicalOrder(nodes.map((n) => ({ id: n.id, needs: n.needs.filter((x) => nodes.some((m) => m.id === x)) })));
  const started = new Map<StepId, Promise<NodeResult<R>>>();
  const ids = new Set(nodes.map((n) => n.id));
  const start = (node: DagNode): Promise<NodeResult<R>> => {
    const existing = started.get(node.id);
    if (existing) return existing;
    const promise = (async (): Promise<NodeResult<R>> => {
      const needs = node.needs.filter((need) => ids.has(need));
      const results = await Promise.all(
        needs.map((need) => start(nodes.find((n) => n.id === need) as DagNode).then((r) => ({ need, r }))),
      );
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
  const out = new Map<StepId, NodeResult<R>>();
  for (const [id, promise] of started) out.set(id, await promise);
  return out;
}
