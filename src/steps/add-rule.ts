// Step 4, for each route that is not the listener's default: a forwarding rule on the shared listener that matches
// the route's host and/or path and forwards to its server group (with its canary's, by weight), or — when no route
// is the default — the catch-all that answers 404. ALB rules are asynchronous (Provisioning → Available) and hold
// their listener meanwhile: a concurrent change is refused with ResourceInConfiguring.Listener /
// IncorrectStatus.Listener and retried (ALB error codes,
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-errorcodes).
import { hasCloudCode } from '../cloud/errors.js';
import type { RuleAction, RuleInfo, RuleMatch } from '../cloud/ports.js';
import { assignPriorities } from '../routes/priorities.js';
import { stackTags } from '../stack-input.js';
import type { RuleOutputs } from '../state/schema.js';
import { buildGraph, FALLBACK_RULE, type RuleSpec } from './deploy-graph.js';
import { deleteWithFreshTokens } from './delete-token.js';
import {
  decideRule,
  describeAction,
  describeMatch,
  normalizedPath,
  ruleChanges,
  type RuleDecision,
  type RuleDesired,
} from './rule-decision.js';
import { settledStatus } from './settle.js';
import type { ApplyOutcome, DeployContext, ResourceStep, StepContext, StepPlan } from './step.js';
import { changeToken } from './client-token.js';
import { AlbFcError, ExitCode } from '../errors.js';

export interface RulePlan extends StepPlan<RuleOutputs> {
  decision: RuleDecision;
  desired: RuleDesired;
}

/** What the catch-all answers when no route is the default. */
export const NOT_FOUND_BODY = 'no route of this alb-fc stack matches this request';

/** ALB rule names: 2-128 letters, digits, `.`, `_`, `-`, starting with a letter (CreateRule RuleName). */
export function ruleName(stack: string, route: string): string {
  return `alb-fc-${stack}-${route === FALLBACK_RULE ? 'not-found' : route}`;
}

function specOf(ctx: DeployContext): RuleSpec {
  const spec = ctx.input.rule;
  if (!spec) throw new Error(`rule step ${ctx.step} planned without its rule`);
  return spec;
}

function actionOf(ctx: DeployContext, spec: RuleSpec): RuleAction | undefined {
  if (spec.action.type === 'fixed-response') {
    return { type: 'fixed-response', status: spec.action.status, content: NOT_FOUND_BODY };
  }
  const targets: Array<{ serverGroupId: string; weight: number }> = [];
  for (const target of spec.action.targets) {
    const group = ctx.upstream.serverGroups?.[target.serverGroup];
    if (!group) return undefined;
    targets.push({ serverGroupId: group.id, weight: target.weight });
  }
  return { type: 'forward', targets };
}

function outputsOf(
  rule: Pick<RuleInfo, 'id' | 'listenerId' | 'name' | 'priority' | 'match'>,
  action: RuleAction,
): RuleOutputs {
  return {
    id: rule.id,
    listenerId: rule.listenerId,
    name: rule.name,
    priority: rule.priority,
    ...(rule.match.host ? { host: rule.match.host } : {}),
    ...(rule.match.path ? { path: rule.match.path } : {}),
    targets: action.type === 'forward' ? action.targets : [],
    ...(action.type === 'fixed-response' ? { fixedStatus: action.status } : {}),
  };
}

function listRules(ctx: StepContext, listenerId: string): Promise<RuleInfo[]> {
  return ctx.cloud.alb.listRules(listenerId);
}

/**
 * The listener's rules as one snapshot of the run: listed once per listener, so the priorities and every rule's plan
 * (or `status` row) read the same listing — one ListRules, not one per route. Waits and teardown read afresh.
 */
function snapshotRules(ctx: StepContext, listenerId: string | undefined): Promise<RuleInfo[]> {
  if (!listenerId) return Promise.resolve([]);
  return ctx.memo(`rules-listed:${listenerId}`, () => listRules(ctx, listenerId));
}

/**
 * The priority of every rule of the stack on this listener, decided once per listener and run (so all rules agree):
 * kept where they are when the order still holds, new numbers nobody holds otherwise (src/routes/priorities.ts).
 */
