// What the connectivity test requests for each route: a URL its match takes — its host (a wildcard host made
// concrete), else the stack's domain; a path its pattern matches — and the body to expect when every function
// behind it is the built-in sample. Through DNS when the host got a CNAME, else through the ALB's own name with
// the host as Host header.
import { examplePath, exampleHost, hasWildcard } from '../routes/patterns.js';
import { isDefaultRoute, SINGLE_ROUTE } from '../routes/route-input.js';
import type { BackendInput, RouteInput, StackInput } from '../stack-input.js';
import type { LookupOutputs } from '../state/schema.js';
import { DEFAULT_DNS_TIMEOUT_MS, type TestTarget } from './connectivity-test.js';
import { cnameHosts } from './deploy-graph.js';
import { SAMPLE_BODY } from './sample-code.js';

function isSample(backend: BackendInput): boolean {
  return backend.function.mode === 'create' && backend.function.code.kind === 'sample';
}

function targetOf(input: StackInput, lookup: LookupOutputs, route: RouteInput, named: boolean): TestTarget {
  const host = route.host ? (hasWildcard(route.host) ? exampleHost(route.host) : route.host) : input.dns?.domain;
  const withCname = new Set(cnameHosts(input).hosts);
  // A wildcard record answers for the concrete name too; another wildcard host has no record.
  const resolvable = host !== undefined && (withCname.has(host.toLowerCase()) || withCname.has(route.host ?? ''));
  const backends = [route.backend, ...(route.canary ? [route.canary.backend] : [])];
  return {
    ...(named ? { route: route.name } : {}),
    domain: resolvable ? host : undefined,
    ...(host ? { host } : {}),
    ...(route.path ? { path: examplePath(route.path) } : {}),
    port: input.listener.port,
    albDnsName: lookup.dnsName,
    expectBody: backends.every(isSample) ? SAMPLE_BODY : undefined,
    dnsTimeoutMs: input.dnsTimeoutMs ?? DEFAULT_DNS_TIMEOUT_MS,
  };
}

/** One target per route, the default route's (or the first's) first; unnamed for the single function. */
export function testTargets(input: StackInput, lookup: LookupOutputs): TestTarget[] {
  const single = input.routes.length === 1 && input.routes[0]!.name === SINGLE_ROUTE;
  const first = input.routes.find(isDefaultRoute) ?? input.routes[0];
  const ordered = [...input.routes].sort((a, b) => Number(b === first) - Number(a === first));
  return ordered.map((route) => targetOf(input, lookup, route, !single));
}
