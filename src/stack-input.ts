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

export interface StackInput {
  stack: string;
  region: string;
  function: NewFunctionInput | ExistingFunctionInput;
  serverGroup: { name: string; healthCheck: boolean };
  loadBalancerId: string;
  listener: { port: number; protocol: 'HTTP' };
  /** `undefined` with --skip-dns. */
  dns: { domain: string; ttl: number; force: boolean } | undefined;
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
