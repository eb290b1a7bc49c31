import type {
  ListenerRecord,
  LoadBalancerRecord,
  LoadBalancerStatus,
  RuleRecord,
  ScopeState,
  ServerGroupRecord,
  ServerRecord,
} from './state.js';
import { isoSeconds } from '../../core/time.js';
import { tagsShape } from './tags.js';

// The wire shapes of ALB resources, PascalCase as the SDK models name them
// (node_modules/@alicloud/alb20200616/dist/models/*ResponseBody.d.ts). Fields the service always fills
// are always present; optional user strings (descriptions, hosts) appear only when set.

export function loadBalancerStatus(lb: LoadBalancerRecord): LoadBalancerStatus {
  // A listener being created or deleted holds the load balancer in Configuring (inferred, listeners.ts).
  return lb.jobId ? 'Configuring' : lb.baseStatus;
}

/** ListLoadBalancers `LoadBalancers[]`. */
export function loadBalancerListShape(lb: LoadBalancerRecord): Record<string, unknown> {
  return {
    LoadBalancerId: lb.id,
    LoadBalancerName: lb.name,
    LoadBalancerStatus: loadBalancerStatus(lb),
    LoadBalancerBussinessStatus: lb.businessStatus,
    LoadBalancerEdition: lb.edition,
    LoadBalancerOperationLocks:
      lb.businessStatus === 'Abnormal' ? [{ LockType: 'FinancialLocked', LockReason: 'Overdue payment' }] : [],
    DNSName: lb.dnsName,
    AddressType: lb.addressType,
    AddressIpVersion: 'IPv4',
    AddressAllocatedMode: 'Dynamic',
    VpcId: lb.vpcId,
    ResourceGroupId: lb.resourceGroupId,
    CreateTime: isoSeconds(lb.createdAt),
    LoadBalancerBillingConfig: { PayType: 'PostPay' },
    DeletionProtectionConfig: { Enabled: false },
    ModificationProtectionConfig: { Status: 'NonProtection' },
    AccessLogConfig: { LogProject: '', LogStore: '' },
    SecurityGroupIds: [],
    Tags: tagsShape(lb.tags),
  };
}

/** GetLoadBalancerAttribute: the list item plus region and zone mappings (GetLoadBalancerAttributeResponseBody). */
export function loadBalancerAttributeShape(lb: LoadBalancerRecord): Record<string, unknown> {
  return {
    ...loadBalancerListShape(lb),
    RegionId: lb.regionId,
    ZoneMappings: lb.zones.map((zone) => ({
      ZoneId: zone.zoneId,
      VSwitchId: zone.vSwitchId,
      Status: 'Active',
      LoadBalancerAddresses: [
        {
          Address: lb.addressType === 'Internet' ? zone.address : zone.intranetAddress,
          IntranetAddress: zone.intranetAddress,
          IntranetAddressHcStatus: 'Healthy',
          ...(lb.addressType === 'Internet'
            ? { AllocationId: `eip-${zone.vSwitchId.slice(4, 24)}`, EipType: 'Common' }
            : {}),
        },
      ],
    })),
  };
}

/** Load balancers whose listeners or rules forward to the group (ListServerGroups RelatedLoadBalancerIds). */
export function relatedLoadBalancerIds(scope: ScopeState, groupId: string): string[] {
  const ids = new Set<string>();
  for (const listener of scope.listeners) {
    if (forwardsTo(listener.defaultActions, groupId)) ids.add(listener.loadBalancerId);
  }
  for (const rule of scope.rules) if (forwardsTo(rule.actions, groupId)) ids.add(rule.loadBalancerId);
  return [...ids];
}

export function forwardsTo(actions: Array<Record<string, unknown>>, groupId: string): boolean {
  return forwardedGroupIds(actions).includes(groupId);
}

/** The server groups actions forward or mirror to. */
export function forwardedGroupIds(actions: Array<Record<string, unknown>>): string[] {
  const ids: string[] = [];
  for (const action of actions) {
    const forward = action.ForwardGroupConfig as { ServerGroupTuples?: Array<{ ServerGroupId?: string }> } | undefined;
    const mirror = action.TrafficMirrorConfig as
      { MirrorGroupConfig?: { ServerGroupTuples?: Array<{ ServerGroupId?: string }> } } | undefined;
    for (const tuple of [
      ...(forward?.ServerGroupTuples ?? []),
      ...(mirror?.MirrorGroupConfig?.ServerGroupTuples ?? []),
    ]) {
      if (tuple.ServerGroupId) ids.push(tuple.ServerGroupId);
    }
  }
  return ids;
}

