import type { ApiAnswer } from '../core/service.js';
import type { ApiCall } from './call.js';
import type { PipelineDeps } from './deps.js';
import type { ValidatedCall } from './validate.js';

// Stage 7, idempotency and dispatch: the action runs at most once per ClientToken (POP write APIs, ALB
// error-code page https://alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-errorcodes,
// and the ClientToken page https://www.alibabacloud.com/help/doc-detail/25693.html): the same token and
// parameters replay the first answer; core/idempotency.ts keeps the records. The call's owed latency passes
// after the token is taken, so a second call with the same token meanwhile sees `IdempotenceProcessing`.

export async function dispatchOnce(
  call: ApiCall,
  validated: ValidatedCall,
  dispatch: () => ApiAnswer | Promise<ApiAnswer>,
  deps: PipelineDeps,
): Promise<ApiAnswer> {
  const { service, ctx, fingerprint, dryRun } = validated;
  const token = dryRun ? undefined : ctx.params.string('ClientToken');
  if (token === undefined || fingerprint === undefined) {
    await call.payOwedDelay();
    return dispatch();
  }
  const scope = `${ctx.account.accountId}|${service}|${call.action}`;
  const checked = deps.idempotency.begin(scope, token, fingerprint, deps.clock.now());
  if (checked.kind === 'replay') {
    await call.payOwedDelay();
    return { status: checked.answer.status, json: checked.answer.json };
  }
  let answer: ApiAnswer;
  try {
    await call.payOwedDelay();
    answer = await dispatch();
  } catch (error) {
    deps.idempotency.abandon(checked);
    throw error;
  }
  deps.idempotency.complete(
    checked,
    { status: answer.status ?? 200, json: (answer.json ?? {}) as Record<string, unknown> },
    deps.clock.now(),
  );
  return answer;
}
