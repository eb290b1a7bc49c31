// Rebuilding a lost state from the cloud: everything carrying the stack's tags (and, given the domain, the DNS
// record carrying its remark) is recorded as this stack's. `deploy` does the same step by step in its plans;
// `destroy` and `status` use this when there is no state file at all.
import type { StackInput } from '../stack-input.js';
import { stackTags } from '../stack-input.js';
import { functionOutputs } from '../steps/create-function.js';
import { splitDomain } from '../steps/dns-names.js';
import { remarkIsOurs } from '../steps/ownership.js';
import type { StepContext } from '../steps/step.js';
import type { StepOutputs } from '../state/schema.js';
import type { ResourceStepId } from '../steps/vocabulary.js';

async function record<K extends ResourceStepId>(ctx: StepContext, step: K, found: StepOutputs[K][]): Promise<number> {
  const [first, ...rest] = found;
  if (!first) return 0;
  await ctx.session.adopt(step, first, true);
  // More than one (e.g. a renamed function's predecessor): all of them are the stack's, all are deleted.
  for (const extra of rest) await ctx.session.addRetired(step, extra);
  return found.length;
}

/** Returns how many resources were found. `input` (from alb-fc.yaml) narrows the ALB and names the domain. */
export async function discoverByTags(ctx: StepContext, input: StackInput | undefined): Promise<number> {
  const { cloud, stack } = ctx;
  const tags = stackTags(stack);
  let count = 0;
  const functions = await cloud.functions.listByTags(tags);
  count += await record(
    ctx,
    'function',
    functions.map((fn) => functionOutputs(fn)),
  );

  const groups = (await cloud.alb.listServerGroupsByTags(tags)).filter((g) => g.status !== 'Deleting');
  count += await record(
    ctx,
    'serverGroup',
    groups.map((g) => ({ id: g.id, name: g.name })),
  );

  const memberships: StepOutputs['server'][] = [];
  for (const group of groups) {
    for (const server of await cloud.alb.listServers(group.id)) {
      if (server.status !== 'Removing') memberships.push({ serverGroupId: group.id, functionArn: server.serverId });
    }
  }
  count += await record(ctx, 'server', memberships);

  const loadBalancerIds = input ? [input.loadBalancerId] : (await cloud.alb.listLoadBalancers()).map((lb) => lb.id);
  const listeners: StepOutputs['listener'][] = [];
  for (const lb of loadBalancerIds) {
    for (const listener of await cloud.alb.listListeners(lb)) {
      const mine = Object.entries(tags).every(([k, v]) => listener.tags[k] === v);
      if (!mine || listener.status === 'Deleting') continue;
      listeners.push({
        id: listener.id,
        loadBalancerId: lb,
        port: listener.port,
        serverGroupId: listener.forwardServerGroupIds[0] ?? '',
      });
    }
  }
  count += await record(ctx, 'listener', listeners);

  if (input?.dns) {
    const split = splitDomain(input.dns.domain, await cloud.dns.listZones());
    if (split) {
      const records = (await cloud.dns.listRecords(split.zone, split.rr)).filter(
        (r) => r.type.toUpperCase() === 'CNAME' && remarkIsOurs(r.remark, stack),
      );
      count += await record(
        ctx,
        'dnsRecord',
        records.map((r) => ({
          recordId: r.id,
          zone: split.zone,
          rr: split.rr,
          domain: input.dns?.domain ?? '',
          value: r.value,
          ttl: r.ttl,
        })),
      );
    }
  }
  return count;
}
