import type { Params } from '../../api/params.js';
import { resourceId } from '../../core/ids.js';
import { TRANSITIONS } from '../../core/latency.js';
import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { popErrors } from '../../api/api-error.js';
import { albError } from './errors.js';
import { observe, type JobSpec } from './jobs.js';
import { findListener, requireSteadyListener } from './listeners.js';
import { paged } from './listing.js';
import { forwardedGroupIds, ruleShape } from './shapes.js';
import { copy, RESOURCE_NAME, type JobRecord, type ListenerRecord, type RuleRecord } from './state.js';
import { matchesTags, tagFilter, tagsFrom } from './tags.js';

// Forwarding rules in a basic faithful form (metadata CreateRule, CreateRules, DeleteRule, ListRules,
// UpdateRuleAttribute; SDK ListRulesResponseBody): statuses Provisioning/Configuring/Available; a rule
// change is a configuration of its listener, which is Configuring meanwhile, so a concurrent rule change
// is `ResourceInConfiguring.Listener` (aliyun/terraform-provider-alicloud retries it for alb_rule, PR #6841).
// Priorities are unique per listener (`Conflict.Priority`). Rule jobs last as long as a listener update
// (assumption).

const ACTION_TYPES = [
  'ForwardGroup',
  'Redirect',
  'FixedResponse',
  'Rewrite',
  'InsertHeader',
  'RemoveHeader',
  'TrafficLimit',
  'TrafficMirror',
  'Cors',
];
const FINAL_ACTIONS = ['ForwardGroup', 'Redirect', 'FixedResponse'];
const CONDITION_TYPES = [
  'Host',
  'Path',
  'Header',
  'QueryString',
  'Method',
  'Cookie',
  'SourceIp',
  'ResponseHeader',
  'ResponseStatusCode',
];

function findRule(call: AlbCall, id: string): RuleRecord {
  const rule = call.scope.rules.find((r) => r.id === id);
  if (!rule) throw albError(call.ctx.action, 'ResourceNotFound.Rule', id);
  return rule;
}

function checkName(name: string | undefined, at: string): string {
  if (name === undefined || !RESOURCE_NAME.test(name)) throw popErrors.invalidParameter(`${at}RuleName is illegal.`);
  return name;
}

function checkPriority(priority: number | undefined, at: string): number {
  if (priority === undefined || priority < 1 || priority > 10000) {
    throw popErrors.invalidParameter(`${at}Priority must be between 1 and 10000.`);
  }
  return priority;
}

function checkActions(call: AlbCall, listener: ListenerRecord, actions: Array<Record<string, unknown>>, at: string) {
  if (actions.length === 0) throw popErrors.invalidParameter(`${at}RuleActions is mandatory.`);
  const types = actions.map((a) => String(a.Type));
  for (const type of types) {
    if (!ACTION_TYPES.includes(type))
      throw popErrors.invalidParameter(`${at}RuleActions.Type ${type} is not supported.`);
  }
  if (!types.some((t) => FINAL_ACTIONS.includes(t))) {
    throw popErrors.invalidParameter(`${at}RuleActions needs one of ${FINAL_ACTIONS.join(', ')}.`);
  }
  if (types.includes('Rewrite') && !types.includes('ForwardGroup')) {
    throw albError(call.ctx.action, 'OperationDenied.RewriteMissingForwardGroup');
  }
  for (const action of actions) {
    const config = `${String(action.Type)}Config`;
    if (action.Type !== 'RemoveHeader' && action[config] === undefined) {
      throw popErrors.invalidParameter(`${at}RuleActions.${config} is mandatory for ${String(action.Type)}.`);
    }
  }
  for (const groupId of forwardedGroupIds(actions)) {
    const group = call.scope.serverGroups.find((g) => g.id === groupId);
    if (!group) throw albError(call.ctx.action, 'ResourceNotFound.ServerGroup', groupId);
    const lb = call.scope.loadBalancers.find((l) => l.id === listener.loadBalancerId);
    if (group.vpcId && lb && group.vpcId !== lb.vpcId)
      throw albError(call.ctx.action, 'Mismatch.VpcId', 'VpcId', group.id, lb.id);
    // Fc groups serve HTTP listeners only (FC "ALB triggers" page).
    if (group.type === 'Fc' && listener.protocol !== 'HTTP') {
      throw albError(call.ctx.action, 'Mismatch.Protocol', 'Protocol', group.id, listener.id);
    }
  }
}

