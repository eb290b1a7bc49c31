// Step 4: an HTTP listener on the user's ALB whose default action forwards to the server group
// (`@alicloud/alb20200616 CreateListenerRequest`). Async: Provisioning → Running (ListenerStatus in
// `GetListenerAttributeResponseBody`), during which the ALB is Configuring and refuses other listener changes with
// IncorrectStatus.LoadBalancer (retried, as Terraform does). One listener per port (ResourceAlreadyExist.Listener).
import { hasCloudCode } from '../cloud/errors.js';
import type { ListenerInfo } from '../cloud/ports.js';
import type { ListenerOutputs } from '../state/schema.js';
import { stackTags } from '../stack-input.js';
import { changeToken } from './client-token.js';
import { deleteWithFreshTokens } from './delete-token.js';
import { decideListener, type ListenerDecision } from './listener-decision.js';
import { isOurs } from './ownership.js';
import { warnAboutRequestTimeout } from './request-timeout.js';
import { settledStatus } from './settle.js';
import type { ResourceStep, DeployContext, StepContext, StepPlan } from './step.js';

export interface ListenerPlan extends StepPlan<ListenerOutputs> {
  decision: ListenerDecision;
}

function outputsOf(listener: ListenerInfo, serverGroupId: string): ListenerOutputs {
  return { id: listener.id, loadBalancerId: listener.loadBalancerId, port: listener.port, serverGroupId };
}

async function getLive(ctx: StepContext, id: string): Promise<ListenerInfo | undefined> {
  const listener = await ctx.cloud.alb.getListener(id);
  return listener && listener.status !== 'Deleting' ? listener : undefined;
}

function loadBalancerId(ctx: DeployContext): string {
  return ctx.upstream.lookup?.loadBalancerId ?? ctx.input.loadBalancerId;
}

/** Listener states in which ALB refuses a delete (IncorrectStatus.Listener / .LoadBalancer). */
const LISTENER_TRANSITIONAL = new Set(['Provisioning', 'Configuring']);

async function deleteListener(ctx: StepContext, id: string): Promise<'deleted' | 'absent'> {
  const status = await settledStatus(
    ctx,
    `listener ${id}`,
    LISTENER_TRANSITIONAL,
    async () => (await ctx.cloud.alb.getListener(id))?.status,
  );
  if (status === undefined) return 'absent';
  // Already Deleting (an interrupted destroy sent the delete): only the wait remains.
  if (status !== 'Deleting') {
    const answer = await deleteWithFreshTokens(ctx, 'listener', id, ['ResourceNotFound.Listener'], (clientToken) =>
      ctx.once.alb.deleteListener({ id, clientToken }),
    );
    if (answer === 'absent') return 'absent';
  }
  await ctx.wait(`listener ${id} to be deleted`, async () => {
    const listener = await ctx.cloud.alb.getListener(id);
    return listener ? { kind: 'pending', status: listener.status } : { kind: 'ready', status: 'deleted' };
  });
  return 'deleted';
}

