import { parseFunctionArn } from '../../core/function-arn.js';
import type { CallContext, ServiceEnv } from '../../core/service.js';
import { fc2ViewName } from './fc2-functions.js';
import type { Found } from './lookup.js';
import type { StoredTrigger } from './state.js';

// Once a function is added to an ALB server group, FC 3.0 lists an `alb` trigger for it among its triggers, unless
// the request carries `x-fc-disable-list-remote-alb-triggers: true` — which Serverless Devs' FC 3.0 client sends on
// ListTriggers (devsapp/fc3 src/resources/fc/impl/client.ts), since its `s remove` deletes every trigger it lists.
// That much is inferred from client code; no document describes the trigger, so its shape is an assumption and the
// behaviour can be turned off (`behaviour.listRemoteAlbTriggers`). Such a trigger is only listed: GetTrigger and
// DeleteTrigger know the function's own triggers (assumption).

export const DISABLE_REMOTE_ALB_TRIGGERS = 'x-fc-disable-list-remote-alb-triggers';

/** Whether a server's ARN names the function `found` (any qualifier). */
function namesFunction(serverId: string, ctx: CallContext, found: Found, name: string): boolean {
  const arn = parseFunctionArn(serverId);
  if (!arn || arn.accountId !== ctx.account.accountId || arn.region !== ctx.region) return false;
  if (found.fcVersion === 'v3') return arn.fcVersion === 'v3' && arn.name === name;
  return arn.fcVersion === 'v2' && fc2ViewName(arn.serviceName, arn.name) === name;
}

/** The `alb` triggers to list with the function's own, one per server group holding it. */
export function remoteAlbTriggers(
  ctx: CallContext,
  env: ServiceEnv | undefined,
  found: Found,
  name: string,
): StoredTrigger[] {
  if (!env?.options.listRemoteAlbTriggers) return [];
  if (ctx.http.headers[DISABLE_REMOTE_ALB_TRIGGERS]?.toLowerCase() === 'true') return [];
  const backends = env
    .backends()
    ?.fcBackends(ctx.account.accountId, ctx.region, (id) => namesFunction(id, ctx, found, name));
  return (backends ?? []).map((backend) => ({
    triggerName: `alb-${backend.serverGroupId}`,
    triggerId: backend.serverGroupId,
    triggerType: 'alb',
    triggerConfig: JSON.stringify({ serverGroupId: backend.serverGroupId }),
    qualifier: parseFunctionArn(backend.serverId)?.qualifier ?? 'LATEST',
    description: '',
    sourceArn: `acs:alb:${ctx.region}:${ctx.account.accountId}:servergroup/${backend.serverGroupId}`,
    invocationRole: '',
    createdTime: backend.groupCreatedAt,
    lastModifiedTime: backend.groupCreatedAt,
  }));
}
