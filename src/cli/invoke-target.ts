import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { usageError } from '../errors.js';
import { instanceId, keyOf, kindOf } from '../state/instance-ids.js';
import { recordOf, type StackState } from '../state/schema.js';
import { backendKey } from '../steps/deploy-graph.js';
import { parseFunctionArn } from '../steps/function-arn.js';

// Which function `alb-fc function invoke` runs, and with what event: --function-arn, else the function in the
// stack's state (the route's, with --route), else the one the stack's input names (--function-name, alb-fc.yaml,
// or `alb-fc-<stack>`).
// InvokeFunction is an FC 3.0 API (`@alicloud/fc20230330 InvokeFunctionRequest`): it takes the function's FC 3.0
// name and a qualifier (LATEST, a version or an alias).

export interface InvokeTarget {
  name: string;
  qualifier?: string;
  arn?: string;
  /** Where the function came from, for messages: `--function-arn`, `the stack's state`, `--function-name`. */
  from: string;
}

export function invokeTarget(input: {
  functionArn?: string;
  state?: StackState;
  functionName?: string;
  route?: string;
  stack: string;
}): InvokeTarget {
  if (input.functionArn !== undefined) return fromArn(input.functionArn, '--function-arn');
  const recorded = input.state ? recordedFunction(input.state, input.route) : undefined;
  if (recorded) return fromArn(recorded.arn, recorded.from, recorded.name);
  if (input.route !== undefined) {
    throw usageError(
      'INVALID_VALUE',
      `--route ${input.route}: the stack's state has no function of that route`,
      routesHint(input.state),
    );
  }
  return {
    name: input.functionName ?? `alb-fc-${input.stack}`,
    from: input.functionName ? '--function-name' : 'the default name',
  };
}

/** The route's function in the state; without --route the single function, or the only one there is. */
function recordedFunction(
  state: StackState,
  route: string | undefined,
): { arn: string; name: string; from: string } | undefined {
  if (route !== undefined) {
    const outputs = recordOf(state, instanceId('function', backendKey(route)))?.outputs;
    return outputs && { ...outputs, from: `route ${route} in the stack's state` };
  }
  const single = recordOf(state, 'function')?.outputs;
  if (single) return { ...single, from: "the stack's state" };
  const routes = routesOf(state);
  if (routes.length > 1) {
    throw usageError('MISSING_VALUE', 'the stack has several functions: name one with --route', routesHint(state));
  }
  const only = routes[0] === undefined ? undefined : recordOf(state, instanceId('function', routes[0]))?.outputs;
  return only && { ...only, from: "the stack's state" };
}

/** The backends with a function in the state: route names, and `<route>/canary`. */
function routesOf(state: StackState | undefined): string[] {
  return Object.keys(state?.steps ?? {})
    .filter((id) => kindOf(id) === 'function' && state?.steps[id]?.outputs !== undefined)
    .map((id) => keyOf(id) ?? 'default')
    .sort();
}

function routesHint(state: StackState | undefined): string {
  const routes = routesOf(state);
  return routes.length === 0
    ? 'Deploy the stack first (alb-fc deploy), or name the function with --function-arn.'
    : `Routes with a function: ${routes.join(', ')} (e.g. --route ${routes[0]}).`;
}

function fromArn(arn: string, from: string, fallbackName?: string): InvokeTarget {
  const parsed = parseFunctionArn(arn);
  if (parsed === undefined) {
    if (fallbackName !== undefined) return { name: fallbackName, arn, from };
    throw usageError('INVALID_VALUE', `${from}: ${arn} is not a function ARN`);
  }
  if (parsed.version === 2) {
    throw usageError(
      'UNSUPPORTED_FUNCTION',
      `${arn} is an FC 2.0 function: alb-fc invokes through FC 3.0's InvokeFunction`,
      'Reach it through its HTTP trigger or the load balancer instead: alb-fc test.',
    );
  }
  return { name: parsed.name, ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}), arn, from };
}

/** `--payload TEXT` as is; `--payload @FILE` the file's bytes (relative to the working directory). */
export async function readPayload(payload: string | undefined, cwd: string): Promise<Buffer> {
  if (payload === undefined) return Buffer.alloc(0);
  if (!payload.startsWith('@')) return Buffer.from(payload, 'utf8');
  const path = resolve(cwd, payload.slice(1));
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
    throw usageError('INVALID_VALUE', `--payload ${payload}: ${path} ${reason}`, 'Pass the event as text, or @FILE.');
  }
}
