// Step 3: the function joins the Fc server group, by ARN (`@alicloud/alb20200616 AddServersToServerGroupRequest`,
// ServerType Fc). Async: the server goes Adding → Available while the group is Configuring (Status in
// `ListServerGroupServersResponseBody`). A resumed add re-sends the same ClientToken.
import { hasCloudCode } from '../cloud/errors.js';
import type { BackendServer } from '../cloud/ports.js';
import type { ServerOutputs } from '../state/schema.js';
import { deleteWithFreshTokens } from './delete-token.js';
import { parseFunctionArn } from './function-arn.js';
import { settledStatus } from './settle.js';
import { decideServer, type ServerDecision } from './server-decision.js';
import type { ResourceStep, DeployContext, StepContext, StepPlan } from './step.js';

export interface ServerPlan extends StepPlan<ServerOutputs> {
  decision?: ServerDecision;
}

/** Server states during which its group is Configuring and refuses a removal (IncorrectStatus.ServerGroup). */
const SERVER_TRANSITIONAL = new Set(['Adding', 'Configuring']);

/** The group's servers; a group that is gone has none. */
async function servers(ctx: StepContext, serverGroupId: string): Promise<BackendServer[]> {
  try {
    return await ctx.cloud.alb.listServers(serverGroupId);
  } catch (error) {
    if (hasCloudCode(error, 'ResourceNotFound.ServerGroup')) return [];
    throw error;
  }
}

async function removeMembership(
  ctx: StepContext,
  serverGroupId: string,
  functionArn: string,
): Promise<'deleted' | 'absent'> {
  const status = await settledStatus(
    ctx,
    `${functionArn} in ${serverGroupId}`,
    SERVER_TRANSITIONAL,
    async () => (await servers(ctx, serverGroupId)).find((s) => s.serverId === functionArn)?.status,
  );
  if (status === undefined) return 'absent';
  // Already Removing (an interrupted run sent the removal): only the wait remains.
  if (status !== 'Removing') {
    const answer = await deleteWithFreshTokens(
      ctx,
      'server',
      `${serverGroupId}/${functionArn}`,
      ['ResourceNotFound.ServerGroup', 'ResourceNotFound.BackendServer'],
      (clientToken) => ctx.once.alb.removeFunction({ serverGroupId, functionArn, clientToken }),
    );
    if (answer === 'absent') return 'absent';
  }
  await ctx.wait(`${functionArn} to leave ${serverGroupId}`, async () => {
    const present = (await servers(ctx, serverGroupId)).find((s) => s.serverId === functionArn);
    return present ? { kind: 'pending', status: present.status } : { kind: 'ready', status: 'removed' };
  });
  return 'deleted';
}

/** Whether `arn` is the (unqualified FC 3.0) ARN of the function the stack is about to create. */
function willBeTheFunction(ctx: DeployContext, arn: string): boolean {
  const fn = ctx.input.function;
  const parsed = parseFunctionArn(arn);
  return (
    fn.mode === 'create' &&
    parsed?.version === 3 &&
    parsed.qualifier === undefined &&
    parsed.region === ctx.input.region &&
    parsed.name === fn.name
  );
}

