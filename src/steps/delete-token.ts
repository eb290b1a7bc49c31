// Deletes get a fresh ClientToken per attempt, as Terraform does for DeleteListener
// (aliyun/terraform-provider-alicloud alicloud/resource_alicloud_alb_listener.go): a token
// whose first call failed with a transient error may keep replaying that error. A delete needs no replay
// protection anyway: deleting what is already gone answers "absent".
import { hasCloudCode } from '../cloud/errors.js';
import { clientToken } from './client-token.js';
import type { StepContext } from './step.js';
import type { StepRef } from './vocabulary.js';

export function deleteToken(ctx: StepContext, step: StepRef, id: string, attempt: number): string {
  return clientToken({
    stack: ctx.stack,
    step,
    epoch: ctx.session.epoch,
    seq: 0,
    inputs: { id },
    purpose: 'delete',
    attempt,
  });
}

/**
 * Runs a delete with a fresh token per attempt; the cloud's "not found" for the resource (or its parent) means
 * it is already gone. Adapters normally answer `absent` themselves; this covers the codes they pass through.
 */
export async function deleteWithFreshTokens<T>(
  ctx: StepContext,
  step: StepRef,
  id: string,
  notFoundCodes: string[],
  call: (clientToken: string) => Promise<T | 'absent'>,
): Promise<T | 'absent'> {
  try {
    return await ctx.retryEach((attempt) => call(deleteToken(ctx, step, id, attempt)));
  } catch (error) {
    if (hasCloudCode(error, ...notFoundCodes)) return 'absent';
    throw error;
  }
}
