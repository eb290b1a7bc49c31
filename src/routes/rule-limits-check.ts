// The rule limits that depend on the ALB's edition, checked once the instance is known and before anything is
// written (exit 4): conditions and wildcard entries per rule are hard limits
// (https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/quotas-and-limits).
// The rules-per-instance quota counts every listener's rules and can be raised, so it is the cloud's
// ResourceQuotaExceeded.LoadBalancerRulesNum that says when it is reached.
import { preflightError } from '../errors.js';
import type { StackInput } from '../stack-input.js';
import { limitsOf } from './limits.js';
import { wildcardCount } from './patterns.js';

export function checkRuleLimits(input: Pick<StackInput, 'routes'>, edition: string | undefined): void {
  const limits = limitsOf(edition);
  const problems: string[] = [];
  for (const route of input.routes) {
    const wildcards = wildcardCount(route.host ?? '') + wildcardCount(route.path ?? '');
    if (wildcards > limits.wildcardsPerRule) {
      problems.push(
        `route ${route.name} uses ${wildcards} wildcards (* and ?); a rule may hold ${limits.wildcardsPerRule}`,
      );
    }
  }
  if (input.routes.length > limits.rulesPerInstanceMax) {
    problems.push(
      `${input.routes.length} routes need as many forwarding rules; a ${edition ?? 'Basic'} ALB holds at most ${limits.rulesPerInstanceMax}`,
    );
  }
  if (problems.length > 0) {
    throw preflightError(
      'ROUTE_LIMITS',
      `the routes exceed the limits of a ${edition ?? 'Basic'} ALB: ${problems.join('; ')}`,
      'Use fewer wildcards or routes, or an ALB of the Standard edition (10 wildcards per rule, up to 200 rules).',
    );
  }
}
