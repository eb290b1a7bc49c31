// The fully resolved input of one stack: flags, env, alb-fc.yaml and defaults merged once by src/cli.
// Everything below src/cli receives this and nothing else.

export type CodeSource = { kind: 'sample' } | { kind: 'dir'; path: string } | { kind: 'zip'; path: string };

export interface NewFunctionInput {
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