function checkConditions(conditions: Array<Record<string, unknown>>, at: string): void {
  for (const condition of conditions) {
    const type = String(condition.Type);
    if (!CONDITION_TYPES.includes(type))
      throw popErrors.invalidParameter(`${at}RuleConditions.Type ${type} is not supported.`);
    if (condition[`${type}Config`] === undefined)
      throw popErrors.invalidParameter(`${at}RuleConditions.${type}Config is mandatory.`);
  }
}

function checkDirection(call: AlbCall, listener: ListenerRecord, direction: string | undefined, at: string): string {
  const value = direction ?? 'Request';
  if (value !== 'Request' && value !== 'Response')
    throw popErrors.invalidParameter(`${at}Direction must be Request or Response.`);
  const lb = call.scope.loadBalancers.find((l) => l.id === listener.loadBalancerId);
  // "Basic edition instances do not support Response rules" (metadata Direction).
  if (value === 'Response' && lb?.edition === 'Basic')
    throw popErrors.invalidParameter(`${at}Direction Response needs a Standard edition.`);
  return value;
}

/** One rule of CreateRule (the call's own parameters) or CreateRules (`Rules.N.*`). */
function newRule(call: AlbCall, listener: ListenerRecord, input: Params, at: string): RuleRecord {
  const actions = input.records('RuleActions') ?? [];
  const conditions = input.records('RuleConditions') ?? [];
  checkActions(call, listener, actions, at);
  checkConditions(conditions, at);
  return {
    id: resourceId('rule'),
    listenerId: listener.id,
    loadBalancerId: listener.loadBalancerId,
    name: checkName(input.string('RuleName'), at),
    priority: checkPriority(input.number('Priority'), at),
    direction: checkDirection(call, listener, input.string('Direction'), at),
    actions,
    conditions,
    tags: tagsFrom(input),
    createdAt: call.now,
    status: 'Provisioning',
  };
}

function checkPriorities(call: AlbCall, listener: ListenerRecord, rules: RuleRecord[], except?: string): void {
  const taken = call.scope.rules.filter((r) => r.listenerId === listener.id && r.id !== except);
  const seen = new Map<string, string>();
  for (const rule of [...taken, ...rules]) {
    const key = `${rule.direction}|${rule.priority}`;
    const other = seen.get(key);
    if (other) throw albError(call.ctx.action, 'Conflict.Priority', other, `Priority ${rule.priority}`);
    seen.set(key, rule.id);
  }
}

/** A rule change is a configuration of its listener: the listener is Configuring until the job ends. */
function ruleJob(
  call: AlbCall,
  listener: ListenerRecord,
  spec: Omit<JobSpec, 'apiName' | 'transition' | 'subjects'>,
  subjects: string[],
): JobRecord {
  const job = call.job({ ...spec, transition: TRANSITIONS.listenerUpdate, subjects });
  listener.status = 'Configuring';
  listener.jobId = job.Id;
  return job;
}

function create(call: AlbCall, inputs: Params[], batch: boolean): ApiAnswer {
  const listener = findListener(call, call.ctx.params.requiredString('ListenerId'));
  const rules = inputs.map((input, index) => newRule(call, listener, input, batch ? `Rules.${index + 1}.` : ''));
  checkPriorities(call, listener, rules);
  requireSteadyListener(call, listener);
  call.ctx.checkpoint();
  const job = batch
    ? ruleJob(call, listener, { operateType: 'Update', resourceType: 'listener', resourceId: listener.id }, [
        listener.id,
        ...rules.map((r) => r.id),
      ])
    : ruleJob(call, listener, { operateType: 'Create', resourceType: 'rule', resourceId: rules[0]!.id }, [
        rules[0]!.id,
        listener.id,
      ]);
  for (const rule of rules) rule.jobId = job.Id;
  call.scope.rules.push(...rules);
  return batch
    ? { json: { RuleIds: rules.map((r) => ({ RuleId: r.id, Priority: r.priority })), JobId: job.Id } }
    : { json: { RuleId: rules[0]!.id, JobId: job.Id } };
}

