// The stack as a picture (issue 9, "A picture"): the way a request goes — its host's CNAME to the ALB, the
// listener, the route's forwarding rule (match, priority), the server groups it forwards to (with weights) and
// the function in each — with every resource's mark: its live state (`status`) or what the run did to it
// (`deploy`, `destroy`). Built from the state's records, plus what the run acted on (a deleted resource is no
// longer recorded). Pure: the same sources give the same tree; the renderers draw it, `--json` carries it as is.
import { isDefaultRoute, SINGLE_ROUTE } from '../routes/route-input.js';
import { keyOf, kindOf } from '../state/instance-ids.js';
import type { AnyStepRecord, LookupOutputs, StepOutputs } from '../state/schema.js';
import { stepOf } from '../steps/registry.js';
import { isResourceStep, type ResourceAction, type ResourceState, type ResourceStepId } from '../steps/vocabulary.js';
import type { StatusEntry, StepReport } from './report.js';

/** What a run did to a resource: a resource action, or its step failed or could not run. */
export type TreeAction = ResourceAction | 'failed' | 'blocked';

/** One resource of the picture: the state's instance id, the cloud's id, and its mark. */
export interface TreeResource {
  /** The instance id of the state (`function:users`); `lookup` for the ALB. */
  resource: string;
  id?: string;
  /** `status`: read live. */
  state?: ResourceState;
  /** `status`: the cloud's own word (Active, Running, Available, ENABLE). */
  status?: string;
  /** `deploy`, `destroy`: what the run did to it. */
  action?: TreeAction;
  /** False when the stack adopted the resource instead of creating it. */
  owned?: boolean;
  /** `status`: why it is drifted or missing. */
  details?: string[];
}

/** A host with its CNAME to the ALB. */
export interface TreeHost extends TreeResource {
  host: string;
}

/** One forward target of a route: a server group and the function in it (the membership between them). */
export interface TreeBackend {
  /** Percent of the route's requests (ALB ServerGroupTuples weight); absent where ALB takes none (default action). */
  weight?: number;
  canary: boolean;
  serverGroup?: TreeResource;
  /** The function's membership of the group (step 3 of the procedure). */
  server?: TreeResource;
  function?: TreeResource & { name?: string };
}

export interface TreeRoute {
  /** The route's name in alb-fc.yaml (`default` for the single function); `_fallback` for the catch-all 404. */
  route: string;
  /** It takes what no other rule matches: the listener's default action, or a catch-all rule. */
  default: boolean;
  host?: string;
  path?: string;
  priority?: number;
  /** Its forwarding rule; absent for the listener's default action. */
  rule?: TreeResource;
  /** The catch-all answers this status itself (a FixedResponse action). */
  fixedResponse?: number;
  backends: TreeBackend[];
}

export interface TreeListener extends TreeResource {
  port?: number;
  /** In match order: by priority, what no rule matches last. */
  routes: TreeRoute[];
}

export interface StackTree {
  /** The hosts that have a CNAME to the ALB, the stack's domain first. */
  hosts: TreeHost[];
  alb?: TreeResource & { dnsName?: string };
  listener: TreeListener;
  /** Resources an update replaced, still to be deleted. */
  retired: TreeResource[];
}

/** What the run did to a resource it acted on, with the outputs it acted on. */
export interface Acted {
  outputs: StepOutputs[ResourceStepId];
  action: ResourceAction;
}

export interface TreeSources {
  /** The state's step records after the run, by instance id. */
  records: Readonly<Record<string, AnyStepRecord | undefined>>;
  lookup?: LookupOutputs;
  /** What the run acted on, by instance id (a deleted resource is only here). */
  acted?: ReadonlyMap<string, Acted>;
  /** The run's steps: a failed or blocked step marks its resource. */
  steps?: readonly StepReport[];
  /** `status`: each resource read live (`lookup` for the ALB). */
  live?: readonly StatusEntry[];
}

type Outputs<K extends ResourceStepId> = StepOutputs[K];

