import type * as $Alb from '@alicloud/alb20200616';
import { hasCloudCode } from '../errors.js';
import type { AlbPort, RuleAction, RuleInfo, RuleMatch, RuleSpecRequest } from '../ports.js';
import type { Caller } from './call.js';
import type { SdkClient } from './sdk-loader.js';
import { allTokenPages } from './pages.js';
import { fromTagList, toTagList } from './tags.js';

// ALB forwarding rules and the listener's default action, through the official client
// (@alicloud/alb20200616 CreateRuleRequest, UpdateRuleAttributeRequest, DeleteRuleRequest, ListRulesRequest,
// UpdateListenerAttributeRequest). alb-fc writes one Host and/or one Path condition, and one final action:
// ForwardGroup with a weight per group, or a FixedResponse.

export type AlbRulesPort = Pick<
  AlbPort,
  'listRules' | 'createRule' | 'updateRule' | 'deleteRule' | 'setListenerDefaultGroup'
>;

function conditions(match: RuleMatch): Array<Record<string, unknown>> {
  return [
    ...(match.host ? [{ type: 'Host', hostConfig: { values: [match.host] } }] : []),
    // A rule needs a condition (CreateRule RuleConditions): the catch-all matches every path.
    ...(match.path || !match.host ? [{ type: 'Path', pathConfig: { values: [match.path ?? '/*'] } }] : []),
  ];
}

function actions(action: RuleAction): Array<Record<string, unknown>> {
  if (action.type === 'fixed-response') {
    return [
      {
        type: 'FixedResponse',
        order: 1,
        fixedResponseConfig: { httpCode: String(action.status), contentType: 'text/plain', content: action.content },
      },
    ];
  }
  return [
    {
      type: 'ForwardGroup',
      order: 1,
      forwardGroupConfig: {
        serverGroupTuples: action.targets.map((t) => ({ serverGroupId: t.serverGroupId, weight: t.weight })),
      },
    },
  ];
}

function toRule(rule: $Alb.ListRulesResponseBodyRules): RuleInfo {
  const match: RuleMatch = {};
  const otherConditions: string[] = [];
  for (const condition of rule.ruleConditions ?? []) {
    if (condition.type === 'Host' && condition.hostConfig?.values?.length === 1)
      match.host = condition.hostConfig.values[0];
    else if (condition.type === 'Path' && condition.pathConfig?.values?.length === 1) {
      match.path = condition.pathConfig.values[0];
    } else otherConditions.push(condition.type ?? '?');
  }
  const finals = (rule.ruleActions ?? []).filter((a) => a.type === 'ForwardGroup' || a.type === 'FixedResponse');
  const [final] = finals;
  let action: RuleAction | undefined;
  if ((rule.ruleActions ?? []).length === 1 && final?.type === 'ForwardGroup') {
    const tuples = final.forwardGroupConfig?.serverGroupTuples ?? [];
    action = {
      type: 'forward',
      // One group without a weight forwards everything (CreateRule ServerGroupTuples Weight: default 100).
      targets: tuples.map((t) => ({ serverGroupId: t.serverGroupId ?? '', weight: t.weight ?? 100 })),
    };
  } else if ((rule.ruleActions ?? []).length === 1 && final?.type === 'FixedResponse') {
    action = {
      type: 'fixed-response',
      status: Number(final.fixedResponseConfig?.httpCode ?? 0),
      content: final.fixedResponseConfig?.content ?? '',
    };
  }
  return {
    id: rule.ruleId ?? '',
    listenerId: rule.listenerId ?? '',
    name: rule.ruleName ?? '',
    priority: rule.priority ?? 0,
    status: rule.ruleStatus ?? '',
    match,
    action,
    otherConditions,
    tags: fromTagList(rule.tags),
  };
}

function ruleFields(req: RuleSpecRequest) {
  return {
    ruleName: req.name,
    priority: req.priority,
    ruleConditions: conditions(req.match),
    ruleActions: actions(req.action),
  };
}

export function albRulesAdapter(alb: SdkClient<'alb'>, call: Caller): AlbRulesPort {
  return {
    listRules(listenerId) {
      return allTokenPages(async (nextToken) => {
        const answer = await call(alb, 'ListRules', ({ client, sdk }) =>
          client.listRules(new sdk.ListRulesRequest({ listenerIds: [listenerId], maxResults: 100, nextToken })),
        );
        return { items: (answer.body?.rules ?? []).map(toRule), nextToken: answer.body?.nextToken };
      });
    },

    async createRule(req) {
      const answer = await call(alb, 'CreateRule', ({ client, sdk }) =>
        client.createRule(
          new sdk.CreateRuleRequest({
            listenerId: req.listenerId,
            ...ruleFields(req),
            tag: toTagList(req.tags),
            clientToken: req.clientToken,
          }),
        ),
      );
      return { id: answer.body?.ruleId ?? '', jobId: answer.body?.jobId ?? '' };
    },

    async updateRule(req) {
      const answer = await call(alb, 'UpdateRuleAttribute', ({ client, sdk }) =>
        client.updateRuleAttribute(
          new sdk.UpdateRuleAttributeRequest({ ruleId: req.id, ...ruleFields(req), clientToken: req.clientToken }),
        ),
      );
      return { jobId: answer.body?.jobId ?? '' };
    },

    async deleteRule(req) {
      try {
        const answer = await call(alb, 'DeleteRule', ({ client, sdk }) =>
          client.deleteRule(new sdk.DeleteRuleRequest({ ruleId: req.id, clientToken: req.clientToken })),
        );
        return { jobId: answer.body?.jobId ?? '' };
      } catch (error) {
        if (hasCloudCode(error, 'ResourceNotFound.Rule', 'ResourceNotFound.Listener')) return 'absent';
        throw error;
      }
    },

    async setListenerDefaultGroup(req) {
      const answer = await call(alb, 'UpdateListenerAttribute', ({ client, sdk }) =>
        client.updateListenerAttribute(
          new sdk.UpdateListenerAttributeRequest({
            listenerId: req.id,
            defaultActions: [
              {
                type: 'ForwardGroup',
                forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: req.serverGroupId }] },
              },
            ],
            clientToken: req.clientToken,
          }),
        ),
      );
      return { jobId: answer.body?.jobId ?? '' };
    },
  };
}
