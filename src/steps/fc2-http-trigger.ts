// `--function-arn` with an FC 2.0 function (issue 4 item 9). ALB forwards only to FC 2.0 functions "triggered by HTTP
// requests" (FC 2.0 "ALB triggers":
// https://www.alibabacloud.com/help/en/functioncompute/fc-2-0/user-guide/alb-triggers): an event function without an
// HTTP trigger never gets the request. alb-fc speaks only the FC 3.0 API, which shows FC 2.0 functions under the name
// `{service}${function}` (docs/emulator.md, an assumption) with their HTTP trigger of type `http`. What can be checked
// faithfully: whether the function has an HTTP trigger. What cannot: whether its handler is an event handler — neither
// FC 3.0's Function nor Trigger model has a handler-type field (Function.d.ts, Trigger.d.ts); FC 2.0 itself tells an
// HTTP function from an event function only by that trigger. So the check asks for an HTTP trigger whatever the
// handler, which covers the event handler the issue names. Refusal needs evidence: a function that FC 3.0 does not show
// (the naming may differ) is only a warning, and ALB itself still checks the ARN when the function is added
// (ResourceNotFound.BackendServer).
import { isCloudError } from '../cloud/errors.js';
import type { FunctionArn } from './function-arn.js';
import type { Decision, StepContext } from './step.js';

type Fc2Arn = Extract<FunctionArn, { version: 2 }>;

export const FC2_NAME_SEPARATOR = '$';

/** The FC 3.0 name of an FC 2.0 function. */
export function fc3NameOfFc2(arn: Fc2Arn): string {
  return `${arn.service}${FC2_NAME_SEPARATOR}${arn.name}`;
}

/** `conflict` when FC shows the function without an HTTP trigger; undefined when it has one or cannot tell. */
export async function fc2HttpTriggerProblem(ctx: StepContext, arn: Fc2Arn): Promise<Decision | undefined> {
  const name = fc3NameOfFc2(arn);
  const label = `FC 2.0 function ${arn.service}/${arn.name}`;
  let triggers;
  try {
    triggers = await ctx.cloud.functions.listTriggers(name);
  } catch (error) {
    if (!isCloudError(error)) throw error;
    ctx.emit({
      type: 'warning',
      step: 'function',
      message: `could not check that ${label} has an HTTP trigger (ListTriggers: ${error.cloudCode}); ALB forwards only to FC 2.0 functions triggered by HTTP requests`,
    });
    return undefined;
  }
  if (triggers === undefined) {
    ctx.emit({
      type: 'warning',
      step: 'function',
      message: `FC 3.0 does not show ${label} as ${name}: its HTTP trigger cannot be checked; ALB forwards only to FC 2.0 functions triggered by HTTP requests`,
    });
    return undefined;
  }
  if (triggers.some((t) => t.type.toLowerCase() === 'http')) return undefined;
  return {
    action: 'conflict',
    reasons: [
      `${label} has no HTTP trigger${triggers.length > 0 ? ` (only ${triggers.map((t) => `${t.name}: ${t.type}`).join(', ')})` : ''}: ` +
        'ALB forwards requests only to FC 2.0 functions triggered by HTTP requests, so an event handler never gets them',
    ],
    hint:
      `Add an HTTP trigger to ${arn.service}/${arn.name} (Function Compute console → the function → Triggers → ` +
      'HTTP trigger), then run again; or pass an FC 3.0 function, whose handlers take HTTP requests as events.',
  };
}