/** ListServerGroups `ServerGroups[]` (ListServerGroupsResponseBody). */
export function serverGroupShape(scope: ScopeState, group: ServerGroupRecord): Record<string, unknown> {
  const fc = group.type === 'Fc';
  return {
    ServerGroupId: group.id,
    ServerGroupName: group.name,
    ServerGroupType: group.type,
    ServerGroupStatus: group.status,
    // Fc groups: Protocol and VpcId do not apply and come back empty; Scheduler comes back `Wrr`
    // (inferred: Terraform's Fc acceptance tests read a non-empty scheduler and an empty protocol/vpc_id).
    ...(fc ? {} : { Protocol: group.protocol, VpcId: group.vpcId }),
    Scheduler: fc ? 'Wrr' : group.scheduler,
    HealthCheckConfig: { ...group.healthCheck, HealthCheckCodes: [...group.healthCheck.HealthCheckCodes] },
    StickySessionConfig: { ...group.stickySession },
    ...(group.uch ? { UchConfig: { ...group.uch } } : {}),
    ConnectionDrainConfig: { ...group.connectionDrain },
    SlowStartConfig: { ...group.slowStart },
    CrossZoneEnabled: true,
    Ipv6Enabled: group.ipv6Enabled,
    UpstreamKeepaliveEnabled: group.upstreamKeepaliveEnabled,
    ConfigManagedEnabled: false,
    RelatedLoadBalancerIds: relatedLoadBalancerIds(scope, group.id),
    ServerCount: group.servers.length,
    ResourceGroupId: group.resourceGroupId,
    ...(group.serviceName ? { ServiceName: group.serviceName } : {}),
    Tags: tagsShape(group.tags),
    CreateTime: isoSeconds(group.createdAt),
  };
}

/** ListServerGroupServers `Servers[]` (ListServerGroupServersResponseBody). */
export function serverShape(groupId: string, server: ServerRecord): Record<string, unknown> {
  const fc = server.ServerType === 'Fc';
  return {
    ServerGroupId: groupId,
    ServerId: server.ServerId,
    ServerType: server.ServerType,
    // Port and Weight do not apply to functions, yet the API returns values for them — the cause of
    // Terraform's perpetual diff (aliyun/terraform-provider-alicloud PR #8924) — taken as Port 0 and Weight 100
    // (assumption: the values are not documented).
    Port: fc ? 0 : (server.Port ?? 0),
    Weight: fc ? 100 : (server.Weight ?? 100),
    ...(server.ServerIp ? { ServerIp: server.ServerIp } : {}),
    ...(server.Description ? { Description: server.Description } : {}),
    RemoteIpEnabled: server.RemoteIpEnabled,
    Status: server.Status,
  };
}

function defaultActionsShape(listener: ListenerRecord): Array<Record<string, unknown>> {
  return listener.defaultActions.map((action) => ({
    Type: action.Type,
    ForwardGroupConfig: {
      ServerGroupTuples: (action.ForwardGroupConfig?.ServerGroupTuples ?? []).map((t) => ({
        ServerGroupId: t.ServerGroupId,
      })),
    },
  }));
}

/** ListListeners `Listeners[]`. */
export function listenerListShape(listener: ListenerRecord): Record<string, unknown> {
  return {
    ListenerId: listener.id,
    LoadBalancerId: listener.loadBalancerId,
    ListenerPort: listener.port,
    ListenerProtocol: listener.protocol,
    ListenerStatus: listener.status,
    ...(listener.description ? { ListenerDescription: listener.description } : {}),
    DefaultActions: defaultActionsShape(listener),
    RequestTimeout: listener.requestTimeout,
    IdleTimeout: listener.idleTimeout,
    GzipEnabled: listener.gzipEnabled,
    Http2Enabled: listener.http2Enabled,
    XForwardedForConfig: { ...listener.xForwardedFor },
    QuicConfig: { QuicUpgradeEnabled: listener.quic?.QuicUpgradeEnabled ?? false, ...quicId(listener) },
    LogConfig: {
      AccessLogRecordCustomizedHeadersEnabled: false,
      AccessLogTracingConfig: { TracingEnabled: false },
    },
    Tags: tagsShape(listener.tags),
  };
}

function quicId(listener: ListenerRecord): Record<string, string> {
  return listener.quic?.QuicListenerId ? { QuicListenerId: listener.quic.QuicListenerId } : {};
}

/** GetListenerAttribute (GetListenerAttributeResponseBody). */
export function listenerAttributeShape(listener: ListenerRecord): Record<string, unknown> {
  return {
    ...listenerListShape(listener),
    CaEnabled: listener.caEnabled,
    // Only HTTP listeners exist (HTTPS/QUIC need a certificate, which the local cloud never has).
    Certificates: [],
    CaCertificates: [],
    AclConfig: { AclRelations: [] },
  };
}

/** ListRules `Rules[]`. */
export function ruleShape(rule: RuleRecord): Record<string, unknown> {
  return {
    RuleId: rule.id,
    RuleName: rule.name,
    ListenerId: rule.listenerId,
    LoadBalancerId: rule.loadBalancerId,
    Priority: rule.priority,
    Direction: rule.direction,
    RuleStatus: rule.status,
    RuleActions: rule.actions.map((a) => ({ ...a })),
    RuleConditions: rule.conditions.map((c) => ({ ...c })),
    Tags: tagsShape(rule.tags),
  };
}
