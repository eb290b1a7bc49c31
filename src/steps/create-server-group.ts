// Step 2: the ALB server group of type Fc (`@alicloud/alb20200616 CreateServerGroupRequest`): no VpcId, no
// Protocol, health check off unless asked (probes are billed as invocations). Async: Creating → Available
// (ServerGroupStatus in `ListServerGroupsResponseBody`). A resumed create re-sends the same ClientToken, so ALB
// replays the same ServerGroupId (https://www.alibabacloud.com/help/doc-detail/25693.html).
import { hasCloudCode } from '../cloud/errors.js';
import type { ServerGroupInfo } from '../cloud/ports.js';
import { AlbFcError, ExitCode } from '../errors.js';
import type { ServerGroupOutputs } from '../state/schema.js';
import { stackTags } from '../stack-input.js';
import { deleteWithFreshTokens } from './delete-token.js';
import { isOurs } from './ownership.js';
import { settledStatus } from './settle.js';
import { decideServerGroup, type ServerGroupDecision } from './server-group-decision.js';
import type { ResourceStep, StepContext, StepPlan } from './step.js';

export interface ServerGroupPlan extends StepPlan<ServerGroupOutputs> {
  decision: ServerGroupDecision;
}

/**
 * `UnsupportedFeature.FcServerGroup` ("Server groups of type FC are not supported", a CreateServerGroup error in
 * Alibaba's API metadata, src/emulator/metadata/alb-2020-06-16.json): the region (or the account, for FC 3.0 per the
 * 2025 version of the page below) has no Fc server groups. It arrives at CreateServerGroup, after the function may
 * already exist, so it is exit 3 (a refused call, state saved) rather than 4 (which promises nothing changed).
 *   https://www.alibabacloud.com/help/en/slb/application-load-balancer/use-cases/specify-a-function-from-function-compute-as-a-backend-server-of-alb
 */
export function fcUnsupportedError(error: unknown, region: string): AlbFcError | undefined {
  if (!hasCloudCode(error, 'UnsupportedFeature.FcServerGroup')) return undefined;
  const cloud = error as AlbFcError;
  return new AlbFcError({
    code: 'FC_SERVER_GROUP_UNSUPPORTED',
    message: `ALB in ${region} refused a server group of type Fc (UnsupportedFeature.FcServerGroup)`,
    exitCode: ExitCode.cloudRefused,
    cloudCode: cloud.cloudCode,
    requestId: cloud.requestId,
    hint:
      'Function Compute backends are offered in some regions only, and FC 3.0 functions may have to be enabled ' +
      'for the account (ask Alibaba Cloud support or your account manager). Use a region where ALB supports ' +
      'Function Compute, or an FC 2.0 function via --function-arn. `alb-fc destroy` removes what was created.',
    cause: error,
  });
}

/** Group states in which ALB refuses a delete (IncorrectStatus.ServerGroup). */
const GROUP_TRANSITIONAL = new Set(['Creating', 'Configuring']);

async function getLive(ctx: StepContext, id: string): Promise<ServerGroupInfo | undefined> {
  const group = await ctx.cloud.alb.getServerGroup(id);
  return group && group.status !== 'Deleting' ? group : undefined;
}

