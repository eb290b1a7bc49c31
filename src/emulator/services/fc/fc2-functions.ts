import { zipSync } from 'fflate';
import { fc2FunctionArn, FC_NAME, FC_QUALIFIER, FC_REGION } from '../../core/function-arn.js';
import { uuid } from '../../core/ids.js';
import { accountIdOf, AdminInputError } from '../../core/admin-input.js';
import type { AdminRequest, ApiAnswer } from '../../core/service.js';
import { storeCode } from './code-package.js';
import { SETTLED } from './lifecycle.js';
import { checkHandler, checkRuntime, checkTimeout, checkMemorySize, defaultCpu } from './settings-rules.js';
import { scopeOf, type StoredFc2Function, type StoredTrigger } from './state.js';
import { functionView } from './views.js';

// Function Compute 2.0 functions (services → functions). The FC 3.0 API cannot create them, yet alb-fc
// must accept their ARNs (`--function-arn`, issue 4 item 9) and check that an event-handler function has an
// HTTP trigger. They are seeded through `POST /_emulator/fc/fc2-functions`.
//
// How FC 3.0 reads show them:
// - ListFunctions lists FC 2.0 and FC 3.0 functions unless `fcVersion` is `v3` (only 3.0) or `v2` (only
//   2.0) (ListFunctions API doc, help.aliyun.com …/api-fc-2023-03-30-listfunctions, "fcVersion").
// - Their FC 3.0 name is `{serviceName}${functionName}` (assumption: recalled from the FC 3.0 console; no
//   public source found), which GetFunction, ListTriggers, GetTrigger and InvokeFunction accept.
// - Their `functionArn` is the FC 2.0 form `acs:fc:{region}:{account}:services/{service}/functions/{name}`
//   (FC 2.0's convention, assumption); the FC 3.0 API refuses to change them (assumption: manage them with the
//   FC 2.0 API).
// - An HTTP trigger shows as `defaultTrigger` (the name of the FC console's default HTTP trigger, also the
//   Trigger.d.ts example; assumption) of type `http`, qualifier LATEST.

export const FC2_NAME_SEPARATOR = '$';

/** FC 2.0's documented default memory (ROS Aliyun::Serverless::Function: 128 MB). */
const FC2_DEFAULT_MEMORY = 128;
const FC2_HTTP_TRIGGER_NAME = 'defaultTrigger';

export function fc2ViewName(serviceName: string, functionName: string): string {
  return `${serviceName}${FC2_NAME_SEPARATOR}${functionName}`;
}

export function fc2Arn(region: string, accountId: string, fn: StoredFc2Function): string {
  return fc2FunctionArn(region, accountId, fn.serviceName, fn.functionName);
}

export function fc2View(
  region: string,
  accountId: string,
  fn: StoredFc2Function,
  withStatus: boolean,
): Record<string, unknown> {
  return functionView(
    {
      functionName: fc2ViewName(fn.serviceName, fn.functionName),
      functionId: fn.functionId,
      functionArn: fc2Arn(region, accountId, fn),
      createdTime: fn.createdTime,
      lastModifiedTime: fn.createdTime,
      tags: {},
    },
    fn.settings,
    withStatus ? SETTLED : undefined,
  );
}

/** The HTTP trigger an FC 2.0 function shows through ListTriggers/GetTrigger. */
export function fc2Triggers(fn: StoredFc2Function): StoredTrigger[] {
  if (!fn.httpTrigger) return [];
  return [
    {
      triggerName: FC2_HTTP_TRIGGER_NAME,
      triggerId: fn.functionId.replace(/-/g, '').slice(0, 24),
      triggerType: 'http',
      triggerConfig: JSON.stringify({
        authType: 'anonymous',
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'],
      }),
      qualifier: 'LATEST',
      description: '',
      sourceArn: '',
      invocationRole: '',
      createdTime: fn.createdTime,
      lastModifiedTime: fn.createdTime,
    },
  ];
}

/**
 * `POST /_emulator/fc/fc2-functions` `{serviceName, functionName, qualifier?, runtime, handler, code?,
 * handlerType, httpTrigger, memorySize?, timeout?, accountId?, region?}`: seeds an FC 2.0 function;
 * answers its FC 3.0 view and its ARN.
 */
export async function seedFc2Function({ body: request, env }: AdminRequest): Promise<ApiAnswer> {
  const text = (field: string, pattern: RegExp): string => {
    const value = request[field];
    if (typeof value !== 'string' || !pattern.test(value)) throw new AdminInputError(`${field} is missing or invalid`);
    return value;
  };
  const serviceName = text('serviceName', FC_NAME);
  const functionName = text('functionName', FC_NAME);
  const qualifier = request.qualifier === undefined ? undefined : text('qualifier', FC_QUALIFIER);
  const accountId = accountIdOf(env, request.accountId);
  const region = request.region === undefined ? env.region : text('region', FC_REGION);
  if (request.handlerType !== 'event' && request.handlerType !== 'http') {
    throw new AdminInputError("handlerType must be 'event' or 'http'");
  }
  if (typeof request.httpTrigger !== 'boolean') throw new AdminInputError('httpTrigger must be true or false');
  const runtime = checkRuntime(request.runtime);
  const handler = checkHandler(request.handler, runtime);
  const memorySize = checkMemorySize(typeof request.memorySize === 'number' ? request.memorySize : FC2_DEFAULT_MEMORY);
  const timeout = checkTimeout(typeof request.timeout === 'number' ? request.timeout : 3);
  // No package given: an empty ZIP, so an invocation fails like FC does when the handler's module is missing.
  const code = await storeCode(env.world, {
    zipFile: typeof request.code === 'string' ? request.code : Buffer.from(zipSync({})).toString('base64'),
  });
  const scope = scopeOf(env.world, accountId, region);
  const viewName = fc2ViewName(serviceName, functionName);
  // No FC 3.0 function has this name: `$` is not in their alphabet.
  if (scope.fc2Functions[viewName]) {
    return { status: 409, json: { error: `function ${viewName} already exists` } };
  }
  const fn: StoredFc2Function = {
    serviceName,
    functionName,
    functionId: uuid(),
    qualifiers: qualifier && qualifier !== 'LATEST' ? [qualifier] : [],
    handlerType: request.handlerType,
    httpTrigger: request.httpTrigger,
    createdTime: env.clock.now(),
    settings: {
      runtime,
      handler,
      description: '',
      timeout,
      memorySize,
      cpu: defaultCpu(memorySize),
      diskSize: 512,
      internetAccess: true,
      environmentVariables: {},
      role: '',
      layers: [],
      extra: {},
      ...code,
    },
  };
  scope.fc2Functions[viewName] = fn;
  const arn = fc2Arn(region, accountId, fn);
  return {
    json: {
      function: fc2View(region, accountId, fn, true),
      arn,
      qualifiedArn: qualifier ? arn.replace(`/${serviceName}/`, `/${serviceName}.${qualifier}/`) : undefined,
      triggers: fc2Triggers(fn).map((t) => t.triggerName),
    },
  };
}
