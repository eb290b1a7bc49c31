import type { ActionHandler, ApiAnswer } from '../../core/service.js';
import {
  invokeFunctionAnswer,
  isRuntimeError,
  isSupportedRuntime,
  type FunctionConfig,
  type InvokeOutcome,
} from '../../runtime/index.js';
import { fcErrors } from './errors.js';
import { callerScope, pathName, requireFunction } from './lookup.js';
import { resolveQualifier } from './qualifiers.js';
import type { RuntimeHost } from './runtime-host.js';
import type { FunctionSettings } from './state.js';

// InvokeFunction (reference §A.4): the request body, raw bytes, is the event the handler receives (a
// Buffer, §A.7); the answer is 200 with the handler's output as raw bytes, also when the function failed
// (then `x-fc-error-type` and the error JSON). `x-fc-invocation-type: Async` answers 202 at once and runs
// the function afterwards.

/**
 * Payload limits (assumption: FC 3.0's quotas page gives 32 MB for synchronous and 128 KB for asynchronous
 * invocations; not in the reference). Larger → EntityTooLarge (§A.5).
 */
export const MAX_SYNC_PAYLOAD = 32 * 1024 * 1024;
export const MAX_ASYNC_PAYLOAD = 128 * 1024;

/** What the runtime runs for a function of the local cloud, or why it cannot. */
export async function runnableConfig(
  host: RuntimeHost,
  world: Parameters<RuntimeHost['config']>[0],
  runtimeName: string,
  settings: FunctionSettings,
): Promise<FunctionConfig> {
  if (!isSupportedRuntime(settings.runtime)) {
    // The control plane accepts every documented runtime; the local runtime runs Node.js only.
    throw fcErrors.invalidArgument(
      `runtime '${settings.runtime}' cannot run in the local cloud (Node.js runtimes nodejs12..nodejs22 only)`,
    );
  }
  return host.config(world, runtimeName, settings);
}

/** Runtime failures that are not the function's own (runtime-error.ts suggests the FC codes). */
export function mapRuntimeError(error: unknown): never {
  if (isRuntimeError(error)) {
    if (error.code === 'ResourceExhausted') throw fcErrors.resourceExhausted(error.message);
    if (error.code === 'RuntimeClosed') throw fcErrors.internal();
    throw fcErrors.invalidArgument(error.message);
  }
  throw error;
}

export function invokeActions(host: RuntimeHost): Record<string, ActionHandler> {
  return {
    InvokeFunction: async (ctx): Promise<ApiAnswer> => {
      const name = pathName(ctx);
      const qualifier = ctx.params.qualifier as string | undefined;
      const found = requireFunction(callerScope(ctx), name);
      let settings: FunctionSettings;
      let runtimeName: string;
      if (found.fcVersion === 'v2') {
        if (qualifier && qualifier !== 'LATEST' && !found.fn.qualifiers.includes(qualifier)) {
          throw fcErrors.aliasNotFound(qualifier, name);
        }
        settings = found.fn.settings;
        runtimeName = found.fn.functionName;
      } else {
        settings = resolveQualifier(found.fn, qualifier).settings;
        runtimeName = found.fn.functionName;
      }
      const invocationType = (ctx.http.headers['x-fc-invocation-type'] ?? 'Sync').toLowerCase();
      // devsapp/fc3 also sends `Task` (§A.4); it is run like Async here (assumption).
      if (!['sync', 'async', 'task'].includes(invocationType)) {
        throw fcErrors.invalidArgument(
          `x-fc-invocation-type '${ctx.http.headers['x-fc-invocation-type']}' is invalid: valid values are Sync and Async`,
        );
      }
      const payload = ctx.http.body;
      const async = invocationType !== 'sync';
      const limit = async ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
      if (payload.length > limit) throw fcErrors.entityTooLarge(limit);
      const config = await runnableConfig(host, ctx.world, runtimeName, settings);
      if (async) {
        host.invokeInBackground(config, payload, ctx.requestId);
        return { status: 202, raw: Buffer.alloc(0), headers: { 'x-fc-request-id': ctx.requestId } };
      }
      let outcome: InvokeOutcome;
      try {
        outcome = await host.invoke(config, payload, ctx.requestId);
      } catch (error) {
        mapRuntimeError(error);
      }
      const answer = invokeFunctionAnswer(outcome, ctx.http.headers['x-fc-log-type']);
      return { status: answer.statusCode, raw: answer.body, headers: answer.headers };
    },
  };
}