export function stackTree(sources: TreeSources): StackTree {
  const { records, acted = new Map<string, Acted>() } = sources;
  const ids = [...new Set([...Object.keys(records), ...acted.keys()])].filter(
    (id) => isResourceStep(kindOf(id)) && (records[id] !== undefined || acted.has(id)),
  );
  const outputsOf = <K extends ResourceStepId>(id: string): Outputs<K> | undefined =>
    (records[id]?.outputs ?? acted.get(id)?.outputs) as Outputs<K> | undefined;

  /** The resource `id` with its mark, or undefined when the stack has no such instance. */
  const resource = (id: string): TreeResource | undefined => {
    if (!ids.includes(id)) return undefined;
    const kind = kindOf(id) as ResourceStepId;
    const outputs = outputsOf(id);
    const node: TreeResource = { resource: id };
    if (outputs) node.id = stepOf(kind).resourceId(outputs as never);
    return withMark(node, sources);
  };

  const listenerOut = outputsOf<'listener'>('listener');
  const routes = routesOf(ids, outputsOf, resource, listenerOut);
  const alb = sources.lookup;
  // The ALB is not the stack's: only `status` marks it (read live), a deploy does nothing to it.
  const albMarks: TreeSources = { records: {}, ...(sources.live ? { live: sources.live } : {}) };
  return {
    hosts: hostsOf(ids, outputsOf, resource),
    ...(alb ? { alb: withMark({ resource: 'lookup', id: alb.loadBalancerId, dnsName: alb.dnsName }, albMarks) } : {}),
    listener: {
      ...(resource('listener') ?? { resource: 'listener' }),
      ...(listenerOut ? { port: listenerOut.port } : {}),
      routes,
    },
    retired: retiredOf(records, sources.live),
  };
}

/** The mark of a resource: live (status), else what the run did, else how its step ended. */
function withMark<T extends TreeResource>(node: T, sources: TreeSources): T {
  const live = sources.live?.find((e) => e.step === node.resource && e.state !== 'retired');
  if (live) {
    node.state = live.state;
    if (live.status !== undefined) node.status = live.status;
    if (live.details.length > 0) node.details = [...live.details];
  }
  const action = sources.acted?.get(node.resource)?.action ?? stepAction(sources.steps, node.resource);
  if (action) node.action = action;
  const owned = sources.records[node.resource]?.owned ?? live?.owned;
  if (owned === false) node.owned = false;
  return node;
}

function stepAction(steps: readonly StepReport[] | undefined, id: string): TreeAction | undefined {
  const step = steps?.find((s) => s.step === id);
  if (!step) return undefined;
  if (step.outcome === 'failed') return 'failed';
  if (step.outcome === 'blocked') return 'blocked';
  return step.action;
}

function hostsOf(
  ids: readonly string[],
  outputsOf: <K extends ResourceStepId>(id: string) => Outputs<K> | undefined,
  resource: (id: string) => TreeResource | undefined,
): TreeHost[] {
  const records = ids.filter((id) => kindOf(id) === 'dnsRecord');
  // The stack's domain (the bare record) first, then the routes' hosts by name.
  records.sort((a, b) => Number(keyOf(a) !== undefined) - Number(keyOf(b) !== undefined) || a.localeCompare(b));
  return records.map((id) => {
    const host = outputsOf<'dnsRecord'>(id)?.domain ?? keyOf(id) ?? '';
    return { host, ...resource(id)! };
  });
}

/** A backend instance's route and whether it is the route's canary (src/steps/deploy-graph.ts, backendKey). */
function backendOf(id: string): { route: string; canary: boolean } {
  const key = keyOf(id);
  if (key === undefined) return { route: SINGLE_ROUTE, canary: false };
  const [route = key, canary] = key.split('/');
  return { route, canary: canary !== undefined };
}

