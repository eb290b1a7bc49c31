// The deploy graph of a stack: which step instances it has, what each needs, what each is asked to make.
// Per backend (a route's function, and its canary's): the function, its server group, the membership; one
// listener; a forwarding rule per route that is not the default (and a catch-all where ALB's default action
// cannot do the job); a CNAME per host. Pure: from the input alone.
import { hasWildcard } from '../routes/patterns.js';
import { isDefaultRoute, SINGLE_ROUTE } from '../routes/route-input.js';
import type { BackendInput, RouteInput, StackInput } from '../stack-input.js';
import { instanceId, type InstanceId } from '../state/instance-ids.js';
import type { ResourceStepId } from './vocabulary.js';

/** The key of the catch-all rule answering 404 when no route is the default (route names start with a letter). */
export const FALLBACK_RULE = '_fallback';

/** A backend's key: the route's name, or `<route>/canary`; none for the route named `default` (bare ids). */
export function backendKey(route: string, canary = false): string | undefined {
  if (canary) return `${route}/canary`;
  return route === SINGLE_ROUTE ? undefined : route;
}

export interface ForwardTarget {
  serverGroup: InstanceId<'serverGroup'>;
  /** ALB ServerGroupTuples weight (0-100): a route without canary forwards with 100. */
  weight: number;
}

export interface RuleSpec {
  /** The route's name, or FALLBACK_RULE. */
  route: string;
  host?: string;
  path?: string;
  /** Written by the user; else assigned at plan time from `order`. */
  priority?: number;
  /** The route's place in the file: the match order. */
  order: number;
  action: { type: 'forward'; targets: ForwardTarget[] } | { type: 'fixed-response'; status: 404 };
}

export type InstanceSpec =
  | { kind: 'function' | 'serverGroup'; route: string; backend: BackendInput }
  | { kind: 'server'; route: string; backend: BackendInput }
  | { kind: 'listener'; defaultGroup: InstanceId<'serverGroup'>; backend: BackendInput }
  | ({ kind: 'rule' } & RuleSpec)
  /** `host` undefined: no CNAME is wanted (--skip-dns). */
  | { kind: 'dnsRecord'; host: string | undefined };

export interface GraphNode {
  id: InstanceId<ResourceStepId>;
  needs: InstanceId<ResourceStepId>[];
  spec: InstanceSpec;
}

/**
 * Hosts that get a CNAME, the top-level domain first: exact hosts, and `*.zone` (a wildcard record). A host with
 * other wildcards cannot be a DNS record: it is listed in `skipped`, and its records are the user's to make.
 */
export function cnameHosts(input: Pick<StackInput, 'routes' | 'dns'>): { hosts: string[]; skipped: string[] } {
  if (!input.dns) return { hosts: [], skipped: [] };
  const hosts: string[] = [];
  const skipped: string[] = [];
  const candidates = [input.dns.domain, ...input.routes.map((r) => r.host)].filter((h): h is string => !!h);
  for (const host of candidates.map((h) => h.toLowerCase())) {
    if (hosts.includes(host) || skipped.includes(host)) continue;
    const wildcardRecord = host.startsWith('*.') && !hasWildcard(host.slice(2));
    if (hasWildcard(host) && !wildcardRecord) skipped.push(host);
    else hosts.push(host);
  }
  return { hosts, skipped };
}

/** The CNAME of a host: bare for the top-level domain (as before routes), keyed by host for the others. */
export function dnsRecordId(input: Pick<StackInput, 'dns'>, host: string): InstanceId<'dnsRecord'> {
  return instanceId('dnsRecord', host === input.dns?.domain?.toLowerCase() ? undefined : host);
}

interface Backend {
  key: string | undefined;
  backend: BackendInput;
  weight: number;
}

export function backendsOf(route: RouteInput): Backend[] {
  const canaryWeight = route.canary?.weight ?? 0;
  return [
    { key: backendKey(route.name), backend: route.backend, weight: 100 - canaryWeight },
    ...(route.canary
      ? [{ key: backendKey(route.name, true), backend: route.canary.backend, weight: canaryWeight }]
      : []),
  ];
}

/** The route ALB's default action forwards to: the default route, else the first (then masked by a catch-all). */
export function defaultTarget(input: Pick<StackInput, 'routes'>): RouteInput {
  const target = input.routes.find(isDefaultRoute) ?? input.routes[0];
  if (!target) throw new Error('a stack has at least one route');
  return target;
}

export function buildGraph(input: Pick<StackInput, 'routes' | 'dns'>): GraphNode[] {
  const nodes: GraphNode[] = [];
  const defaultRoute = input.routes.find(isDefaultRoute);
  const target = defaultTarget(input);

  for (const route of input.routes) {
    for (const { key, backend } of backendsOf(route)) {
      const fn = instanceId('function', key);
      const group = instanceId('serverGroup', key);
      nodes.push({ id: fn, needs: [], spec: { kind: 'function', route: route.name, backend } });
      nodes.push({ id: group, needs: [], spec: { kind: 'serverGroup', route: route.name, backend } });
      nodes.push({
        id: instanceId('server', key),
        needs: [fn, group],
        spec: { kind: 'server', route: route.name, backend },
      });
    }
  }
  // ALB's default action forwards to one server group, without weights (CreateListener DefaultActions,
  // @alicloud/alb20200616 CreateListenerRequest): without a default route it points at the first route's group
  // and a catch-all rule answers 404 before it is reached; a default route with a canary takes its traffic
  // through a catch-all rule that forwards with weights.
  const defaultGroup = instanceId('serverGroup', backendKey(target.name));
  nodes.push({
    id: 'listener',
    needs: [defaultGroup],
    spec: { kind: 'listener', defaultGroup, backend: target.backend },
  });

  input.routes.forEach((route, order) => {
    const isDefault = route === defaultRoute;
    if (isDefault && !route.canary) return;
    const backends = backendsOf(route);
    nodes.push({
      id: instanceId('rule', backendKey(route.name)),
      // Live once its functions are in their groups: no window in which its requests meet an empty group.
      needs: [
        'listener',
        ...backends.flatMap(({ key }) => [instanceId('serverGroup', key), instanceId('server', key)]),
      ],
      spec: {
        kind: 'rule',
        route: route.name,
        ...(route.host ? { host: route.host } : {}),
        ...(route.path ? { path: route.path } : {}),
        ...(route.priority !== undefined ? { priority: route.priority } : {}),
        // The default route's catch-all comes after every other route.
        order: isDefault ? input.routes.length : order,
        action: {
          type: 'forward',
          targets: backends.map(({ key, weight }) => ({ serverGroup: instanceId('serverGroup', key), weight })),
        },
      },
    });
  });
  if (!defaultRoute) {
    nodes.push({
      id: instanceId('rule', FALLBACK_RULE),
      needs: ['listener'],
      spec: {
        kind: 'rule',
        route: FALLBACK_RULE,
        order: input.routes.length,
        action: { type: 'fixed-response', status: 404 },
      },
    });
  }
  const { hosts } = cnameHosts(input);
  for (const host of hosts) {
    nodes.push({ id: dnsRecordId(input, host), needs: [], spec: { kind: 'dnsRecord', host } });
  }
  // No CNAME to add (--skip-dns): the step is still there, and says it skips.
  if (hosts.length === 0) nodes.push({ id: 'dnsRecord', needs: [], spec: { kind: 'dnsRecord', host: undefined } });
  return nodes;
}
