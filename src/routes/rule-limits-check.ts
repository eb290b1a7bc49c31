// The rule limits that depend on the ALB's edition, checked once the instance is known and before anything is
// written (exit 4): conditions and wildcard entries per rule are hard limits
// (https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/quotas-and-limits).
// The rules-per-instance quota counts every listener's rules and can be raised, so it is the cloud's
// ResourceQuotaExceeded.LoadBalancerRulesNum that says when it is reached.
import { preflightError } from '../errors.js';
import type { StackInput } from '../stack-input.js';
import { limitsOf } from './limits.js';
import { wildcardCount } from './patterns.js';
import { isDefaultRoute } from './route-input.js';

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
  // A Basic instance's rules forward and redirect only (ALB "Manage forwarding rules for a listener", table 1:
  // https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/manage-forwarding-rules-for-a-listener),
  // so it cannot answer the 404 that stands in for a missing default route.
  if (edition === 'Basic' && !input.routes.some(isDefaultRoute)) {
    problems.push(
      'a Basic ALB cannot answer what no route matches with a 404 (no fixed responses): add a default route',
    );
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
      'Change the routes as said, or use an ALB of the Standard edition (fixed responses, 10 wildcards per rule, up to 200 rules).',
    );
  }
}
