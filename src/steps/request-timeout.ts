// A function that may run longer than the listener waits: ALB gives up on a backend after the listener's
// RequestTimeout (`@alicloud/alb20200616 CreateListenerRequest` requestTimeout, 1–600 s, default 60 — what alb-fc's
// listeners get) and answers 504, while FC lets the function run to its own timeout. Not a refusal — many requests
// end well before the function's timeout — but worth a warning at plan time.
import type { ListenerInfo } from '../cloud/ports.js';
import { parseFunctionArn } from './function-arn.js';
import type { DeployContext } from './step.js';

export const DEFAULT_REQUEST_TIMEOUT_S = 60;

/** The warning's text when `functionTimeout` (s) is longer than the listener's `requestTimeout` (s). */
export function requestTimeoutWarning(
  functionTimeout: number | undefined,
  requestTimeout: number,
  listener: string,
): string | undefined {
  if (functionTimeout === undefined || functionTimeout <= requestTimeout) return undefined;
  return (
    `the function's timeout (${functionTimeout} s) is longer than ${listener}'s request timeout ` +
    `(${requestTimeout} s): ALB answers 504 to a request still running after ${requestTimeout} s. ` +
    `Lower --timeout to ${requestTimeout}, or raise the listener's RequestTimeout (up to 600 s) in the ALB console.`
  );
}

/** The function's timeout: the input's, or an existing FC 3.0 function's (undefined when it cannot be read). */
async function functionTimeout(ctx: DeployContext): Promise<number | undefined> {
  const fn = ctx.input.function;
  if (fn.mode === 'create') return fn.timeout;
  const arn = parseFunctionArn(fn.arn);
  if (arn?.version !== 3) return undefined;
  return (await ctx.cloud.functions.get(arn.name).catch(() => undefined))?.timeout;
}

/** Warns once per run when the function may outlive the listener's wait. */
export async function warnAboutRequestTimeout(ctx: DeployContext, existing: ListenerInfo | undefined): Promise<void> {
  await ctx.memo('request-timeout-warning', async () => {
    const requestTimeout = existing?.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_S;
    const listener = existing ? `listener ${existing.id}` : 'the new listener';
    const message = requestTimeoutWarning(await functionTimeout(ctx), requestTimeout, listener);
    if (message) ctx.emit({ type: 'warning', step: 'listener', message });
  });
}
