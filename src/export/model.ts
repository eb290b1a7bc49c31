// `alb-fc export` (docs/teams.md, "Handing a stack to Terraform or ROS"): a neutral model of what a stack has
// deployed, built from its state and, where the state records no setting, from a live read of the resource. The
// state is the source of the stack's shape and ids: every record with outputs, keyed by instance
// (src/state/instance-ids.ts), its rule match and weights as ALB reported them when the rule was created or
// updated (src/steps/add-rule.ts). The stack's inputs (alb-fc.yaml) are not read: they say what the next deploy
// would make, the export hands over what is there. Pure: the live facts are given.
import type { FunctionInfo, ListenerInfo, ServerGroupInfo } from '../cloud/ports.js';
import { keyOf, kindOf } from '../state/instance-ids.js';
import type {
  AnyStepRecord,
  DnsRecordOutputs,
  FunctionOutputs,
  ListenerOutputs,
  RuleOutputs,
  ServerGroupOutputs,
  ServerOutputs,
  StackState,
} from '../state/schema.js';

/** The route key of a record: the instance key (`users`, `users/canary`, `_fallback`, a host), `default` if bare. */
export type ExportKey = string;

export interface ExportFunction {
  key: ExportKey;
  name: string;
  arn: string;
  /** Created by this stack: exported as a resource with its code. False: adopted (e.g. --function-arn). */
  managed: boolean;
  runtime?: string;
  handler?: string;
  memorySize?: number;
  timeout?: number;
  cpu?: number;
  instanceConcurrency?: number;
  description?: string;
  tags?: Record<string, string>;
  /** Capacity alb-fc set through separate FC calls (PutConcurrencyConfig, PutProvisionConfig). */
  reservedConcurrency?: number;
  provisionedInstances?: number;
}

export interface ExportServerGroup {
  key: ExportKey;
  id: string;
  name: string;
  managed: boolean;
  healthCheck: boolean;
  tags?: Record<string, string>;
  /** The function in the group (a Function Compute server group holds one), by ARN. */
  functionArn?: string;
}

export interface ExportListener {
  id: string;
  managed: boolean;
  loadBalancerId: string;
  port: number;
  /** The default action's server group. */
  serverGroupId: string;
  tags?: Record<string, string>;
}

export type ExportRuleAction =
  | { type: 'forward'; targets: Array<{ serverGroupId: string; weight: number }> }
  | { type: 'fixed-response'; status: number; content: string };

export interface ExportRule {
  key: ExportKey;
  id: string;
  managed: boolean;
  listenerId: string;
  name: string;
  priority: number;
  host?: string;
  /** A rule with neither host nor path matches every path, `/*` (src/steps/rule-decision.ts normalizedPath). */
  path?: string;
  action: ExportRuleAction;
}

export interface ExportDnsRecord {
  key: ExportKey;
  id: string;
  managed: boolean;
  zone: string;
  rr: string;
  domain: string;
  value: string;
  ttl: number;
}

export interface ExportModel {
  stack: string;
  region: string;
  /** The ALB is the user's: referenced, never managed. */
  loadBalancerId: string | undefined;
  /** The CNAME target, when the state knows it. */
  loadBalancerDnsName: string | undefined;
  functions: ExportFunction[];
  serverGroups: ExportServerGroup[];
  listener: ExportListener | undefined;
  rules: ExportRule[];
  dnsRecords: ExportDnsRecord[];
  /** Records left out, and why (a create whose outcome is unknown). */
  skipped: string[];
}

/** What a live read adds to the state: settings the state does not record. Keyed by function name / id. */
export interface LiveFacts {
  functions?: Record<string, FunctionInfo | undefined>;
  serverGroups?: Record<string, ServerGroupInfo | undefined>;
  listeners?: Record<string, ListenerInfo | undefined>;
}

/** The catch-all's body (src/steps/add-rule.ts NOT_FOUND_BODY); passed in to keep this module free of steps. */
export interface ModelOptions {
  notFoundBody: string;
}

type Entry<O> = { key: ExportKey; owned: boolean; outputs: O };