function routesOf(
  ids: readonly string[],
  outputsOf: <K extends ResourceStepId>(id: string) => Outputs<K> | undefined,
  resource: (id: string) => TreeResource | undefined,
  listenerOut: Outputs<'listener'> | undefined,
): TreeRoute[] {
  const names = new Set<string>();
  for (const id of ids) {
    const kind = kindOf(id);
    if (kind === 'rule') names.add(keyOf(id) ?? SINGLE_ROUTE);
    else if (kind === 'function' || kind === 'serverGroup' || kind === 'server') names.add(backendOf(id).route);
  }
  const routes = [...names].map((name): TreeRoute => {
    const suffix = name === SINGLE_ROUTE ? '' : `:${name}`;
    const ruleId = `rule${suffix}`;
    const ruleOut = outputsOf<'rule'>(ruleId);
    // The weights are the rule's, by server group (the listener's default action has none).
    const weightOf = (groupId: string | undefined) => ruleOut?.targets.find((t) => t.serverGroupId === groupId)?.weight;
    const backends = [false, true]
      .map((canary) => {
        const at = canary ? `${suffix || ':default'}/canary` : suffix;
        return backendTree(at, canary, weightOf, outputsOf, resource);
      })
      .filter((b): b is TreeBackend => b !== undefined);
    const rule = resource(ruleId);
    const mainGroup = backends.find((b) => !b.canary)?.serverGroup?.id;
    const isDefault = rule
      ? ruleOut !== undefined && isDefaultRoute(ruleOut)
      : listenerOut === undefined || listenerOut.serverGroupId === mainGroup;
    return {
      route: name,
      default: isDefault,
      ...(ruleOut?.host ? { host: ruleOut.host } : {}),
      ...(ruleOut?.path ? { path: ruleOut.path } : {}),
      ...(ruleOut ? { priority: ruleOut.priority } : {}),
      ...(rule ? { rule } : {}),
      ...(ruleOut?.fixedStatus !== undefined ? { fixedResponse: ruleOut.fixedStatus } : {}),
      backends,
    };
  });
  // The routes' match order: rules by priority, then what no rule matches.
  const rank = (r: TreeRoute) => [Number(r.default), r.priority ?? Number.MAX_SAFE_INTEGER] as const;
  return routes.sort((a, b) => {
    const [da, pa] = rank(a);
    const [db, pb] = rank(b);
    return da - db || pa - pb || a.route.localeCompare(b.route);
  });
}

/** `suffix`: `` for the single function's bare ids, `:users`, `:users/canary` (a canary of `default`: `:default/canary`). */
function backendTree(
  suffix: string,
  canary: boolean,
  weightOf: (groupId: string | undefined) => number | undefined,
  outputsOf: <K extends ResourceStepId>(id: string) => Outputs<K> | undefined,
  resource: (id: string) => TreeResource | undefined,
): TreeBackend | undefined {
  const group = resource(`serverGroup${suffix}`);
  const server = resource(`server${suffix}`);
  const fn = resource(`function${suffix}`);
  if (!group && !server && !fn) return undefined;
  const name = outputsOf<'function'>(`function${suffix}`)?.name;
  const weight = weightOf(group?.id);
  return {
    ...(weight !== undefined ? { weight } : {}),
    canary,
    ...(group ? { serverGroup: group } : {}),
    ...(server ? { server } : {}),
    ...(fn ? { function: { ...(name ? { name } : {}), ...fn } } : {}),
  };
}

/** What updates replaced and the state still has to delete. */
function retiredOf(
  records: Readonly<Record<string, AnyStepRecord | undefined>>,
  live: readonly StatusEntry[] | undefined,
): TreeResource[] {
  const retired: TreeResource[] = [];
  for (const [id, record] of Object.entries(records)) {
    const kind = kindOf(id);
    if (!isResourceStep(kind)) continue;
    for (const outputs of record?.retired ?? []) {
      const node: TreeResource = { resource: id, id: stepOf(kind).resourceId(outputs as never) };
      if (live) node.state = 'retired';
      retired.push(node);
    }
  }
  return retired;
}
