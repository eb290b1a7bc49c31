// What the connectivity test requests for each route: a URL its match takes — its host (a wildcard host made
// concrete), else the stack's domain; a path its pattern matches — and the body to expect when every function
// behind it is the built-in sample. Through DNS when the host got a CNAME, else through the ALB's own name with
// the host as Host header. The sample's body is expected only where the state does not say the deployed function
// runs other code: `alb-fc test` without `--code` (code is not written anywhere by `deploy`) must not fail a
// function deployed with its own.
import { examplePath, exampleHost, hasWildcard } from '../routes/patterns.js';
import { isDefaultRoute, SINGLE_ROUTE } from '../routes/route-input.js';
import type { BackendInput, RouteInput, StackInput } from '../stack-input.js';
import { instanceId, type InstanceId } from '../state/instance-ids.js';
import type { LookupOutputs } from '../state/schema.js';
import { DEFAULT_DNS_TIMEOUT_MS, type TestTarget } from './connectivity-test.js';
import { backendsOf, cnameHosts } from './deploy-graph.js';
import { SAMPLE_BODY } from './sample-code.js';

/** The code checksums of the functions the state recorded, and the sample's: what each backend really runs. */
export interface DeployedCode {
  checksumOf(fn: InstanceId<'function'>): string | undefined;
  sampleChecksum: string;
}

/** The backend's function is one alb-fc creates from the built-in sample. */
export function namesSample(backend: BackendInput): boolean {
  return backend.function.mode === 'create' && backend.function.code.kind === 'sample';
}

function runsSample(backend: BackendInput, fn: InstanceId<'function'>, deployed: DeployedCode | undefined): boolean {
  if (!namesSample(backend)) return false;
  const checksum = deployed?.checksumOf(fn);
  return checksum === undefined || checksum === deployed?.sampleChecksum;
}

function targetOf(
  input: StackInput,
  lookup: LookupOutputs,
  route: RouteInput,
  named: boolean,
  deployed: DeployedCode | undefined,
): TestTarget {
  const host = route.host ? (hasWildcard(route.host) ? exampleHost(route.host) : route.host) : input.dns?.domain;
  const withCname = new Set(cnameHosts(input).hosts);
  // A wildcard record answers for the concrete name too; another wildcard host has no record.
  const resolvable = host !== undefined && (withCname.has(host.toLowerCase()) || withCname.has(route.host ?? ''));
  const sample = backendsOf(route).every(({ key, backend }) =>
    runsSample(backend, instanceId('function', key), deployed),
  );
  return {
    ...(named ? { route: route.name } : {}),
    domain: resolvable ? host : undefined,
    ...(host ? { host } : {}),
    ...(route.path ? { path: examplePath(route.path) } : {}),
    port: input.listener.port,
    albDnsName: lookup.dnsName,
    expectBody: sample ? SAMPLE_BODY : undefined,
    dnsTimeoutMs: input.dnsTimeoutMs ?? DEFAULT_DNS_TIMEOUT_MS,
  };
}

/** One target per route, the default route's (or the first's) first; unnamed for the single function. */
export function testTargets(input: StackInput, lookup: LookupOutputs, deployed?: DeployedCode): TestTarget[] {
  const single = input.routes.length === 1 && input.routes[0]!.name === SINGLE_ROUTE;
  const first = input.routes.find(isDefaultRoute) ?? input.routes[0];
  const ordered = [...input.routes].sort((a, b) => Number(b === first) - Number(a === first));
  return ordered.map((route) => targetOf(input, lookup, route, !single, deployed));
}
