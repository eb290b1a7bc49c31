import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  admin,
  albClient,
  createFcGroup,
  createListener,
  expectAlbError,
  waitGroup,
  type AlbClient,
} from './support.js';

// NextToken/MaxResults paging of every ALB list, walked one item per page (`maxPageSize: 1`).

let cloud: LocalCloud;
let alb: AlbClient;
let lbId: string;
const groupIds: string[] = [];
const listenerIds: string[] = [];
let ipGroupId: string;

beforeAll(async () => {
  cloud = await startLocalCloud({ maxPageSize: 1 });
  alb = albClient(cloud);
  lbId = cloud.info.loadBalancers[0]!.id;
  for (let i = 0; i < 3; i++) {
    const { id } = await createFcGroup(alb, `paged-${i}`);
    await waitGroup(alb, id);
    groupIds.push(id);
  }
  for (const [index, groupId] of groupIds.entries()) {
    const { id } = await createListener(alb, lbId, groupId, 5000 + index, { tag: [{ key: 'paged', value: 'yes' }] });
    // Reading the load balancer ends its Configuring (latency none), so the next listener may be created.
    await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId }));
    listenerIds.push(id);
  }
  await admin(cloud, '/_emulator/alb/load-balancers', { name: 'second' });
  const vpcId = (await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId })))
    .body!.vpcId!;
  const ip = await alb.createServerGroup(
    new $Alb.CreateServerGroupRequest({
      serverGroupName: 'paged-ip',
      serverGroupType: 'Ip',
      vpcId,
      healthCheckConfig: { healthCheckEnabled: false },
    }),
  );
  ipGroupId = ip.body!.serverGroupId!;
  await waitGroup(alb, ipGroupId);
  await alb.addServersToServerGroup(
    new $Alb.AddServersToServerGroupRequest({
      serverGroupId: ipGroupId,
      servers: ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((serverId) => ({ serverType: 'Ip', serverId, port: 80 })),
    }),
  );
  await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: listenerIds[0] }));
  await alb.createRules(
    new $Alb.CreateRulesRequest({
      listenerId: listenerIds[0],
      rules: [7, 8].map((priority) => ({
        ruleName: `paged-${priority}`,
        priority,
        ruleConditions: [{ type: 'Path', pathConfig: { values: [`/${priority}`] } }],
        ruleActions: [{ type: 'FixedResponse', order: 1, fixedResponseConfig: { content: 'x', httpCode: '200' } }],
      })),
    }),
  );
});
afterAll(async () => {
  await cloud.close();
});

/** Follows NextToken to the end; every page holds one item and carries the total. */
async function walk<T>(
  list: (
    nextToken: string | undefined,
  ) => Promise<{ items: T[]; nextToken?: string; maxResults?: number; totalCount?: number }>,
): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await list(nextToken);
    pages += 1;
    expect(page.items.length).toBeLessThanOrEqual(1);
    expect(page.maxResults).toBe(1);
    all.push(...page.items);
    nextToken = page.nextToken;
    expect(pages).toBeLessThan(50);
  } while (nextToken);
  return all;
}

describe('paging with one item per page', () => {
  it('walks ListServerGroups', async () => {
    const ids = await walk(async (nextToken) => {
      const body = (await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ nextToken, serverGroupType: 'Fc' })))
        .body!;
      expect(body.totalCount).toBe(3);
      return { items: body.serverGroups!.map((g) => g.serverGroupId!), ...body };
    });
    expect(ids).toEqual(groupIds);
  });

  it('walks ListListeners', async () => {
    const ids = await walk(async (nextToken) => {
      const body = (await alb.listListeners(new $Alb.ListListenersRequest({ nextToken, loadBalancerIds: [lbId] })))
        .body!;
      return { items: body.listeners!.map((l) => l.listenerId!), ...body };
    });
    expect(ids).toEqual(listenerIds);
  });

  it('walks ListAsynJobs', async () => {
    const jobs = await walk(async (nextToken) => {
      const body = (await alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ nextToken, apiName: 'CreateListener' })))
        .body!;
      return { items: body.jobs!.map((j) => j.resourceId!), ...body };
    });
    expect(jobs).toEqual(listenerIds);
  });

  it('walks ListLoadBalancers', async () => {
    const lbs = await walk(async (nextToken) => {
      const body = (await alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ nextToken }))).body!;
      return { items: body.loadBalancers!.map((l) => l.loadBalancerName!), ...body };
    });
    expect(lbs).toEqual(['alb-fc-local', 'second']);
  });

  it('walks ListTagResources', async () => {
    const tagged = await walk(async (nextToken) => {
      const body = (
        await alb.listTagResources(
          new $Alb.ListTagResourcesRequest({
            nextToken,
            resourceType: 'listener',
            tag: [{ key: 'paged', value: 'yes' }],
          }),
        )
      ).body!;
      return { items: body.tagResources!.map((t) => t.resourceId!), ...body };
    });
    expect(tagged).toEqual(listenerIds);
  });

  it('walks ListServerGroupServers and ListRules', async () => {
    const servers = await walk(async (nextToken) => {
      const body = (
        await alb.listServerGroupServers(
          new $Alb.ListServerGroupServersRequest({ nextToken, serverGroupId: ipGroupId }),
        )
      ).body!;
      return { items: body.servers!.map((s) => `${s.serverId}:${s.port}`), ...body };
    });
    expect(servers).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80']);
    const rules = await walk(async (nextToken) => {
      const body = (await alb.listRules(new $Alb.ListRulesRequest({ nextToken }))).body!;
      return { items: body.rules!.map((r) => r.priority), ...body };
    });
    expect(rules).toEqual([7, 8]);
  });

  it('refuses a NextToken it did not issue', async () => {
    await expectAlbError(
      alb.listServerGroups(new $Alb.ListServerGroupsRequest({ nextToken: 'garbage' })),
      'InvalidParameter',
    );
  });
});
