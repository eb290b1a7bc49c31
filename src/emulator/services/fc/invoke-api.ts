import type { ActionHandler, ApiAnswer } from '../../core/service.js';
import { invokeFunctionAnswer, isSupportedRuntime } from '../../runtime/index.js';
import { demandOf } from './capacity-gate.js';
import { fcErrors } from './errors.js';
import { callerScope, pathName, qualifierOf, requireFunction, resolveFound, runtimeKey } from './lookup.js';
import type { RuntimeHost } from './runtime-host.js';

// InvokeFunction (`@alicloud/fc20230330` invokeFunctionWithOptions): the request body, raw bytes, is the event the
// handler receives (a Buffer, FC's "Request handlers" page); the answer is 200 with the handler's output as raw bytes,
// also when the function failed (then `x-fc-error-type` and the error JSON). `x-fc-invocation-type: Async` answers 202
// at once and runs the function afterwards.

/**
 * Payload limits (assumption: FC 3.0's quotas page gives 32 MB for synchronous and 128 KB for asynchronous
 * invocations). Larger → EntityTooLarge (FC 3.0 error codes page).
 */
const MAX_SYNC_PAYLOAD = 32 * 1024 * 1024;
const MAX_ASYNC_PAYLOAD = 128 * 1024;

export function invokeActions(host: RuntimeHost): Record<string, ActionHandler> {
  return {
    InvokeFunction: async (ctx): Promise<ApiAnswer> => {
      const name = pathName(ctx);
      const found = requireFunction(callerScope(ctx), name);
      const resolved = resolveFound(found, qualifierOf(ctx));
      const invocationType = (ctx.http.headers['x-fc-invocation-type'] ?? 'Sync').toLowerCase();
      // devsapp/fc3 also sends `Task`; it is run like Async here (assumption).
      if (!['sync', 'async', 'task'].includes(invocationType)) {
        throw fcErrors.invalidArgument(
          `x-fc-invocation-type '${ctx.http.headers['x-fc-invocation-type']}' is invalid: valid values are Sync and Async`,
        );
      }
      const payload = ctx.http.body;
      const async = invocationType !== 'sync';
      const limit = async ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
      if (payload.length > limit) throw fcErrors.entityTooLarge(limit);
      if (!isSupportedRuntime(resolved.settings.runtime)) {
        // The control plane accepts every documented runtime; the local runtime runs Node.js and Python only.
        throw fcErrors.invalidArgument(
          `runtime '${resolved.settings.runtime}' cannot run in the local cloud (Node.js and Python runtimes only)`,
        );
      }
      const where = { accountId: ctx.account.accountId, region: ctx.region };
      const config = host.config(
        ctx.world,
        { key: runtimeKey(where.accountId, where.region, name, resolved.versionId), name: found.fn.functionName },
        resolved.settings,
      );
      if (async) {
        host.invokeInBackground(config, payload, ctx.requestId, where);
        return { status: 202, raw: Buffer.alloc(0), headers: { 'x-fc-request-id': ctx.requestId } };
      }
      const demand = demandOf(ctx.world, where.accountId, where.region, name);
      const outcome = await host.invoke(config, payload, ctx.requestId, where, demand);
      const answer = invokeFunctionAnswer(outcome, ctx.http.headers['x-fc-log-type']);
      return { status: answer.statusCode, raw: answer.body, headers: answer.headers };
    },
  };
}
