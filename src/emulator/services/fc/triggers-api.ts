import { fc2FunctionArn, functionArn } from '../../core/function-arn.js';
import { uuid } from '../../core/ids.js';
import type { ActionHandler, CallContext, ServiceEnv } from '../../core/service.js';
import { fcErrors } from './errors.js';
import { fc2Triggers } from './fc2-functions.js';
import { bodyOf, callerScope, pathName, requireFunction, requireV3, type Found } from './lookup.js';
import { checkLimit, pageByName } from './paging.js';
import { resolveQualifier } from './qualifiers.js';
import { remoteAlbTriggers } from './remote-alb-triggers.js';
import { TRIGGER_NAME } from './settings-rules.js';
import type { StoredTrigger } from './state.js';
import { triggerView } from './views.js';

// CreateTrigger, GetTrigger, ListTriggers, DeleteTrigger (CreateTriggerInput.d.ts, Trigger.d.ts). The
// emulator keeps triggers as configuration: only the listener data plane (ALB) delivers requests.

/** `triggerType` values of CreateTriggerInput.d.ts (there is no `alb` type). */
const TRIGGER_TYPES = ['oss', 'log', 'timer', 'http', 'tablestore', 'cdn_events', 'mns_topic', 'eventbridge'];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'];
/** HTTPTriggerConfig.authType (HttptriggerConfig.d.ts example `anonymous`; `function` and `jwt` from FC docs). */
const HTTP_AUTH_TYPES = ['anonymous', 'function', 'jwt'];

function checkTriggerConfig(type: string, text: string): void {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw fcErrors.invalidArgument('triggerConfig is not valid JSON');
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw fcErrors.invalidArgument('triggerConfig must be a JSON object');
  }
  if (type !== 'http') return;
  const http = config as { authType?: unknown; methods?: unknown };
  if (http.authType !== undefined && !HTTP_AUTH_TYPES.includes(String(http.authType))) {
    throw fcErrors.invalidArgument(`triggerConfig.authType '${String(http.authType)}' is invalid`);
  }
  if (
    http.methods !== undefined &&
    (!Array.isArray(http.methods) ||
      http.methods.length === 0 ||
      http.methods.some((method) => !HTTP_METHODS.includes(String(method).toUpperCase())))
  ) {
    throw fcErrors.invalidArgument(`triggerConfig.methods must be a non-empty list of ${HTTP_METHODS.join(', ')}`);
  }
}

function targetArn(ctx: CallContext, found: Found, qualifier: string): string {
  const base =
    found.fcVersion === 'v2'
      ? fc2FunctionArn(ctx.region, ctx.account.accountId, found.fn.serviceName, found.fn.functionName)
      : functionArn(ctx.region, ctx.account.accountId, found.fn.functionName);
  return qualifier === 'LATEST' || found.fcVersion === 'v2' ? base : `${base}/${qualifier}`;
}

function triggersOf(found: Found): StoredTrigger[] {
  return found.fcVersion === 'v2' ? fc2Triggers(found.fn) : Object.values(found.fn.triggers);
}

export function triggerActions(getEnv: () => ServiceEnv | undefined): Record<string, ActionHandler> {
  return {
    CreateTrigger: (ctx) => {
      const name = pathName(ctx);
      const body = bodyOf(ctx);
      const scope = callerScope(ctx);
      const fn = requireV3(scope, name);
      const triggerName = body.string('triggerName');
      if (typeof triggerName !== 'string' || !TRIGGER_NAME.test(triggerName)) {
        throw fcErrors.invalidArgument(
          `invalid trigger name '${String(triggerName)}': 1 to 128 letters, digits, underscores and hyphens, ` +
            'not beginning with a digit or a hyphen',
        );
      }
      const triggerType = String(body.string('triggerType'));
      if (!TRIGGER_TYPES.includes(triggerType)) {
        throw fcErrors.invalidArgument(
          `triggerType '${triggerType}' is invalid: valid values are ${TRIGGER_TYPES.join(', ')}`,
        );
      }
      const triggerConfig = body.string('triggerConfig') ?? '';
      checkTriggerConfig(triggerType, triggerConfig);
      const qualifier = body.string('qualifier') || 'LATEST';
      resolveQualifier(fn, qualifier);
      if (fn.triggers[triggerName]) throw fcErrors.triggerAlreadyExists(triggerName, name);
      const now = ctx.clock.now();
      const trigger: StoredTrigger = {
        triggerName,
        triggerId: uuid(),
        triggerType,
        triggerConfig,
        qualifier,
        description: body.string('description') ?? '',
        sourceArn: body.string('sourceArn') ?? '',
        invocationRole: body.string('invocationRole') ?? '',
        createdTime: now,
        lastModifiedTime: now,
      };
      fn.triggers[triggerName] = trigger;
      return { json: triggerView(trigger, targetArn(ctx, { fcVersion: 'v3', fn }, qualifier), ctx.region) };
    },

    GetTrigger: (ctx) => {
      const name = pathName(ctx);
      const triggerName = pathName(ctx, 'triggerName');
      const found = requireFunction(callerScope(ctx), name);
      const trigger = triggersOf(found).find((t) => t.triggerName === triggerName);
      if (!trigger) throw fcErrors.triggerNotFound(triggerName, name);
      return { json: triggerView(trigger, targetArn(ctx, found, trigger.qualifier), ctx.region) };
    },

    ListTriggers: (ctx) => {
      const name = pathName(ctx);
      const found = requireFunction(callerScope(ctx), name);
      const limit = checkLimit(ctx.params.number('limit'));
      const prefix = ctx.params.string('prefix') ?? '';
      const listed = [...triggersOf(found), ...remoteAlbTriggers(ctx, getEnv(), found, name)];
      const { page, nextToken } = pageByName(
        listed.filter((t) => t.triggerName.startsWith(prefix)),
        (t) => t.triggerName,
        { limit, nextToken: ctx.params.string('nextToken') },
        ctx.paging,
      );
      return {
        json: {
          triggers: page.map((t) => triggerView(t, targetArn(ctx, found, t.qualifier), ctx.region)),
          ...(nextToken ? { nextToken } : {}),
        },
      };
    },

    DeleteTrigger: (ctx) => {
      const name = pathName(ctx);
      const triggerName = pathName(ctx, 'triggerName');
      const fn = requireV3(callerScope(ctx), name);
      if (!fn.triggers[triggerName]) throw fcErrors.triggerNotFound(triggerName, name);
      delete fn.triggers[triggerName];
      return { status: 204 };
    },
  };
}
