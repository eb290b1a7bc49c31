import type * as $Alb from '@alicloud/alb20200616';
import { hasCloudCode } from '../errors.js';
import type { AlbPort, ListenerInfo, LoadBalancerInfo, ServerGroupInfo } from '../ports.js';
import type { Caller } from './call.js';
import { albRulesAdapter } from './alb-rules-adapter.js';
import type { SdkClient } from './sdk-loader.js';
import { allTokenPages } from './pages.js';
import { fromTagList, toTagList } from './tags.js';

// ALB 2020-06-16 through the official client. Reads answer `undefined` for what does not exist: a ListServerGroups
// filtered by id answers an empty list for an unknown group (Terraform reads it as not found:
// aliyun/terraform-provider-alicloud alicloud/service_alicloud_alb_v2.go), the other reads answer `ResourceNotFound.*`.
// Fc backends are sent without Port/Weight/ServerIp, as Terraform learned to do (aliyun/terraform-provider-alicloud PR
// #8924).

export function createAlbAdapter(region: string, alb: SdkClient<'alb'>, call: Caller): AlbPort {
  const toLoadBalancer = (lb: {
    loadBalancerId?: string;
    loadBalancerName?: string;
    DNSName?: string;
    loadBalancerStatus?: string;
    addressType?: string;
    regionId?: string;
    loadBalancerEdition?: string;
  }): LoadBalancerInfo => ({
    id: lb.loadBalancerId ?? '',
    name: lb.loadBalancerName ?? '',
    dnsName: lb.DNSName ?? '',
    status: lb.loadBalancerStatus ?? '',
    addressType: lb.addressType ?? '',
    regionId: lb.regionId ?? region,
    ...(lb.loadBalancerEdition ? { edition: lb.loadBalancerEdition } : {}),
  });

  const toServerGroup = (group: $Alb.ListServerGroupsResponseBodyServerGroups): ServerGroupInfo => ({
    id: group.serverGroupId ?? '',
    name: group.serverGroupName ?? '',
    type: group.serverGroupType ?? '',
    status: group.serverGroupStatus ?? '',
    healthCheckEnabled: group.healthCheckConfig?.healthCheckEnabled ?? false,
    tags: fromTagList(group.tags),
  });

  const toListener = (listener: {
    listenerId?: string;
    loadBalancerId?: string;
    listenerPort?: number;
    listenerProtocol?: string;
    listenerStatus?: string;
    defaultActions?: Array<{ forwardGroupConfig?: { serverGroupTuples?: Array<{ serverGroupId?: string }> } }>;
    tags?: Array<{ key?: string; value?: string }>;
    requestTimeout?: number;
  }): ListenerInfo => ({
    id: listener.listenerId ?? '',
    loadBalancerId: listener.loadBalancerId ?? '',
    port: listener.listenerPort ?? 0,
    protocol: listener.listenerProtocol ?? '',
    status: listener.listenerStatus ?? '',
    forwardServerGroupIds: (listener.defaultActions ?? []).flatMap((action) =>
      (action.forwardGroupConfig?.serverGroupTuples ?? []).map((tuple) => tuple.serverGroupId ?? ''),
    ),
    tags: fromTagList(listener.tags),
    ...(listener.requestTimeout === undefined ? {} : { requestTimeout: listener.requestTimeout }),
  });

  async function listServerGroups(request: {
    serverGroupIds?: string[];
    tag?: Array<{ key: string; value: string }>;
  }): Promise<ServerGroupInfo[]> {
    return allTokenPages(async (nextToken) => {
      const answer = await call(alb, 'ListServerGroups', ({ client, sdk }) =>
        client.listServerGroups(new sdk.ListServerGroupsRequest({ ...request, maxResults: 100, nextToken })),
      );
      return { items: (answer.body?.serverGroups ?? []).map(toServerGroup), nextToken: answer.body?.nextToken };
    });
  }

  return {
    ...albRulesAdapter(alb, call),

    async getLoadBalancer(id) {
      try {
        const answer = await call(alb, 'GetLoadBalancerAttribute', ({ client, sdk }) =>
          client.getLoadBalancerAttribute(new sdk.GetLoadBalancerAttributeRequest({ loadBalancerId: id })),
        );
        return answer.body ? toLoadBalancer(answer.body) : undefined;
      } catch (error) {
        if (hasCloudCode(error, 'ResourceNotFound.LoadBalancer')) return undefined;
        throw error;
      }
    },

    listLoadBalancers() {
      return allTokenPages(async (nextToken) => {
        const answer = await call(alb, 'ListLoadBalancers', ({ client, sdk }) =>
          client.listLoadBalancers(new sdk.ListLoadBalancersRequest({ maxResults: 100, nextToken })),
        );
        return { items: (answer.body?.loadBalancers ?? []).map(toLoadBalancer), nextToken: answer.body?.nextToken };
      });
    },

    async createServerGroup(req) {
      const answer = await call(alb, 'CreateServerGroup', ({ client, sdk }) =>
        client.createServerGroup(
          new sdk.CreateServerGroupRequest({
            serverGroupName: req.name,
            serverGroupType: 'Fc',
            healthCheckConfig: { healthCheckEnabled: req.healthCheckEnabled },
            tag: toTagList(req.tags),
            clientToken: req.clientToken,
          }),
        ),
      );
      return { id: answer.body?.serverGroupId ?? '', jobId: answer.body?.jobId ?? '' };
    },

    async getServerGroup(id) {
      const [group] = await listServerGroups({ serverGroupIds: [id] });
      return group;
    },

    listServerGroupsByTags(tags) {
      return listServerGroups({ tag: toTagList(tags) });
    },

    async deleteServerGroup(req) {
      try {
        const answer = await call(alb, 'DeleteServerGroup', ({ client, sdk }) =>
          client.deleteServerGroup(
            new sdk.DeleteServerGroupRequest({ serverGroupId: req.id, clientToken: req.clientToken }),
          ),
        );
        return { jobId: answer.body?.jobId ?? '' };
      } catch (error) {
        if (hasCloudCode(error, 'ResourceNotFound.ServerGroup')) return 'absent';
        throw error;
      }
    },

    async addFunction(req) {
      const answer = await call(alb, 'AddServersToServerGroup', ({ client, sdk }) =>
        client.addServersToServerGroup(
          new sdk.AddServersToServerGroupRequest({
            serverGroupId: req.serverGroupId,
            servers: [{ serverType: 'Fc', serverId: req.functionArn }],
            clientToken: req.clientToken,
          }),
        ),
      );
      return { jobId: answer.body?.jobId ?? '' };
    },

    async removeFunction(req) {
      try {
        const answer = await call(alb, 'RemoveServersFromServerGroup', ({ client, sdk }) =>
          client.removeServersFromServerGroup(
            new sdk.RemoveServersFromServerGroupRequest({
              serverGroupId: req.serverGroupId,
              servers: [{ serverType: 'Fc', serverId: req.functionArn }],
              clientToken: req.clientToken,
            }),
          ),
        );
        return { jobId: answer.body?.jobId ?? '' };
      } catch (error) {
        if (hasCloudCode(error, 'ResourceNotFound.ServerGroup', 'ResourceNotFound.BackendServer')) return 'absent';
        throw error;
      }
    },

    listServers(serverGroupId) {
      return allTokenPages(async (nextToken) => {
        const answer = await call(alb, 'ListServerGroupServers', ({ client, sdk }) =>
          client.listServerGroupServers(
            new sdk.ListServerGroupServersRequest({ serverGroupId, maxResults: 100, nextToken }),
          ),
        );
        const items = (answer.body?.servers ?? []).map((server) => ({
          serverGroupId: server.serverGroupId ?? serverGroupId,
          serverId: server.serverId ?? '',
          serverType: server.serverType ?? '',
          status: server.status ?? '',
        }));
        return { items, nextToken: answer.body?.nextToken };
      });
    },

    async createListener(req) {
      const answer = await call(alb, 'CreateListener', ({ client, sdk }) =>
        client.createListener(
          new sdk.CreateListenerRequest({
            loadBalancerId: req.loadBalancerId,
            listenerProtocol: req.protocol,
            listenerPort: req.port,
            defaultActions: [
              {
                type: 'ForwardGroup',
                forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: req.serverGroupId }] },
              },
            ],
            tag: toTagList(req.tags),
            clientToken: req.clientToken,
          }),
        ),
      );
      return { id: answer.body?.listenerId ?? '', jobId: answer.body?.jobId ?? '' };
    },

    async getListener(id) {
      try {
        const answer = await call(alb, 'GetListenerAttribute', ({ client, sdk }) =>
          client.getListenerAttribute(new sdk.GetListenerAttributeRequest({ listenerId: id })),
        );
        return answer.body ? toListener(answer.body) : undefined;
      } catch (error) {
        if (hasCloudCode(error, 'ResourceNotFound.Listener')) return undefined;
        throw error;
      }
    },

    listListeners(loadBalancerId) {
      return allTokenPages(async (nextToken) => {
        const answer = await call(alb, 'ListListeners', ({ client, sdk }) =>
          client.listListeners(
            new sdk.ListListenersRequest({ loadBalancerIds: [loadBalancerId], maxResults: 100, nextToken }),
          ),
        );
        return { items: (answer.body?.listeners ?? []).map(toListener), nextToken: answer.body?.nextToken };
      });
    },

    async deleteListener(req) {
      try {
        const answer = await call(alb, 'DeleteListener', ({ client, sdk }) =>
          client.deleteListener(new sdk.DeleteListenerRequest({ listenerId: req.id, clientToken: req.clientToken })),
        );
        return { jobId: answer.body?.jobId ?? '' };
      } catch (error) {
        if (hasCloudCode(error, 'ResourceNotFound.Listener')) return 'absent';
        throw error;
      }
    },

    async getJob(jobId) {
      const answer = await call(alb, 'ListAsynJobs', ({ client, sdk }) =>
        client.listAsynJobs(new sdk.ListAsynJobsRequest({ jobIds: [jobId] })),
      );
      const job = answer.body?.jobs?.find((j) => j.id === jobId);
      return job
        ? { id: jobId, status: job.status ?? '', errorCode: job.errorCode, errorMessage: job.errorMessage }
        : undefined;
    },
  };
}
