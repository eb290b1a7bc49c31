// Step 3: the function joins the Fc server group, by ARN (alb-api.md §3). Async: the server goes Adding →
// Available while the group is Configuring (§3.5). A resumed add re-sends the same ClientToken.
import { hasCloudCode } from '../cloud/errors.js';
import type { BackendServer } from '../cloud/ports.js';
import type { ServerOutputs } from '../state/schema.js';
import { deleteWithFreshTokens } from './delete-token.js';
import { decideServer, type ServerDecision } from './server-decision.js';
import type { ResourceStep, StepContext, StepPlan } from './step.js';

export interface ServerPlan extends StepPlan<ServerOutputs> {
  decision?: ServerDecision;
}

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
  const answer = await deleteWithFreshTokens(
    ctx,
    'server',
    `${serverGroupId}/${functionArn}`,
    ['ResourceNotFound.ServerGroup', 'ResourceNotFound.BackendServer'],
    (clientToken) => ctx.once.alb.removeFunction({ serverGroupId, functionArn, clientToken }),
  );
  if (answer === 'absent') return 'absent';
  await ctx.wait(`${functionArn} to leave ${serverGroupId}`, async () => {
    const present = (await servers(ctx, serverGroupId)).find((s) => s.serverId === functionArn);
    return present ? { kind: 'pending', status: present.status } : { kind: 'ready', status: 'removed' };
  });
  return 'deleted';
}

export const addServer: ResourceStep<'server', ServerPlan> = {
  id: 'server',
  title: 'Add backend',
  needs: ['function', 'serverGroup'],

  async plan(ctx) {
    const group = ctx.upstream.serverGroup;
    const fn = ctx.upstream.function;
    if (group && !fn) {
      // The function is to be created: whatever function the group has now is swapped out for it.
      const current = (await servers(ctx, group.id)).filter((s) => s.status !== 'Removing');
      if (current.length > 0) {
        return {
          step: 'server',
          action: 'update',
          detail: `the new function → ${group.id}`,
          reasons: [
            `${current.map((s) => s.serverId).join(', ')} leaves ${group.id} for the new function (one function per group)`,
          ],
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
      // One function per Fc server group (alb-api.md §3.3): the old one leaves before the new one joins.
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
