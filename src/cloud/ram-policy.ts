// The RAM policy of one stack (`alb-fc policy`, docs/teams.md): the rows of ram-actions.ts for the ports the
// stack's commands use, their ARN templates filled with the stack's region, account, load balancers, functions
// and DNS zones, grouped into statements of the same resources. Policy grammar ("Version": "1", Statement,
// Effect, Action, Resource, Condition): https://www.alibabacloud.com/help/en/ram/user-guide/policy-structure-and-syntax.
import { RAM_ACTIONS, type NoGrant, type RamGrant, type RamPortName } from './ram-actions.js';

export interface PolicyScope {
  stack: string;
  region: string;
  /** `*` when the account could not be found out. */
  accountId: string;
  loadBalancerIds: string[];
  /** Functions the stack creates or uses by name (FC 3.0). */
  functionNames: string[];
  /** DNS zones of the stack's domains; undefined when the stack has no domain (--skip-dns). `*` when unknown. */
  zones: string[] | undefined;
  /** State on OSS (`--state oss://…`). */
  state?: { bucket: string; prefix: string };
}

/** One action of the policy: the resources it is granted on and the port methods that need it. */
export interface PolicyRow {
  action: string;
  resources: string[];
  condition?: Record<string, Record<string, string[]>>;
  /** `alb.createServerGroup`, … */
  calledBy: string[];
  /** False when the service cannot authorize the action per resource (its resource is `*`). */
  resourceLevel: boolean;
}

export interface RamPolicyDocument {
  Version: '1';
  Statement: Array<{
    Effect: 'Allow';
    Action: string[];
    Resource: string[];
    Condition?: Record<string, Record<string, string[]>>;
  }>;
}

/** The ports a stack's commands use: ALB, FC and, with a domain, Alidns; OSS with state on OSS. */
function portsOf(scope: PolicyScope): RamPortName[] {
  const ports: RamPortName[] = ['functions', 'alb', 'identity', 'network'];
  if (scope.zones !== undefined) ports.push('dns');
  if (scope.state) ports.push('objects');
  return ports;
}

export function policyRows(scope: PolicyScope): PolicyRow[] {
  const rows = new Map<string, PolicyRow>();
  for (const port of portsOf(scope)) {
    for (const [method, grant] of Object.entries(RAM_ACTIONS[port]) as Array<[string, RamGrant | NoGrant]>) {
      if (grant.action === null) continue;
      const resources = grant.resources.flatMap((template) => expand(template, scope));
      // A grant on resources the stack has none of (no function by FC 3.0 name): not needed.
      if (resources.length === 0) continue;
      const condition = grant.condition && expandCondition(grant.condition, scope);
      const row = rows.get(grant.action);
      if (row) {
        row.calledBy.push(`${port}.${method}`);
        row.resources = unique([...row.resources, ...resources]);
      } else {
        rows.set(grant.action, {
          action: grant.action,
          resources: unique(resources),
          ...(condition ? { condition } : {}),
          calledBy: [`${port}.${method}`],
          resourceLevel: !grant.resources.includes('*'),
        });
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.action.localeCompare(b.action));
}

/** Rows with the same resources and condition become one statement; statements and actions in a stable order. */
export function ramPolicy(rows: PolicyRow[]): RamPolicyDocument {
  const statements = new Map<string, RamPolicyDocument['Statement'][number]>();
  for (const row of rows) {
    const key = JSON.stringify([row.resources, row.condition ?? null]);
    const statement = statements.get(key);
    if (statement) statement.Action.push(row.action);
    else {
      statements.set(key, {
        Effect: 'Allow',
        Action: [row.action],
        Resource: row.resources,
        ...(row.condition ? { Condition: row.condition } : {}),
      });
    }
  }
  const list = [...statements.values()];
  for (const statement of list) statement.Action.sort();
  list.sort(
    (a, b) => (a.Resource[0] ?? '').localeCompare(b.Resource[0] ?? '') || a.Action[0]!.localeCompare(b.Action[0]!),
  );
  return { Version: '1', Statement: list };
}

function values(scope: PolicyScope): Record<string, string[]> {
  const prefix = scope.state?.prefix ? `${scope.state.prefix}/` : '';
  return {
    region: [scope.region],
    account: [scope.accountId],
    loadBalancer: scope.loadBalancerIds,
    function: scope.functionNames,
    zone: scope.zones ?? [],
    bucket: scope.state ? [scope.state.bucket] : [],
    prefix: [prefix],
    stack: [scope.stack],
  };
}

/** Every ARN a template names for the scope (one per load balancer, function, zone). */
function expand(template: string, scope: PolicyScope): string[] {
  let results = [template];
  for (const [name, options] of Object.entries(values(scope))) {
    if (!template.includes(`{${name}}`)) continue;
    results = results.flatMap((partial) => options.map((value) => partial.replaceAll(`{${name}}`, value)));
  }
  return results;
}

function expandCondition(
  condition: NonNullable<RamGrant['condition']>,
  scope: PolicyScope,
): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(condition)) {
    out[operator] = {};
    for (const [key, templates] of Object.entries(keys)) {
      out[operator][key] = unique(templates.flatMap((template) => expand(template, scope)));
    }
  }
  return out;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
