// The fully resolved input of one stack: flags, env, alb-fc.yaml and defaults merged once by src/cli.
// Everything below src/cli receives this and nothing else.

export type CodeSource = { kind: 'sample' } | { kind: 'dir'; path: string } | { kind: 'zip'; path: string };

/** How much one function may scale (src/steps/capacity-rules.ts checks it); unset fields are left to FC. */
export interface FunctionCapacity {
  /** vCPU per instance (CreateFunctionInput `cpu`); FC picks one for the memory size when unset. */
  cpu?: number;
  /** Requests one instance serves at once (CreateFunctionInput `instanceConcurrency`). */
  instanceConcurrency?: number;
  /** The most instances this function may use (PutConcurrencyConfig `reservedConcurrency`). */
  reservedConcurrency?: number;
  /** Instances kept started, without cold starts (PutProvisionConfig `target`, qualifier LATEST). */
  provisionedInstances?: number;
}

export interface NewFunctionInput extends FunctionCapacity {
  mode: 'create';
  name: string;
  runtime: string;
  handler: string;
  code: CodeSource;
  memorySize: number;
  timeout: number;
}

export interface ExistingFunctionInput {
  mode: 'existing';
  /** FC 3.0 (`acs:fc:r:acct:functions/name[/qualifier]`) or FC 2.0 (`acs:fc:r:acct:services/svc.q/functions/name`). */
  arn: string;
}

/**
 * One function in its own Fc server group: a Function Compute server group holds exactly one function (FC
 * "ALB triggers" limits, https://www.alibabacloud.com/help/en/fc/alb-triggers).
 */
export interface BackendInput {
  function: NewFunctionInput | ExistingFunctionInput;
  serverGroup: { name: string; healthCheck: boolean };
}

export interface CanaryInput {
  backend: BackendInput;
  /** Percent of the route's requests sent to the canary (1-99); the rest go to the route's own backend. */
  weight: number;
}

/**
 * A route: a backend matched by host and/or path on the shared listener, optionally with a canary backend
 * taking `weight` percent of its requests. Neither host nor path: the default route (the listener's default
 * action). The single-function flags make one route named `default`.
 */
export interface RouteInput {
  /** `[a-z][a-z0-9-]*`: names the route's resources. */
  name: string;
  /** Host condition: exact or wildcard (`*.example.com`). */
  host?: string;
  /** Path condition: an ALB path pattern (`/users/*`). */
  path?: string;
  /** Written by the user; else derived from the file's order (src/routes/priorities.ts). */
  priority?: number;
  backend: BackendInput;
  canary?: CanaryInput;
}

export interface StackInput {
  stack: string;
  region: string;
  /** In match order (the file's order); at least one. */
  routes: RouteInput[];
  loadBalancerId: string;
  listener: { port: number; protocol: 'HTTP' };
  /**
   * `undefined` with --skip-dns. `domain`: the default route's host (each route's host gets its CNAME too).
   */
  dns: { domain?: string; ttl: number; force: boolean } | undefined;
  /** Deadline of each asynchronous wait (--wait-timeout). */
  waitTimeoutMs: number;
  /** How long the connectivity test retries the custom domain before falling back to the ALB name (--dns-timeout). */
  dnsTimeoutMs?: number;
}

/** The default deadline of each asynchronous wait (`--wait-timeout 10m`). */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** Tags every created resource carries, so a lost state file can be rebuilt from the cloud. */
export function stackTags(stack: string): Record<string, string> {
  return { 'alb-fc:stack': stack, 'alb-fc:managed-by': 'alb-fc' };
}