export const addServer: ResourceStep<'server', ServerPlan> = {
  id: 'server',

  async plan(ctx) {
    const group = ctx.upstream.serverGroup;
    const fn = ctx.upstream.function;
    if (group && !fn) {
      // The function is still to be created, so its ARN is not known yet — except that an FC 3.0 ARN is made of region,
      // account and name (`@alicloud/fc20230330 Function`, functionArn), and a group only takes functions of its own
      // account and region (ALB server groups, link below): a server with the function's name is the ARN the function
      // will have again (re-created after it was deleted by hand). Anything else in the group is this stack's previous
      // function (swapped out) or someone else's (a conflict, found now rather than after the function is created).
      // https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/alb-server-group-overview
      const list = await servers(ctx, group.id);
      const live = list.filter((s) => s.status !== 'Removing');
      if (live.length > 0) {
        const sameName = live.find((s) => willBeTheFunction(ctx, s.serverId));
        const decision = decideServer({
          functionArn: sameName?.serverId ?? 'the new function',
          servers: list,
          record: ctx.session.record('server'),
          groupOwned: ctx.session.record('serverGroup')?.owned ?? true,
          serverGroupId: group.id,
        });
        return {
          step: 'server',
          action: decision.action,
          detail: `the new function → ${group.id}`,
          reasons:
            decision.action === 'update'
              ? [`${decision.swapOut?.serverId} leaves ${group.id} for the new function (one function per group)`]
              : decision.action === 'unchanged'
                ? [`${group.id} already has ${sameName?.serverId}, the ARN the function gets again`]
                : decision.reasons,
          ...(decision.hint ? { hint: decision.hint } : {}),
        };
      }
    }
    if (!group || !fn) {
      return {
        step: 'server',
        action: 'create',
        detail: `${fn?.name ?? 'the function'} → ${group?.id ?? 'the new server group'}`,
        reasons: [`added once the ${!fn ? 'function' : 'server group'} exists`],
      };
    }
    const record = ctx.session.record('server');
    const groupOwned = ctx.session.record('serverGroup')?.owned ?? true;
    const list = await servers(ctx, group.id);
    const decision = decideServer({ functionArn: fn.arn, servers: list, record, groupOwned, serverGroupId: group.id });
    const known = decision.present ? { serverGroupId: group.id, functionArn: fn.arn } : undefined;
    return {
      step: 'server',
      action: decision.action,
      reasons: decision.reasons,
      ...(decision.hint ? { hint: decision.hint } : {}),
      detail: `${fn.name} → ${group.id}`,
      decision,
      ...(known ? { known, ready: decision.present?.status === 'Available' } : {}),
    };
  },

  async apply(ctx, plan) {
    const { decision } = plan;
    const group = ctx.upstream.serverGroup;
    const fn = ctx.upstream.function;
    if (!decision || !group || !fn) throw new Error('server step applied without its upstream outputs');
    if (decision.action === 'unchanged' && plan.known) return { action: 'unchanged', outputs: plan.known };
    if (decision.action === 'adopt' && plan.known) {
      await ctx.session.adopt('server', plan.known, decision.owned);
      return { action: 'adopted', outputs: plan.known };
    }
    if (decision.swapOut) {
      // One function per Fc server group (https://www.alibabacloud.com/help/en/fc/alb-triggers): the old one leaves
      // before the new one joins.
      await removeMembership(ctx, group.id, decision.swapOut.serverId);
      await ctx.session.forget('server');
    }
    const intent = await ctx.session.beginCreate('server', { serverGroupId: group.id, functionArn: fn.arn });
    try {
      await ctx.cloud.alb.addFunction({
        clientToken: intent.clientToken,
        serverGroupId: group.id,
        functionArn: fn.arn,
      });
    } catch (error) {
      await ctx.session.createFailed('server', error);
      throw error;
    }
    const outputs = { serverGroupId: group.id, functionArn: fn.arn };
    await ctx.session.createSucceeded('server', outputs);
    return { action: decision.swapOut ? 'updated' : 'created', outputs };
  },

  async verify(ctx, outputs) {
    const present = (await servers(ctx, outputs.serverGroupId)).find((s) => s.serverId === outputs.functionArn);
    if (!present) return { kind: 'gone' };
    if (present.status === 'Available') return { kind: 'ready', status: present.status };
    if (present.status === 'Removing')
      return { kind: 'failed', status: present.status, message: 'it is being removed' };
    return { kind: 'pending', status: present.status };
  },

  remove: (ctx, outputs) => removeMembership(ctx, outputs.serverGroupId, outputs.functionArn),

  async locate(ctx, record) {
    const { serverGroupId, functionArn } = record.intent?.request ?? {};
    if (typeof serverGroupId !== 'string' || typeof functionArn !== 'string') return undefined;
    const present = (await servers(ctx, serverGroupId)).some(
      (s) => s.serverId === functionArn && s.status !== 'Removing',
    );
    return present ? { serverGroupId, functionArn } : undefined;
  },

  async inspect(ctx, outputs) {
    const list = await servers(ctx, outputs.serverGroupId);
    const present = list.find((s) => s.serverId === outputs.functionArn);
    const others = list.filter((s) => s.serverId !== outputs.functionArn);
    if (!present) {
      return {
        state: 'missing',
        details: [
          `${outputs.functionArn} is not in ${outputs.serverGroupId}`,
          ...others.map((s) => `the group has ${s.serverId} instead`),
        ],
      };
    }
    const details = others.map((s) => `the group also has ${s.serverId}`);
    return { state: details.length > 0 ? 'drifted' : 'present', status: present.status, details };
  },

  resourceId: (outputs) => `${outputs.serverGroupId}/${outputs.functionArn}`,
  describe: (outputs) => `${outputs.functionArn} in ${outputs.serverGroupId}`,
};
