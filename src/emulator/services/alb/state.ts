import type { LoadBalancerEdition } from '../../options.js';

// The ALB slice of the local cloud's world: plain JSON, persisted after every write (core/world.ts).
// Resources belong to a scope = one account in one region, because ALB requests carry no RegionId and
// the region is the endpoint's (`@alicloud/alb20200616` request models have no regionId); another account's
// resources are invisible.

export interface TagRecord {
  Key: string;
  Value: string;
}

export type LoadBalancerStatus = 'Active' | 'Inactive' | 'Provisioning' | 'Configuring' | 'CreateFailed';

interface ZoneRecord {
  zoneId: string;
  vSwitchId: string;
  address: string;
  intranetAddress: string;
}

export interface LoadBalancerRecord {
  id: string;
  name: string;
  regionId: string;
  dnsName: string;
  addressType: 'Internet' | 'Intranet';
  edition: LoadBalancerEdition;
  vpcId: string;
  zones: ZoneRecord[];
  /** The status when no job holds the load balancer (a pending listener job shows `Configuring`). */
  baseStatus: Exclude<LoadBalancerStatus, 'Configuring'>;
  businessStatus: 'Normal' | 'Abnormal';
  resourceGroupId: string;
  tags: TagRecord[];
  createdAt: number;
  /** The listener create/delete job holding this load balancer (listeners.ts). */
  jobId?: string;
}

export interface HealthCheckRecord {
  HealthCheckEnabled: boolean;
  HealthCheckConnectPort: number;
  HealthCheckHost?: string;
  HealthCheckCodes: string[];
  HealthCheckHttpVersion: string;
  HealthCheckInterval: number;
  HealthCheckMethod: string;
  HealthCheckPath: string;
  HealthCheckProtocol: string;
  HealthCheckTimeout: number;
  HealthyThreshold: number;
  UnhealthyThreshold: number;
}

export interface StickySessionRecord {
  StickySessionEnabled: boolean;
  StickySessionType?: string;
  Cookie?: string;
  CookieTimeout?: number;
}

export type ServerGroupType = 'Instance' | 'Ip' | 'Fc';
export type ServerGroupStatus = 'Creating' | 'Available' | 'Configuring' | 'Deleting';
type ServerStatus = 'Adding' | 'Available' | 'Configuring' | 'Removing';

export interface ServerRecord {
  ServerId: string;
  ServerType: string;
  Port?: number;
  Weight?: number;
  ServerIp?: string;
  Description?: string;
  RemoteIpEnabled: boolean;
  Status: ServerStatus;
}

export interface ServerGroupRecord {
  id: string;
  name: string;
  type: ServerGroupType;
  /** Unset for Fc groups: Protocol/VpcId/Scheduler do not apply there (CreateServerGroupRequest). */
  protocol?: string;
  vpcId?: string;
  scheduler?: string;
  healthCheck: HealthCheckRecord;
  stickySession: StickySessionRecord;
  uch?: { Type?: string; Value?: string };
  connectionDrain: { ConnectionDrainEnabled: boolean; ConnectionDrainTimeout: number };
  slowStart: { SlowStartEnabled: boolean; SlowStartDuration: number };
  upstreamKeepaliveEnabled: boolean;
  ipv6Enabled: boolean;
  serviceName?: string;
  resourceGroupId: string;
  tags: TagRecord[];
  createdAt: number;
  status: ServerGroupStatus;
  jobId?: string;
  servers: ServerRecord[];
}

export type ListenerStatus = 'Provisioning' | 'Running' | 'Configuring' | 'Stopped' | 'Deleting';

export interface ForwardAction {
  Type: string;
  ForwardGroupConfig?: { ServerGroupTuples: Array<{ ServerGroupId: string; Weight?: number }> };
  [field: string]: unknown;
}

export interface ListenerRecord {
  id: string;
  loadBalancerId: string;
  port: number;
  protocol: string;
  description?: string;
  requestTimeout: number;
  idleTimeout: number;
  gzipEnabled: boolean;
  http2Enabled: boolean;
  caEnabled: boolean;
  xForwardedFor: Record<string, unknown>;
  quic?: { QuicUpgradeEnabled?: boolean; QuicListenerId?: string };
  defaultActions: ForwardAction[];
  tags: TagRecord[];
  createdAt: number;
  status: ListenerStatus;
  jobId?: string;
  /** The loopback port its data-plane server listens on; kept so a restart re-opens the same port. */
  dataPlanePort?: number;
}

/** ListRulesResponseBody `RuleStatus`, and `Deleting` while a DeleteRule job runs (the SDK's DeleteRule description). */
export type RuleStatus = 'Provisioning' | 'Configuring' | 'Available' | 'Deleting';

export interface RuleRecord {
  id: string;
  listenerId: string;
  loadBalancerId: string;
  name: string;
  priority: number;
  direction: string;
  actions: Array<Record<string, unknown>>;
  conditions: Array<Record<string, unknown>>;
  tags: TagRecord[];
  createdAt: number;
  status: RuleStatus;
  jobId?: string;
}

type JobStatus = 'Processing' | 'Succeeded' | 'Failed';
export type ResourceType = 'loadbalancer' | 'listener' | 'rule' | 'servergroup';

export interface JobRecord {
  Id: string;
  ApiName: string;
  OperateType: 'Create' | 'Update' | 'Delete';
  ResourceType: ResourceType;
  ResourceId: string;
  CreateTime: number;
  ModifyTime: number;
  Status: JobStatus;
  ErrorCode?: string;
  ErrorMessage?: string;
  /** When the transition's duration has elapsed (ms since epoch, from the injected clock). */
  endsAt: number;
  durationMs: number;
  /** Whether a read has shown the in-between state (a zero-length transition waits for one). */
  observed: boolean;
  observedAt?: number;
  /** Ids of the resources whose reads show this job's in-between state. */
  subjects: string[];
  /** Set when the job was told to fail (admin route): it ends Failed and rolls back. */
  failWith?: { code: string; message: string };
  /** What a failure restores: the records as they were before the call (plain JSON copies). */
  rollback?: unknown;
  /** Ids this job acts on beyond ResourceId (e.g. the servers added, the rules created). */
  targets?: string[];
}

export interface ScopeState {
  accountId: string;
  region: string;
  loadBalancers: LoadBalancerRecord[];
  serverGroups: ServerGroupRecord[];
  listeners: ListenerRecord[];
  rules: RuleRecord[];
  jobs: JobRecord[];
}

export interface AlbSlice {
  version: 1;
  /** Keyed `<accountId>@<region>`. */
  scopes: Record<string, ScopeState>;
}

export function emptySlice(): AlbSlice {
  return { version: 1, scopes: {} };
}

export function scopeKey(accountId: string, region: string): string {
  return `${accountId}@${region}`;
}

/** Copies a record for a rollback snapshot: the slice is plain JSON, so a JSON round trip is exact. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The fields of `value` that are set. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Server group and rule names (metadata): 2–128 characters, a letter (or CJK) first, then letters, digits, `.`, `_`,
 * `-`.
 */
export const RESOURCE_NAME = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5._-]{1,127}$/;

/** A backend's identity in its group (AddServersToServerGroupRequest): the function ARN for Fc, else type, id, port. */
export function serverKey(server: { ServerType: string; ServerId: string; Port?: number }): string {
  return server.ServerType === 'Fc'
    ? `Fc|${server.ServerId}`
    : `${server.ServerType}|${server.ServerId}|${server.Port ?? ''}`;
}
