// Before a delete, wait for the resource's transition in flight to end. ALB refuses to change a listener that is
// Provisioning or Configuring, a server group that is Creating or Configuring (its servers Adding), with
// IncorrectStatus.* (ALB error codes, link below); a run killed right after a create leaves exactly that behind.
// Retrying the refused delete would spend the retry budget on a transition of seconds and, worse, never looks at the
// resource: reading its status until it settles is what Terraform's waiters do, and costs one read when nothing is in
// flight.
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-errorcodes
import type { StepContext } from './step.js';

/**
 * Reads `status()` until it is not in `transitional`; resolves with the settled status, or undefined when
 * the resource is (or became) gone.
 */
export async function settledStatus(
  ctx: StepContext,
  what: string,
  transitional: ReadonlySet<string>,
  status: () => Promise<string | undefined>,
): Promise<string | undefined> {
  let last = await status();
  if (last === undefined || !transitional.has(last)) return last;
  await ctx.wait(`${what} to settle before it is deleted`, async () => {
    last = await status();
    if (last === undefined) return { kind: 'ready', status: 'gone' };
    return transitional.has(last) ? { kind: 'pending', status: last } : { kind: 'ready', status: last };
  });
  return last;
}