async function priorities(ctx: DeployContext, listenerId: string | undefined): Promise<Map<string, number>> {
  return ctx.memo(`rule-priorities:${listenerId ?? 'new'}`, async () => {
    const listed = await snapshotRules(ctx, listenerId);
    const rules = buildGraph(ctx.input)
      .filter((node) => node.spec.kind === 'rule')
      .map((node) => ({ id: node.id, spec: node.spec as RuleSpec }))
      .sort((a, b) => a.spec.order - b.spec.order);
    const names = new Map(rules.map((r) => [ruleName(ctx.stack, r.spec.route), r.id]));
    const ours = new Map(listed.filter((r) => names.has(r.name)).map((r) => [names.get(r.name)!, r.priority]));
    const foreign = new Set(listed.filter((r) => !names.has(r.name)).map((r) => r.priority));
    const answer = assignPriorities(
      rules.map((r) => ({
        key: r.id,
        ...(r.spec.priority !== undefined ? { explicit: r.spec.priority } : {}),
        ...(ours.has(r.id) ? { current: ours.get(r.id)! } : {}),
      })),
      foreign,
    );
    if (!answer.ok) {
      throw new AlbFcError({
        code: 'RULE_PRIORITIES',
        message: answer.problem,
        exitCode: ExitCode.preflight,
        hint: 'Write `priority:` for the routes around it in alb-fc.yaml (1-10000, increasing down the file).',
      });
    }
    return answer.priorities;
  });
}

async function deleteRule(ctx: StepContext, outputs: RuleOutputs): Promise<'deleted' | 'absent'> {
  const status = await settledStatus(ctx, `rule ${outputs.id}`, new Set(['Provisioning', 'Configuring']), async () => {
    const rules = await listRules(ctx, outputs.listenerId);
    return rules.find((r) => r.id === outputs.id)?.status;
  });
  if (status === undefined) return 'absent';
  const answer = await deleteWithFreshTokens(ctx, ctx.step, outputs.id, ['ResourceNotFound.Rule'], (token) =>
    ctx.once.alb.deleteRule({ id: outputs.id, clientToken: token }),
  );
  if (answer === 'absent') return 'absent';
  await ctx.wait(`rule ${outputs.id} to be deleted`, async () => {
    const rule = (await listRules(ctx, outputs.listenerId)).find((r) => r.id === outputs.id);
    return rule ? { kind: 'pending', status: rule.status } : { kind: 'ready', status: 'deleted' };
  });
  return 'deleted';
}

export const addRule: ResourceStep<'rule', RulePlan> = {
  id: 'rule',

  async plan(ctx) {
    const spec = specOf(ctx);
    const listener = ctx.upstream.listener;
    const record = ctx.session.record('rule');
    const assigned = await priorities(ctx, listener?.id);
    const desired: RuleDesired = {
      name: ruleName(ctx.stack, spec.route),
      priority: assigned.get(ctx.step) ?? spec.priority ?? 0,
      match: matchOf(spec),
      action: actionOf(ctx, spec),
    };
    const listed = await snapshotRules(ctx, listener?.id);
    const byId = record?.outputs
      ? listed.find((r) => r.id === record.outputs?.id && r.status !== 'Deleting')
      : undefined;
    const decision = decideRule({ stack: ctx.stack, desired, byId, listed, record });
    const stays = decision.found && (decision.action === 'unchanged' || decision.action === 'adopt') && desired.action;
    return {
      step: 'rule',
      action: decision.action,
      reasons: decision.reasons,
      ...(decision.hint ? { hint: decision.hint } : {}),
      detail: `${describeMatch(desired.match)} → ${describeAction(desired.action)} (priority ${desired.priority})`,
      decision,
      desired,
      ...(stays && decision.found && desired.action
        ? { known: outputsOf(decision.found, desired.action), ready: decision.found.status === 'Available' }
        : {}),
    };
  },

  async apply(ctx, plan) {
    const listener = ctx.upstream.listener;
    if (!listener) throw new Error('rule step applied without its listener');
    // A rule change holds its listener (Configuring) until it is done: concurrent changes would only be refused
    // with ResourceInConfiguring.Listener and retried, so the routes' rules take turns, each until Available.
    return ctx.serialize(`listener:${listener.id}`, async () => {
      const outcome = await applyRule(ctx, plan);
      if (outcome.action !== 'unchanged') {
        await ctx.wait(`rule ${outcome.outputs.id} to be ready`, () => addRule.verify(ctx, outcome.outputs));
      }
      return outcome;
    });
  },

  async verify(ctx, outputs) {
    const rule = (await listRules(ctx, outputs.listenerId)).find((r) => r.id === outputs.id);
    if (!rule) return { kind: 'gone' };
    if (rule.status === 'Available') return { kind: 'ready', status: rule.status };
    return { kind: 'pending', status: rule.status };
  },

  remove: deleteRule,

  async locate(ctx, record) {
    const listenerId = record.intent?.request['listenerId'];
    const name = record.intent?.request['name'];
    if (typeof listenerId !== 'string' || typeof name !== 'string') return undefined;
    let rules: RuleInfo[];
    try {
      rules = await listRules(ctx, listenerId);
    } catch (error) {
      if (hasCloudCode(error, 'ResourceNotFound.Listener')) return undefined;
      throw error;
    }
    const found = rules.find((r) => r.name === name && r.status !== 'Deleting');
    if (!found?.action) return undefined;
    return outputsOf(found, found.action);
  },

  async inspect(ctx, outputs) {
    let rules: RuleInfo[];
    try {
      rules = await snapshotRules(ctx, outputs.listenerId);
    } catch (error) {
      if (hasCloudCode(error, 'ResourceNotFound.Listener')) rules = [];
      else throw error;
    }
    const rule = rules.find((r) => r.id === outputs.id);
    if (!rule) return { state: 'missing', details: [`rule ${outputs.id} does not exist`] };
    const action: RuleAction =
      outputs.fixedStatus !== undefined
        ? { type: 'fixed-response', status: outputs.fixedStatus, content: NOT_FOUND_BODY }
        : { type: 'forward', targets: outputs.targets };
    const details = decideRuleDrift(outputs, rule, action);
    return { state: details.length > 0 ? 'drifted' : 'present', status: rule.status, details };
  },

  resourceId: (outputs) => outputs.id,
  describe: (outputs) =>
    `${outputs.id} ${describeMatch({ host: outputs.host, path: outputs.path })} → ${
      outputs.fixedStatus !== undefined
        ? `HTTP ${outputs.fixedStatus}`
        : describeAction({ type: 'forward', targets: outputs.targets })
    } (priority ${outputs.priority})`,
};