export function createRule(call: AlbCall): ApiAnswer {
  return create(call, [call.ctx.params], false);
}

export function createRules(call: AlbCall): ApiAnswer {
  const rules = call.ctx.params.objects('Rules') ?? [];
  if (rules.length === 0) throw popErrors.invalidParameter('Rules is mandatory.');
  // The metadata's schema says maxItems 11 (checked by the pipeline), its description "一次最多不能超过10条"
  // (at most 10 per call): the description wins, the 11 reads as an off-by-one.
  if (rules.length > 10) throw popErrors.invalidParameter('Rules takes at most 10 rules.');
  return create(call, rules, true);
}

function requireAvailableRule(call: AlbCall, rule: RuleRecord): void {
  if (rule.status !== 'Available') throw albError(call.ctx.action, 'IncorrectStatus.Rule', rule.id, rule.status);
}

export function updateRuleAttribute(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const rule = findRule(call, params.requiredString('RuleId'));
  const listener = findListener(call, rule.listenerId);
  const changed: RuleRecord = { ...rule };
  if (params.has('RuleName')) changed.name = checkName(params.string('RuleName'), '');
  if (params.has('Priority')) changed.priority = checkPriority(params.number('Priority'), '');
  const actions = params.records('RuleActions');
  if (actions !== undefined) {
    changed.actions = actions;
    checkActions(call, listener, changed.actions, '');
  }
  const conditions = params.records('RuleConditions');
  if (conditions !== undefined) {
    changed.conditions = conditions;
    checkConditions(changed.conditions, '');
  }
  checkPriorities(call, listener, [changed], rule.id);
  requireAvailableRule(call, rule);
  requireSteadyListener(call, listener);
  call.ctx.checkpoint();
  const job = ruleJob(
    call,
    listener,
    { operateType: 'Update', resourceType: 'rule', resourceId: rule.id, rollback: [copy(rule)] },
    [rule.id, listener.id],
  );
  Object.assign(rule, changed, { status: 'Configuring', jobId: job.Id });
  return { json: { JobId: job.Id } };
}

export function deleteRule(call: AlbCall): ApiAnswer {
  const rule = findRule(call, call.ctx.params.requiredString('RuleId'));
  const listener = findListener(call, rule.listenerId);
  requireAvailableRule(call, rule);
  requireSteadyListener(call, listener);
  call.ctx.checkpoint();
  const job = ruleJob(call, listener, { operateType: 'Delete', resourceType: 'rule', resourceId: rule.id }, [
    rule.id,
    listener.id,
  ]);
  // The SDK knows no Deleting rule status: a rule being deleted reads Configuring until it is gone (assumption).
  rule.status = 'Configuring';
  rule.jobId = job.Id;
  return { json: { JobId: job.Id } };
}

export function listRules(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const ids = params.strings('RuleIds');
  const listenerIds = params.strings('ListenerIds');
  const lbIds = params.strings('LoadBalancerIds');
  const direction = params.string('Direction');
  const tags = tagFilter(params);
  const rules = call.scope.rules
    .filter(
      (r) =>
        (!ids?.length || ids.includes(r.id)) &&
        (!listenerIds?.length || listenerIds.includes(r.listenerId)) &&
        (!lbIds?.length || lbIds.includes(r.loadBalancerId)) &&
        (direction === undefined || r.direction === direction) &&
        matchesTags(r.tags, tags),
    )
    .sort((a, b) => a.listenerId.localeCompare(b.listenerId) || a.priority - b.priority);
  const { page, envelope } = paged(call, rules);
  observe(
    call.scope,
    page.filter((r) => r.status !== 'Available').map((r) => r.id),
    call.now,
  );
  return { json: { Rules: page.map(ruleShape), ...envelope } };
}
