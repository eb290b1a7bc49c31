// ALB's limits on forwarding rules, by edition. Source: "Quotas and limits" of ALB,
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/quotas-and-limits
// (per rule: hard limits that cannot be raised) and "ALB quotas",
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/alb-quotas-1
// (forwarding rules per instance, default rule excluded: a default quota that Quota Center can raise up to a maximum).

export type AlbEdition = 'Basic' | 'Standard' | 'StandardWithWaf';

export interface RuleLimits {
  /** Match conditions per rule (QuotaExceeded.RuleMatchEvaluationsNum). */
  conditionsPerRule: number;
  /** Wildcard entries (`*`, `?`) per rule (QuotaExceeded.RuleWildcardsNum). */
  wildcardsPerRule: number;
  /** Actions per rule (QuotaExceeded.RuleActionsNum). */
  actionsPerRule: number;
  /** Forwarding rules per instance: the default quota … */
  rulesPerInstance: number;
  /** … and the most Quota Center grants (ResourceQuotaExceeded.LoadBalancerRulesNum beyond the granted quota). */
  rulesPerInstanceMax: number;
}

export const RULE_LIMITS: Record<AlbEdition, RuleLimits> = {
  Basic: {
    conditionsPerRule: 5,
    wildcardsPerRule: 5,
    actionsPerRule: 3,
    rulesPerInstance: 40,
    rulesPerInstanceMax: 100,
  },
  Standard: {
    conditionsPerRule: 10,
    wildcardsPerRule: 10,
    actionsPerRule: 5,
    rulesPerInstance: 100,
    rulesPerInstanceMax: 200,
  },
  StandardWithWaf: {
    conditionsPerRule: 10,
    wildcardsPerRule: 10,
    actionsPerRule: 5,
    rulesPerInstance: 100,
    rulesPerInstanceMax: 200,
  },
};

/** Server groups one ForwardGroup action may name (CreateRule ForwardGroupConfig.ServerGroupTuples, metadata). */
export const MAX_GROUPS_PER_FORWARD = 5;

/** ALB rule priorities: 1-10000, lower first, unique per listener (CreateRule Priority, metadata). */
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 10_000;

/** Limits of an edition ALB reports; an unknown edition is treated as the strictest. */
export function limitsOf(edition: string | undefined): RuleLimits {
  return RULE_LIMITS[(edition ?? 'Basic') as AlbEdition] ?? RULE_LIMITS.Basic;
}