export const createListener: ResourceStep<'listener', ListenerPlan> = {
  id: 'listener',

  async plan(ctx) {
    const lb = loadBalancerId(ctx);
    const port = ctx.input.listener.port;
    const serverGroupId = ctx.upstream.serverGroup?.id;
    const record = ctx.session.record('listener');
    const byId = record?.outputs ? await getLive(ctx, record.outputs.id) : undefined;
    // The port's other occupant matters only when the recorded listener is not already on it.
    const onPort =
      byId?.port === port
        ? undefined
        : (await ctx.cloud.alb.listListeners(lb)).find(
            (l) => l.port === port && l.id !== byId?.id && l.status !== 'Deleting',
          );
    const decision = decideListener({
      stack: ctx.stack,
      desired: { loadBalancerId: lb, port, serverGroupId },
      byId,
      onPort,
      record,
    });
    // A listener that is replaced gives way to a new one, with the default RequestTimeout.
    await warnAboutRequestTimeout(ctx, decision.replace ? undefined : decision.existing);
    const stays =
      decision.existing &&
      (decision.action === 'unchanged' || decision.action === 'adopt') &&
      serverGroupId !== undefined;
    return {
      step: 'listener',
      action: decision.action,
      reasons: decision.reasons,
      ...(decision.hint ? { hint: decision.hint } : {}),
      detail: `HTTP:${port} on ${lb}${decision.existing && stays ? ` (${decision.existing.id})` : ''}`,
      decision,
      ...(stays && decision.existing && serverGroupId
        ? { known: outputsOf(decision.existing, serverGroupId), ready: decision.existing.status === 'Running' }
        : {}),
    };
  },

  async apply(ctx, plan) {
    const { decision } = plan;
    const serverGroupId = ctx.upstream.serverGroup?.id;
    if (!serverGroupId) throw new Error('listener step applied without the server group');
    if (decision.replace === 'new-port') await ctx.session.retire('listener');
    if (decision.action === 'unchanged' && plan.known) return { action: 'unchanged', outputs: plan.known };
    if (decision.action === 'adopt' && plan.known) {
      await ctx.session.adopt('listener', plan.known, decision.owned);
      return { action: 'adopted', outputs: plan.known };
    }
    if (decision.replace === 'retarget' && decision.existing) {
      const existing = decision.existing;
      const clientToken = changeToken(
        { stack: ctx.stack, step: ctx.step, epoch: ctx.session.epoch },
        { listener: existing.id, serverGroupId },
      );
      await ctx.cloud.alb.setListenerDefaultGroup({ id: existing.id, serverGroupId, clientToken });
      const outputs = outputsOf(existing, serverGroupId);
      await ctx.session.adopt('listener', outputs, decision.owned);
      return { action: 'updated', outputs };
    }
    const lb = loadBalancerId(ctx);
    const port = ctx.input.listener.port;
    const intent = await ctx.session.beginCreate('listener', {
      loadBalancerId: lb,
      port,
      protocol: 'HTTP',
      serverGroupId,
    });
    let created: { id: string };
    try {
      created = await sendCreate(ctx, intent.clientToken, { loadBalancerId: lb, port, serverGroupId });
    } catch (error) {
      await ctx.session.createFailed('listener', error);
      throw error;
    }
    const outputs = { id: created.id, loadBalancerId: lb, port, serverGroupId };
    await ctx.session.createSucceeded('listener', outputs);
    return { action: decision.action === 'update' ? 'updated' : 'created', outputs };
  },

  async verify(ctx, outputs) {
    const listener = await ctx.cloud.alb.getListener(outputs.id);
    if (!listener) return { kind: 'gone' };
    if (listener.status === 'Running') return { kind: 'ready', status: listener.status };
    if (listener.status === 'Stopped' || listener.status === 'Deleting') {
      return { kind: 'failed', status: listener.status, message: 'it does not serve traffic' };
    }
    return { kind: 'pending', status: listener.status };
  },

  remove: (ctx, outputs) => deleteListener(ctx, outputs.id),

  async locate(ctx, record) {
    const intent = record.intent;
    const { loadBalancerId: lb, port, serverGroupId } = intent?.request ?? {};
    if (!intent || typeof lb !== 'string' || typeof port !== 'number' || typeof serverGroupId !== 'string')
      return undefined;
    const found = (await ctx.cloud.alb.listListeners(lb)).find(
      (l) => l.port === port && isOurs(l.tags, ctx.stack) && l.status !== 'Deleting',
    );
    if (found) return outputsOf(found, serverGroupId);
    if (record.status !== 'pending' || intent.refused) return undefined;
    // As for the server group: the list may lag, and the interrupted create's ClientToken names the listener.
    let replayed: { id: string };
    try {
      replayed = await sendCreate(ctx, intent.clientToken, { loadBalancerId: lb, port, serverGroupId });
    } catch (error) {
      // The group or the port is gone or taken: the interrupted create cannot have left a listener behind.
      if (
        hasCloudCode(
          error,
          'ResourceNotFound.ServerGroup',
          'ResourceNotFound.LoadBalancer',
          'ResourceAlreadyExist.Listener',
        )
      ) {
        return undefined;
      }
      throw error;
    }
    const outputs = { id: replayed.id, loadBalancerId: lb, port, serverGroupId };
    await ctx.wait(`listener ${replayed.id} to settle before it is deleted`, () => createListener.verify(ctx, outputs));
    return outputs;
  },

  async inspect(ctx, outputs) {
    const listener = await ctx.cloud.alb.getListener(outputs.id);
    if (!listener) return { state: 'missing', details: [`listener ${outputs.id} does not exist`] };
    const details: string[] = [];
    if (listener.port !== outputs.port) details.push(`port ${listener.port}, deployed ${outputs.port}`);
    const target = listener.forwardServerGroupIds;
    if (target.length !== 1 || target[0] !== outputs.serverGroupId) {
      details.push(`forwards to ${target.join(', ') || 'nothing'}, deployed ${outputs.serverGroupId}`);
    }
    if (listener.status === 'Stopped') details.push('it is Stopped');
    return { state: details.length > 0 ? 'drifted' : 'present', status: listener.status, details };
  },

  resourceId: (outputs) => outputs.id,
  describe: (outputs) => `${outputs.id} HTTP:${outputs.port}`,
};

/** CreateListener as every attempt sends it: the first, and the replay of an interrupted one (same token). */
function sendCreate(
  ctx: StepContext,
  clientToken: string,
  req: { loadBalancerId: string; port: number; serverGroupId: string },
): Promise<{ id: string }> {
  return ctx.cloud.alb.createListener({ clientToken, ...req, protocol: 'HTTP', tags: stackTags(ctx.stack) });
}