export const createServerGroup: ResourceStep<'serverGroup', ServerGroupPlan> = {
  id: 'serverGroup',

  async plan(ctx) {
    const desired = { name: ctx.input.serverGroup.name, healthCheck: ctx.input.serverGroup.healthCheck };
    const record = ctx.session.record('serverGroup');
    const byId = record?.outputs ? await getLive(ctx, record.outputs.id) : undefined;
    const tagged = byId ? [] : await ctx.cloud.alb.listServerGroupsByTags(stackTags(ctx.stack));
    const decision = decideServerGroup({ stack: ctx.stack, desired, byId, tagged, record });
    const found = decision.action === 'conflict' ? undefined : decision.found;
    return {
      step: 'serverGroup',
      action: decision.action,
      reasons: decision.reasons,
      ...(decision.hint ? { hint: decision.hint } : {}),
      detail: found ? `${found.id} ${desired.name} (type Fc)` : `${desired.name} (type Fc)`,
      decision,
      ...(found ? { known: { id: found.id, name: found.name }, ready: found.status === 'Available' } : {}),
    };
  },

  async apply(ctx, plan) {
    const { decision } = plan;
    if (decision.action === 'unchanged' && plan.known) return { action: 'unchanged', outputs: plan.known };
    if (decision.action === 'adopt' && plan.known) {
      await ctx.session.adopt('serverGroup', plan.known, decision.owned);
      return { action: 'adopted', outputs: plan.known };
    }
    const name = ctx.input.serverGroup.name;
    const healthCheck = ctx.input.serverGroup.healthCheck;
    const intent = await ctx.session.beginCreate('serverGroup', { name, healthCheck, type: 'Fc' });
    let created: { id: string };
    try {
      created = await ctx.cloud.alb.createServerGroup({
        clientToken: intent.clientToken,
        name,
        healthCheckEnabled: healthCheck,
        tags: stackTags(ctx.stack),
      });
    } catch (error) {
      await ctx.session.createFailed('serverGroup', error);
      throw fcUnsupportedError(error, ctx.input.region) ?? error;
    }
    const outputs = { id: created.id, name };
    await ctx.session.createSucceeded('serverGroup', outputs);
    return { action: 'created', outputs };
  },

  async verify(ctx, outputs) {
    const group = await ctx.cloud.alb.getServerGroup(outputs.id);
    if (!group) return { kind: 'gone' };
    if (group.status === 'Available') return { kind: 'ready', status: group.status };
    if (group.status === 'Deleting') return { kind: 'failed', status: group.status, message: 'it is being deleted' };
    return { kind: 'pending', status: group.status };
  },

  async remove(ctx, outputs) {
    const status = await settledStatus(
      ctx,
      `server group ${outputs.id}`,
      GROUP_TRANSITIONAL,
      async () => (await ctx.cloud.alb.getServerGroup(outputs.id))?.status,
    );
    if (status === undefined) return 'absent';
    // Already Deleting (an interrupted destroy sent the delete): only the wait remains.
    if (status !== 'Deleting') {
      const answer = await deleteWithFreshTokens(
        ctx,
        'serverGroup',
        outputs.id,
        ['ResourceNotFound.ServerGroup'],
        (clientToken) => ctx.once.alb.deleteServerGroup({ id: outputs.id, clientToken }),
      );
      if (answer === 'absent') return 'absent';
    }
    await ctx.wait(`server group ${outputs.id} to be deleted`, async () => {
      const group = await ctx.cloud.alb.getServerGroup(outputs.id);
      return group ? { kind: 'pending', status: group.status } : { kind: 'ready', status: 'deleted' };
    });
    return 'deleted';
  },

  async locate(ctx, record) {
    const intent = record.intent;
    const name = intent?.request['name'];
    if (!intent || typeof name !== 'string') return undefined;
    const groups = await ctx.cloud.alb.listServerGroupsByTags(stackTags(ctx.stack));
    const found = groups.find((g) => g.name === name && isOurs(g.tags, ctx.stack) && g.status !== 'Deleting');
    if (found) return { id: found.id, name: found.name };
    if (record.status !== 'pending' || intent.refused) return undefined;
    // Lists may lag behind a create (Terraform retries not-found answers on fresh resources, PR #6601). Re-sending the
    // interrupted create with its ClientToken answers the id it made, or makes it now: either way the caller then
    // deletes a known group.
    const replayed = await ctx.cloud.alb.createServerGroup({
      clientToken: intent.clientToken,
      name,
      healthCheckEnabled: intent.request['healthCheck'] === true,
      tags: stackTags(ctx.stack),
    });
    await ctx.wait(`server group ${replayed.id} to settle before it is deleted`, () =>
      createServerGroup.verify(ctx, { id: replayed.id, name }),
    );
    return { id: replayed.id, name };
  },

  async inspect(ctx, outputs) {
    const group = await ctx.cloud.alb.getServerGroup(outputs.id);
    if (!group) return { state: 'missing', details: [`server group ${outputs.id} does not exist`] };
    const details: string[] = [];
    if (group.type !== 'Fc') details.push(`type ${group.type}, not Fc`);
    if (group.name !== outputs.name) details.push(`name ${group.name}, deployed ${outputs.name}`);
    return { state: details.length > 0 ? 'drifted' : 'present', status: group.status, details };
  },

  resourceId: (outputs) => outputs.id,
  describe: (outputs) => `${outputs.id} (type Fc)`,
};