function entriesOf<O>(state: StackState, kind: string, skipped: string[]): Array<Entry<O>> {
  const entries: Array<Entry<O>> = [];
  for (const [id, value] of Object.entries(state.steps)) {
    const record = value as AnyStepRecord | undefined;
    if (!record || kindOf(id) !== kind) continue;
    if (!record.outputs) {
      if (record.status === 'pending') skipped.push(`${id}: its create has not been confirmed (run alb-fc deploy)`);
      continue;
    }
    entries.push({ key: keyOf(id) ?? 'default', owned: record.owned, outputs: record.outputs as O });
  }
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function buildExportModel(state: StackState, live: LiveFacts, options: ModelOptions): ExportModel {
  const skipped: string[] = [];
  const functions = entriesOf<FunctionOutputs>(state, 'function', skipped).map(({ key, owned, outputs }) => {
    const info = live.functions?.[outputs.name];
    const managed = owned && outputs.mode === 'create';
    return defined<ExportFunction>({
      key,
      name: outputs.name,
      arn: outputs.arn,
      managed,
      runtime: info?.runtime ?? outputs.runtime,
      handler: info?.handler ?? outputs.handler,
      memorySize: info?.memorySize ?? outputs.memorySize,
      timeout: info?.timeout ?? outputs.timeout,
      // Set only when alb-fc asked for them: FC picks a CPU and a concurrency otherwise.
      cpu: outputs.cpu,
      instanceConcurrency: outputs.instanceConcurrency,
      description: info?.description,
      tags: info?.tags,
      reservedConcurrency: outputs.reservedConcurrency,
      provisionedInstances: outputs.provisionedInstances,
    });
  });

  const servers = entriesOf<ServerOutputs>(state, 'server', skipped);
  const serverGroups = entriesOf<ServerGroupOutputs>(state, 'serverGroup', skipped).map(({ key, owned, outputs }) => {
    const info = live.serverGroups?.[outputs.id];
    const server = servers.find((s) => s.outputs.serverGroupId === outputs.id);
    return defined<ExportServerGroup>({
      key,
      id: outputs.id,
      name: outputs.name,
      managed: owned,
      // Function Compute server groups are created without health checks unless --health-check (docs/emulator.md).
      healthCheck: info?.healthCheckEnabled ?? false,
      tags: info?.tags,
      functionArn: server?.outputs.functionArn,
    });
  });

  const [listenerEntry] = entriesOf<ListenerOutputs>(state, 'listener', skipped);
  const listener: ExportListener | undefined = listenerEntry
    ? defined<ExportListener>({
        id: listenerEntry.outputs.id,
        managed: listenerEntry.owned,
        loadBalancerId: listenerEntry.outputs.loadBalancerId,
        port: listenerEntry.outputs.port,
        serverGroupId: listenerEntry.outputs.serverGroupId,
        tags: live.listeners?.[listenerEntry.outputs.id]?.tags,
      })
    : undefined;

  const rules = entriesOf<RuleOutputs>(state, 'rule', skipped)
    .map(({ key, owned, outputs }) =>
      defined<ExportRule>({
        key,
        id: outputs.id,
        managed: owned,
        listenerId: outputs.listenerId,
        name: outputs.name,
        priority: outputs.priority,
        host: outputs.host,
        path: outputs.path ?? (outputs.host ? undefined : '/*'),
        action:
          outputs.fixedStatus !== undefined
            ? { type: 'fixed-response', status: outputs.fixedStatus, content: options.notFoundBody }
            : { type: 'forward', targets: outputs.targets.map((t) => ({ ...t })) },
      }),
    )
    .sort((a, b) => a.priority - b.priority);

  const dnsRecords = entriesOf<DnsRecordOutputs>(state, 'dnsRecord', skipped)
    .map(({ key, owned, outputs }) => ({
      key: key === 'default' ? outputs.domain : key,
      id: outputs.recordId,
      managed: owned,
      zone: outputs.zone,
      rr: outputs.rr,
      domain: outputs.domain,
      value: outputs.value,
      ttl: outputs.ttl,
    }))
    .sort((a, b) => a.domain.localeCompare(b.domain));

  const lookup = state.lookup?.outputs;
  return {
    stack: state.stack,
    region: state.region,
    loadBalancerId: listener?.loadBalancerId ?? lookup?.loadBalancerId,
    loadBalancerDnsName: lookup?.dnsName ?? dnsRecords[0]?.value,
    functions,
    serverGroups,
    listener,
    rules,
    dnsRecords,
    skipped,
  };
}

/** True when the model has anything deployed to hand over. */
export function hasResources(model: ExportModel): boolean {
  return model.functions.length + model.serverGroups.length + (model.listener ? 1 : 0) + model.dnsRecords.length > 0;
}

/** The ZIP file of a managed function, relative to the exported document. */
export function codeFileOf(fn: Pick<ExportFunction, 'name'>): string {
  return `${CODE_DIR}/${fn.name}.zip`;
}

/** The folder beside the exported document that holds the functions' ZIPs. */
export const CODE_DIR = 'alb-fc-export';