async function applyRule(ctx: DeployContext, plan: RulePlan): Promise<ApplyOutcome<RuleOutputs>> {
  const { decision, desired } = plan;
  const listener = ctx.upstream.listener;
  const action = desired.action ?? actionOf(ctx, specOf(ctx));
  if (!listener || !action) throw new Error('rule step applied without its listener or server groups');
  const request = { name: desired.name, priority: desired.priority, match: desired.match, action };
  if (decision.action === 'unchanged' && plan.known) return { action: 'unchanged', outputs: plan.known };
  if (decision.found && (decision.action === 'adopt' || decision.action === 'update')) {
    const outputs = outputsOf({ ...decision.found, priority: desired.priority, match: desired.match }, action);
    if (decision.action === 'update') {
      const token = changeToken(
        { stack: ctx.stack, step: ctx.step, epoch: ctx.session.epoch },
        { rule: decision.found.id, request: JSON.stringify(request) },
      );
      await ctx.cloud.alb.updateRule({ id: decision.found.id, clientToken: token, ...request });
    }
    await ctx.session.adopt('rule', outputs, decision.owned);
    return { action: decision.action === 'update' ? 'updated' : 'adopted', outputs };
  }
  const intent = await ctx.session.beginCreate('rule', {
    listenerId: listener.id,
    name: desired.name,
    priority: desired.priority,
    rule: JSON.stringify(request),
  });
  let created: { id: string };
  try {
    created = await ctx.cloud.alb.createRule({
      clientToken: intent.clientToken,
      listenerId: listener.id,
      ...request,
      tags: stackTags(ctx.stack),
    });
  } catch (error) {
    await ctx.session.createFailed('rule', error);
    throw error;
  }
  const outputs = outputsOf(
    { id: created.id, listenerId: listener.id, name: desired.name, priority: desired.priority, match: desired.match },
    action,
  );
  await ctx.session.createSucceeded('rule', outputs);
  return { action: 'created', outputs };
}

function decideRuleDrift(outputs: RuleOutputs, rule: RuleInfo, action: RuleAction): string[] {
  return ruleChanges({ name: outputs.name, priority: outputs.priority, match: matchOf(outputs), action }, rule);
}

/** The conditions a rule is written with: its host, its path, or the catch-all path `/*`. */
function matchOf(spec: { host?: string | undefined; path?: string | undefined }): RuleMatch {
  const path = normalizedPath(spec);
  return { ...(spec.host ? { host: spec.host } : {}), ...(path ? { path } : {}) };
}
