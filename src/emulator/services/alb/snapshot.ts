import type { AlbDataPlane } from './data-plane.js';
import { loadBalancerStatus } from './shapes.js';
import type { AlbSlice } from './state.js';

// The ALB part of GET /_emulator/state: every resource with its account, region and status, and for each
// listener the loopback URL its data plane answers on (docs/emulator.md, "Admin API").

export function albSnapshot(slice: AlbSlice, dataPlane: AlbDataPlane): Record<string, unknown> {
  const scopes = Object.values(slice.scopes);
  return {
    loadBalancers: scopes.flatMap((s) =>
      s.loadBalancers.map((lb) => ({
        loadBalancerId: lb.id,
        accountId: s.accountId,
        region: s.region,
        name: lb.name,
        dnsName: lb.dnsName,
        addressType: lb.addressType,
        edition: lb.edition,
        status: loadBalancerStatus(lb),
        businessStatus: lb.businessStatus,
      })),
    ),
    serverGroups: scopes.flatMap((s) =>
      s.serverGroups.map((g) => ({
        serverGroupId: g.id,
        accountId: s.accountId,
        region: s.region,
        name: g.name,
        type: g.type,
        status: g.status,
        servers: g.servers.map((server) => ({
          serverId: server.ServerId,
          serverType: server.ServerType,
          status: server.Status,
        })),
      })),
    ),
    listeners: scopes.flatMap((s) =>
      s.listeners.map((l) => {
        const port = dataPlane.portOf(l.id);
        return {
          listenerId: l.id,
          loadBalancerId: l.loadBalancerId,
          accountId: s.accountId,
          region: s.region,
          port: l.port,
          protocol: l.protocol,
          status: l.status,
          dataPlanePort: port ?? null,
          dataPlane: port === undefined ? null : `http://127.0.0.1:${port}`,
        };
      }),
    ),
    rules: scopes.flatMap((s) =>
      s.rules.map((r) => ({ ruleId: r.id, listenerId: r.listenerId, priority: r.priority, status: r.status })),
    ),
    jobs: scopes.flatMap((s) =>
      s.jobs
        .filter((j) => j.Status === 'Processing')
        .map((j) => ({ jobId: j.Id, apiName: j.ApiName, resourceId: j.ResourceId, status: j.Status })),
    ),
  };
}
