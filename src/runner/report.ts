// What a command did, step by step, and the exit code it earns (the table of README.md, "Exit codes").
// The CLI renders events while the run goes on, then turns this report into the `--json` document and sets
// `process.exitCode = report.exitCode`.
import { ExitCode, type AlbFcError } from '../errors.js';
import type { TestResult } from '../steps/connectivity-test.js';
import type { ResourceAction, ResourceState, StepRef } from '../steps/vocabulary.js';
import type { PlanEntry } from './events.js';
import type { StackTree } from './stack-tree.js';

/** How a command ended, in the words of the `--json` document. */
export type RunStatus = 'succeeded' | 'no_changes' | 'partial' | 'failed';

/** A backend's resources: its function, its server group, the function's membership of the group. */
export interface BackendResources {
  function?: { name: string; arn: string; action: ResourceAction };
  serverGroup?: { id: string; action: ResourceAction };
  server?: { serverGroupId: string; functionArn: string; action: ResourceAction };
}

export interface RuleResource {
  id: string;
  priority: number;
  action: ResourceAction;
}

export interface DnsRecordResource {
  recordId: string;
  domain: string;
  value: string;
  action: ResourceAction;
}

/** A route's resources: its backend, its forwarding rule, its canary's backend. */
export interface RouteResources extends BackendResources {
  rule?: RuleResource;
  canary?: BackendResources;
}

/**
 * What happened to each resource of the stack, in the words of the `--json` document. The single function of the
 * flags (the route named `default`) at the top, as before routes; the other routes under `routes`, by name.
 */
export interface ReportedResources extends RouteResources {
  listener?: { id: string; port: number; action: ResourceAction };
  /** The CNAME of the stack's domain. */
  dnsRecord?: DnsRecordResource;
  routes?: Record<string, RouteResources>;
  /** The CNAMEs of the routes' other hosts, by host. */
  dnsRecords?: Record<string, DnsRecordResource>;
  /** The catch-all rule answering 404 when no route is the default. */
  fallbackRule?: RuleResource;
}

export interface StepReport {
  step: StepRef;
  title: string;
  outcome: 'done' | 'failed' | 'blocked' | 'skipped';
  action?: ResourceAction;
  /** The resource id, once known. */
  id?: string;
  detail?: string;
  error?: AlbFcError;
}

export interface StatusEntry {
  step: StepRef;
  title: string;
  state: ResourceState;
  id?: string;
  status?: string;
  owned?: boolean;
  details: string[];
}

export interface RunReport {
  command: string;
  stack: string;
  region: string;
  stateFile: string;
  status: RunStatus;
  exitCode: ExitCode;
  steps: StepReport[];
  resources: ReportedResources;
  test?: TestResult;
  /** The error that decides the exit code. */
  error?: AlbFcError;
  /** Every error of the run (independent failures do not hide each other). */
  errors: AlbFcError[];
  plan?: PlanEntry[];
  /** `plan`: how many steps would change something. */
  changes?: number;
  resourceStatus?: StatusEntry[];
  /** The stack as a picture: host → listener → route → server group → function, each resource marked. */
  tree?: StackTree;
  durationMs: number;
}

/** When several steps fail, the exit code of the most serious failure wins. */
const SEVERITY: ExitCode[] = [
  ExitCode.interrupted,
  ExitCode.internal,
  ExitCode.locked,
  ExitCode.usage,
  ExitCode.preflight,
  ExitCode.cloudRefused,
  ExitCode.timeout,
  ExitCode.partial,
];

export function primaryError(errors: readonly AlbFcError[]): AlbFcError | undefined {
  let best: AlbFcError | undefined;
  for (const error of errors) {
    if (!best || SEVERITY.indexOf(error.exitCode) < SEVERITY.indexOf(best.exitCode)) best = error;
  }
  return best;
}

const CHANGED: ReadonlySet<ResourceAction> = new Set(['created', 'updated', 'adopted', 'deleted']);

export function summarize(
  steps: readonly StepReport[],
  errors: readonly AlbFcError[],
): { status: RunStatus; exitCode: ExitCode; error?: AlbFcError } {
  const error = primaryError(errors);
  if (error) {
    // Only a failed connectivity test, with every resource in place: partial (exit 6).
    const status: RunStatus = error.exitCode === ExitCode.partial ? 'partial' : 'failed';
    return { status, exitCode: error.exitCode, error };
  }
  const changed = steps.some((s) => s.action !== undefined && CHANGED.has(s.action));
  return { status: changed ? 'succeeded' : 'no_changes', exitCode: ExitCode.ok };
}

/** `plan --detailed-exitcode` (Terraform's convention): 0 no changes, 1 error, 2 changes pending. */
export function detailedExitCode(report: RunReport): 0 | 1 | 2 {
  if (report.error) return 1;
  return (report.changes ?? 0) > 0 ? 2 : 0;
}
