// Rebuilding a lost state from the cloud: everything carrying the stack's tags (and, given the stack's hosts, the
// DNS records carrying its remark) is recorded as this stack's — every route's, under one record per kind (the
// first found, the others to be deleted with it). `deploy` does the same step by step in its plans;
// `destroy` and `status` use this when there is no state file at all.
import type { StackInput } from '../stack-input.js';
import { stackTags } from '../stack-input.js';
import { functionOutputs } from '../steps/create-function.js';
import { splitDomain } from '../steps/dns-names.js';
import { cnameHosts } from '../steps/deploy-graph.js';
import { isOurs, remarkIsOurs } from '../steps/ownership.js';
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

  // The routes' rules on those listeners (deleted before their listener and groups).
  const rules: StepOutputs['rule'][] = [];
  for (const listener of listeners) {
    for (const rule of await cloud.alb.listRules(listener.id)) {
      if (!isOurs(rule.tags, stack) || rule.status === 'Deleting') continue;
      rules.push({
        id: rule.id,
        listenerId: listener.id,
        name: rule.name,
        priority: rule.priority,
        targets: rule.action?.type === 'forward' ? rule.action.targets : [],
      });
    }
  }
  count += await record(ctx, 'rule', rules);

  if (input) {
    const hosts = cnameHosts(input).hosts;
    const zones = hosts.length > 0 ? await cloud.dns.listZones() : [];
    const records: StepOutputs['dnsRecord'][] = [];
    for (const host of hosts) {
      const split = splitDomain(host, zones);
      if (!split) continue;
      for (const r of await cloud.dns.listRecords(split.zone, split.rr)) {
        if (r.type.toUpperCase() !== 'CNAME' || !remarkIsOurs(r.remark, stack)) continue;
        records.push({ recordId: r.id, zone: split.zone, rr: split.rr, domain: host, value: r.value, ttl: r.ttl });
      }
    }
    count += await record(ctx, 'dnsRecord', records);
  }
  return count;
}
