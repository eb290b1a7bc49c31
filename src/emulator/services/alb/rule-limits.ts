import { DEFAULT_BEHAVIOUR, type BehaviourOptions, type LoadBalancerEdition } from '../../options.js';
import type { AlbCall } from './context.js';
import { albError } from './errors.js';
import type { LoadBalancerRecord, RuleRecord } from './state.js';

// What a forwarding rule may hold and how many a load balancer may have, by edition.
//
// Per rule, hard limits (ALB's "Quotas and limits" page,
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/quotas-and-limits, and the SDK's
// CreateRule/UpdateRuleAttribute descriptions): actions Basic 3 / Standard and WAF 5, match conditions 5 / 10,
// wildcard entries 5 / 10. They answer the metadata's `QuotaExceeded.RuleActionsNum`,
// `QuotaExceeded.RuleMatchEvaluationsNum` and `QuotaExceeded.RuleWildcardsNum` ("The quota of %s is exceeded, usage
// %s/%s."); that "match evaluations" counts the rule's conditions and "wildcard entries" its values holding `*` or
// `?` is inferred from the page's wording.
//
// Per load balancer, a quota (ALB's quota page,
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/alb-quotas-1): forwarding rules,
// the listeners' default rules excluded, Basic 40 / Standard 100 / WAF 100 by default; the quota counts the rules of
// every listener of the instance (ACK's "Methods to calculate ALB quotas",
// https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/alb-quota-calculation-method).
// Beyond it: `ResourceQuotaExceeded.
// LoadBalancerRulesNum` (metadata CreateRule). Users can raise it, so it is `behaviour.loadBalancerRulesQuota`.

interface RuleLimits {
  actions: number;
  conditions: number;
  wildcards: number;
}

const BASIC: RuleLimits = { actions: 3, conditions: 5, wildcards: 5 };
const STANDARD: RuleLimits = { actions: 5, conditions: 10, wildcards: 10 };

function limitsOf(edition: LoadBalancerEdition): RuleLimits {
  return edition === 'Basic' ? BASIC : STANDARD;
}

/** The load balancer's quota of rules (the default rules excluded). */
export function rulesQuota(options: BehaviourOptions, edition: LoadBalancerEdition): number {
  return options.loadBalancerRulesQuota[edition] ?? DEFAULT_BEHAVIOUR.loadBalancerRulesQuota[edition] ?? 100;
}

/** Values of a condition that carry a wildcard: `*` or `?` outside a regular expression (`~…`). */
function wildcardEntries(condition: Record<string, unknown>): number {
  const config = condition[`${String(condition.Type)}Config`] as { Values?: unknown[] } | undefined;
  let count = 0;
  for (const value of config?.Values ?? []) {
    const texts =
      typeof value === 'object' && value !== null
        ? Object.values(value as Record<string, unknown>).map(String)
        : [String(value)];
    if (texts.some((text) => !text.startsWith('~') && /[*?]/.test(text))) count += 1;
  }
  return count;
}

/** Refuses a rule that holds more actions, conditions or wildcard entries than its edition allows. */
export function checkRuleLimits(call: AlbCall, edition: LoadBalancerEdition, rule: RuleRecord): void {
  const limits = limitsOf(edition);
  const { action } = call.ctx;
  if (rule.actions.length > limits.actions) {
    throw albError(action, 'QuotaExceeded.RuleActionsNum', 'RuleActionsNum', rule.actions.length, limits.actions);
  }
  if (rule.conditions.length > limits.conditions) {
    throw albError(
      action,
      'QuotaExceeded.RuleMatchEvaluationsNum',
      'RuleMatchEvaluationsNum',
      rule.conditions.length,
      limits.conditions,
    );
  }
  const wildcards = rule.conditions.reduce((sum, condition) => sum + wildcardEntries(condition), 0);
  if (wildcards > limits.wildcards) {
    throw albError(action, 'QuotaExceeded.RuleWildcardsNum', 'RuleWildcardsNum', wildcards, limits.wildcards);
  }
}

/** Refuses `adding` more rules when the load balancer would then hold more than its quota. */
export function checkRulesQuota(call: AlbCall, lb: LoadBalancerRecord, adding: number): void {
  const quota = rulesQuota(call.runtime.options, lb.edition);
  const usage = call.scope.rules.filter((r) => r.loadBalancerId === lb.id).length + adding;
  if (usage > quota) {
    throw albError(
      call.ctx.action,
      'ResourceQuotaExceeded.LoadBalancerRulesNum',
      'LoadBalancerRulesNum',
      lb.id,
      usage,
      quota,
    );
  }
}
