// Create, adopt, update in place, keep or refuse a route's forwarding rule. Found by the id in the state, else on
// the listener by its name and the stack's tags. ALB changes a rule's conditions, actions and priority in place
// (UpdateRuleAttribute, @alicloud/alb20200616 UpdateRuleAttributeRequest), so a changed match, weight or priority
// is an update, never a delete and create: the route never stops answering.
import type { RuleAction, RuleInfo, RuleMatch } from '../cloud/ports.js';
import { type RuleOutputs, type StepRecord, resumableIntent } from '../state/schema.js';
import { describeOwner, isOurs } from './ownership.js';
import type { Decision } from './step.js';

export interface RuleDesired {
  name: string;
  priority: number;
  match: RuleMatch;
  /** Forward targets with their group ids, undefined while a group is still to be created (plan only). */
  action: RuleAction | undefined;
}

export type RuleDecision = Decision & { found?: RuleInfo; owned: boolean; changes: string[] };

export function describeMatch(match: RuleMatch): string {
  const parts = [match.host ? `host ${match.host}` : undefined, match.path ? `path ${match.path}` : undefined];
  return parts.filter(Boolean).join(' ') || 'every request';
}

export function describeAction(action: RuleAction | undefined): string {
  if (!action) return 'the new server group';
  if (action.type === 'fixed-response') return `HTTP ${action.status}`;
  if (action.targets.length === 1) return action.targets[0]!.serverGroupId;
  return action.targets.map((t) => `${t.serverGroupId} ${t.weight}%`).join(', ');
}

function sameAction(a: RuleAction | undefined, b: RuleAction | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  if (a.type === 'fixed-response' && b.type === 'fixed-response') return a.status === b.status;
  if (a.type !== 'forward' || b.type !== 'forward' || a.targets.length !== b.targets.length) return false;
  const key = (t: { serverGroupId: string; weight: number }) => `${t.serverGroupId}:${t.weight}`;
  const theirs = new Set(b.targets.map(key));
  return a.targets.every((t) => theirs.has(key(t)));
}

/** What differs between the live rule and the wanted one, one line each. */
export function ruleChanges(desired: RuleDesired, found: RuleInfo): string[] {
  const changes: string[] = [];
  const match = desired.match;
  if ((found.match.host ?? '') !== (match.host ?? '') || (found.match.path ?? '') !== (normalizedPath(match) ?? '')) {
    changes.push(`match ${describeMatch(found.match)} → ${describeMatch(match)}`);
  }
  if (found.otherConditions.length > 0) changes.push(`conditions ${found.otherConditions.join(', ')} removed`);
  if (!sameAction(found.action, desired.action)) {
    changes.push(`action ${describeAction(found.action)} → ${describeAction(desired.action)}`);
  }
  if (found.priority !== desired.priority) changes.push(`priority ${found.priority} → ${desired.priority}`);
  return changes;
}

/** A rule with neither host nor path is written as the catch-all path `/*` (a rule needs a condition). */
export function normalizedPath(match: { host?: string | undefined; path?: string | undefined }): string | undefined {
  return match.path ?? (match.host ? undefined : '/*');
}

export function decideRule(input: {
  stack: string;
  desired: RuleDesired;
  /** The rule with the state's id, when it still exists. */
  byId: RuleInfo | undefined;
  /** The rules of the listener (looked at only without `byId`). */
  listed: RuleInfo[];
  record: StepRecord<RuleOutputs> | undefined;
}): RuleDecision {
  const { stack, desired, byId, listed, record } = input;
  const owned = record?.owned ?? true;
  const found = byId ?? listed.find((r) => r.name === desired.name && r.status !== 'Deleting');
  if (found && !byId && !isOurs(found.tags, stack)) {
    return {
      action: 'conflict',
      owned: false,
      found,
      changes: [],
      reasons: [`the listener has a rule named ${desired.name} (${found.id}); ${describeOwner(found.tags)}`],
      hint: 'Rename or remove that rule, or deploy this stack under another --stack.',
    };
  }
  if (found) {
    const changes = desired.action === undefined ? [] : ruleChanges(desired, found);
    const adopt = !byId;
    if (changes.length > 0 && byId && !owned) {
      return {
        action: 'conflict',
        owned,
        found,
        changes,
        reasons: [`the adopted rule ${found.id} differs: ${changes.join('; ')}`],
        hint: 'alb-fc does not change a rule it did not create: restore it, or remove it.',
      };
    }
    if (changes.length > 0 || (desired.action === undefined && !adopt)) {
      return {
        action: 'update',
        owned,
        found,
        changes,
        reasons: changes.length > 0 ? changes : ['it will forward to the new server group'],
      };
    }
    return {
      action: adopt ? 'adopt' : 'unchanged',
      owned,
      found,
      changes,
      reasons: adopt ? [`found ${found.id} on the listener by its name and the stack's tags; adopting it`] : [],
    };
  }
  const pending = resumableIntent(record);
  return {
    action: 'create',
    owned: true,
    changes: [],
    reasons: [
      pending
        ? 'resuming an interrupted create with the same ClientToken'
        : record?.outputs
          ? `rule ${record.outputs.id} recorded in state no longer exists; a new one is created`
          : `no rule for ${describeMatch(desired.match)} yet`,
    ],
  };
}
