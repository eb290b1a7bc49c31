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
import { findLoadBalancer } from './load-balancers.js';
import { checkActions, normalizedActions, type ActionTarget } from './rule-actions.js';
import { checkConditions } from './rule-conditions.js';
import { checkRuleLimits, checkRulesQuota } from './rule-limits.js';
import { ruleShape } from './shapes.js';
import {
  copy,
  RESOURCE_NAME,
  type JobRecord,
  type ListenerRecord,
  type LoadBalancerRecord,
  type RuleRecord,
} from './state.js';
import { matchesTags, tagFilter, tagsFrom } from './tags.js';

// Forwarding rules (metadata CreateRule, CreateRules, DeleteRule, ListRules, UpdateRuleAttribute; the SDK's
// descriptions of each; ListRulesResponseBody): statuses Provisioning→Available after a create, Configuring during an
// update, Deleting→gone. A rule change is a configuration of its listener, which is Configuring meanwhile, so a
// concurrent change on that listener is `ResourceInConfiguring.Listener` (metadata; aliyun/terraform-provider-alicloud
// retries it for alb_rule, PR #6841) and one on a rule in flight `IncorrectStatus.Rule` (Terraform retries it on
// DeleteRule). Priorities are unique per listener and direction (`Conflict.Priority`). What a rule may hold:
// rule-conditions.ts, rule-actions.ts, rule-limits.ts. Rule jobs last as long as a listener update (assumption).

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

function checkDirection(lb: LoadBalancerRecord, direction: string | undefined, at: string): string {
  const value = direction ?? 'Request';
  if (value !== 'Request' && value !== 'Response')
    throw popErrors.invalidParameter(`${at}Direction must be Request or Response.`);
  // "Basic edition instances do not support Response rules" (metadata Direction).
  if (value === 'Response' && lb.edition === 'Basic')
    throw popErrors.invalidParameter(`${at}Direction Response needs a Standard edition.`);
  return value;
}

/** The actions and conditions a request gives, checked for who they are for. */
function ruleBody(call: AlbCall, input: Params, target: ActionTarget, at: string) {
  const actions = input.objects('RuleActions');
  const conditions = input.objects('RuleConditions');
  if (actions !== undefined) {
    if (actions.length === 0) throw popErrors.invalidParameter(`${at}RuleActions is mandatory.`);
    checkActions(call, actions, target, at);
  }
  if (conditions !== undefined) checkConditions(call, conditions, target.direction, target.lb.edition, at);
  const actionRecords = input.records('RuleActions');
  return {
    ...(actionRecords ? { actions: normalizedActions(actionRecords) } : {}),
    ...(conditions ? { conditions: input.records('RuleConditions') ?? [] } : {}),
  };
}

/** One rule of CreateRule (the call's own parameters) or CreateRules (`Rules.N.*`). */
function newRule(
  call: AlbCall,
  listener: ListenerRecord,
  lb: LoadBalancerRecord,
  input: Params,
  at: string,
): RuleRecord {
  const direction = checkDirection(lb, input.string('Direction'), at);
  if (!input.has('RuleActions')) throw popErrors.invalidParameter(`${at}RuleActions is mandatory.`);
  const body = ruleBody(call, input, { listener, lb, direction }, at);
  const rule: RuleRecord = {
    id: resourceId('rule'),
    listenerId: listener.id,
    loadBalancerId: listener.loadBalancerId,
    name: checkName(input.string('RuleName'), at),
    priority: checkPriority(input.number('Priority'), at),
    direction,
    actions: body.actions ?? [],
    conditions: body.conditions ?? [],
    tags: tagsFrom(input),
    createdAt: call.now,
    status: 'Provisioning',
  };
  checkRuleLimits(call, lb.edition, rule);
  return rule;
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
  const lb = findLoadBalancer(call, listener.loadBalancerId);
  const rules = inputs.map((input, index) => newRule(call, listener, lb, input, batch ? `Rules.${index + 1}.` : ''));
  checkPriorities(call, listener, rules);
  checkRulesQuota(call, lb, rules.length);
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
  const lb = findLoadBalancer(call, listener.loadBalancerId);
  const changed: RuleRecord = { ...rule, ...ruleBody(call, params, { listener, lb, direction: rule.direction }, '') };
  if (params.has('RuleName')) changed.name = checkName(params.string('RuleName'), '');
  if (params.has('Priority')) changed.priority = checkPriority(params.number('Priority'), '');
  checkRuleLimits(call, lb.edition, changed);
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
  rule.status = 'Deleting';
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
