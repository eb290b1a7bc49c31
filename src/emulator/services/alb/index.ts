import type { ActionTable, ApiAnswer, EmulatedService, HostAnswer } from '../../core/service.js';
import { metadata } from '../../metadata/index.js';
import { popDialect } from '../../wire/dialects.js';
import { rpcProtocol } from '../../wire/rpc-protocol.js';
import { albAdminRoutes } from './admin.js';
import { albBackendDirectory } from './backends.js';
import { listAsynJobs } from './asyn-jobs.js';
import { albCall, AlbRuntime, type AlbCall } from './context.js';
import { AlbDataPlane } from './data-plane.js';
import { RefusingPorts } from './refusing-port.js';
import {
  createListener,
  deleteListener,
  getListenerAttribute,
  listListeners,
  updateListenerAttribute,
} from './listeners.js';
import { getLoadBalancerAttribute, listLoadBalancers } from './load-balancers.js';
import { createRule, createRules, deleteRule, listRules, updateRuleAttribute } from './rules.js';
import { createServerGroup, deleteServerGroup, listServerGroups, updateServerGroupAttribute } from './server-groups.js';
import { addServersToServerGroup, listServerGroupServers, removeServersFromServerGroup } from './servers.js';
import { albSnapshot } from './snapshot.js';
import { listTagResources, tagResources, unTagResources } from './tags.js';

// The ALB 2020-06-16 service of the local cloud (`@alicloud/alb20200616`, its metadata, ALB's API reference).
// The pipeline decodes and validates parameters from the metadata, replays ClientTokens, answers DryRun and
// persists after writes; this module models the resources, their asynchronous states and locks, and the
// listeners' data plane.

export function createAlbService(): EmulatedService {
  const runtime = new AlbRuntime();
  const dataPlane = new AlbDataPlane(runtime);
  const refusing = new RefusingPorts();
  runtime.dataPlane = dataPlane;
  runtime.loadBalancerAdded = (id) => refusing.open(id);

  const handlers: Record<string, (call: AlbCall) => ApiAnswer | Promise<ApiAnswer>> = {
    CreateServerGroup: createServerGroup,
    DeleteServerGroup: deleteServerGroup,
    ListServerGroups: listServerGroups,
    UpdateServerGroupAttribute: updateServerGroupAttribute,
    AddServersToServerGroup: addServersToServerGroup,
    RemoveServersFromServerGroup: removeServersFromServerGroup,
    ListServerGroupServers: listServerGroupServers,
    CreateListener: createListener,
    DeleteListener: deleteListener,
    GetListenerAttribute: getListenerAttribute,
    ListListeners: listListeners,
    UpdateListenerAttribute: updateListenerAttribute,
    GetLoadBalancerAttribute: getLoadBalancerAttribute,
    ListLoadBalancers: listLoadBalancers,
    ListAsynJobs: listAsynJobs,
    TagResources: tagResources,
    UnTagResources: unTagResources,
    ListTagResources: listTagResources,
    CreateRule: createRule,
    CreateRules: createRules,
    DeleteRule: deleteRule,
    ListRules: listRules,
    UpdateRuleAttribute: updateRuleAttribute,
  };
  const actions: ActionTable = {};
  for (const [name, handler] of Object.entries(handlers)) actions[name] = (ctx) => handler(albCall(ctx, runtime));

  return {
    name: 'alb',
    protocol: rpcProtocol('2020-06-16', metadata.alb),
    dialect: popDialect({ name: 'Alb', host: (region) => `alb.${region}.aliyuncs.com` }),
    actions,
    backends: albBackendDirectory(runtime),

    async start(env) {
      runtime.env = env;
      const now = env.clock.now();
      // Seed every configured account (the procedure's prerequisite ALB, docs/emulator.md "Seeded resources"),
      // then bring back the data plane.
      for (const account of env.accounts) runtime.scope(env.world, account.accountId, env.region, now);
      runtime.advanceAll(env.world, now);
      for (const scope of Object.values(runtime.slice(env.world).scopes)) {
        for (const lb of scope.loadBalancers) await refusing.open(lb.id);
        for (const listener of scope.listeners) await dataPlane.open(listener);
      }
    },

    async stop() {
      runtime.failures.clear();
      await dataPlane.closeAll();
      await refusing.closeAll();
    },

    snapshot() {
      const env = runtime.env;
      if (!env) return {};
      runtime.advanceAll(env.world, env.clock.now());
      return albSnapshot(runtime.slice(env.world), dataPlane);
    },

    readyFields(accountId) {
      const env = runtime.env;
      if (!env) return {};
      const scope = runtime.scope(env.world, accountId, env.region, env.clock.now());
      return {
        loadBalancers: scope.loadBalancers.map((lb) => ({
          id: lb.id,
          dnsName: lb.dnsName,
          addressType: lb.addressType,
        })),
      };
    },

    resolveHost(host, port): HostAnswer | undefined {
      const env = runtime.env;
      if (!env) return undefined;
      const name = host.toLowerCase().replace(/\.$/, '');
      for (const scope of Object.values(runtime.slice(env.world).scopes)) {
        const lb = scope.loadBalancers.find((l) => l.dnsName === name);
        if (!lb) continue;
        // The name always resolves; a port without a listener answers with a connection that fails.
        const listener = scope.listeners.find((l) => l.loadBalancerId === lb.id && l.port === port);
        const target = (listener ? dataPlane.portOf(listener.id) : undefined) ?? refusing.portOf(lb.id);
        return target === undefined ? undefined : { address: '127.0.0.1', port: target };
      }
      return undefined;
    },

    adminRoutes: albAdminRoutes(runtime),
  };
}
