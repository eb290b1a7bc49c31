import type { Params } from '../../api/params.js';
import { resourceId } from '../../core/ids.js';
import { TRANSITIONS } from '../../core/latency.js';
import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { popErrors } from '../../api/api-error.js';
import { albError } from './errors.js';
import { healthCheckFrom, stickySessionFrom } from './health-check.js';
import { observe, type JobSpec } from './jobs.js';
import { paged } from './listing.js';
import { relatedLoadBalancerIds, serverGroupShape } from './shapes.js';
import {
  copy,
  definedOnly,
  type JobRecord,
  RESOURCE_NAME,
  type ScopeState,
  type ServerGroupRecord,
  type ServerGroupType,
} from './state.js';
import { matchesTags, tagFilter, tagsFrom } from './tags.js';

// Server groups (`@alicloud/alb20200616` CreateServerGroupRequest and the metadata): CreateServerGroup,
// DeleteServerGroup, ListServerGroups, UpdateServerGroupAttribute. Lifecycle Creating→Available,
// Available→Configuring→Available, Available→Deleting→gone (ListServerGroupsResponseBody `ServerGroupStatus` and
// the actions' descriptions); a change to a group that is not Available is `IncorrectStatus.ServerGroup`.

const TYPES: ServerGroupType[] = ['Instance', 'Ip', 'Fc'];
const PROTOCOLS = ['HTTP', 'HTTPS', 'gRPC'];
const SCHEDULERS = ['Wrr', 'Wlc', 'Sch', 'Uch'];

export function findGroup(call: AlbCall, id: string): ServerGroupRecord {
  const group = call.scope.serverGroups.find((g) => g.id === id);
  if (!group) throw albError(call.ctx.action, 'ResourceNotFound.ServerGroup', id);
  return group;
}

/** A job of the group (its creation, a change, its servers, its deletion), which holds it meanwhile. */
export function serverGroupJob(
  call: AlbCall,
  group: ServerGroupRecord,
  operateType: JobRecord['OperateType'],
  transition: string,
  more: Pick<JobSpec, 'targets' | 'rollback'> = {},
): JobRecord {
  const job = call.job({ operateType, resourceType: 'servergroup', resourceId: group.id, transition, ...more });
  group.jobId = job.Id;
  return job;
}

export function requireAvailable(call: AlbCall, group: ServerGroupRecord): void {
  if (group.status !== 'Available') {
    throw albError(call.ctx.action, 'IncorrectStatus.ServerGroup', group.id, group.status);
  }
}

function checkName(name: string | undefined): string {
  if (name === undefined || !RESOURCE_NAME.test(name)) throw popErrors.invalidParameter('ServerGroupName is illegal.');
  return name;
}

function checkEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  const found = allowed.find((option) => option === value);
  if (found === undefined) throw popErrors.invalidParameter(`${name} must be one of ${allowed.join(', ')}.`);
  return found;
}

/** The features Fc groups refuse (metadata CreateServerGroup: "Fc does not support slow start/connection drain"). */
function refuseFcFeatures(call: AlbCall): void {
  const { params } = call.ctx;
  if (params.object('ConnectionDrainConfig')?.boolean('ConnectionDrainEnabled'))
    throw albError(call.ctx.action, 'UnsupportedFeature.ConnectionDrain', 'ConnectionDrain');
  if (params.object('SlowStartConfig')?.boolean('SlowStartEnabled'))
    throw albError(call.ctx.action, 'UnsupportedFeature.SlowStart', 'SlowStart');
}

/** Slow start and connection draining on Instance/Ip groups (metadata ranges and mismatch codes). */
function drainAndSlowStart(call: AlbCall, scheduler: string, base?: ServerGroupRecord) {
  const { params, action } = call.ctx;
  const drain = params.object('ConnectionDrainConfig');
  const slow = params.object('SlowStartConfig');
  const connectionDrain = {
    ConnectionDrainEnabled:
      drain?.boolean('ConnectionDrainEnabled') ?? base?.connectionDrain.ConnectionDrainEnabled ?? false,
    ConnectionDrainTimeout:
      drain?.number('ConnectionDrainTimeout') ?? base?.connectionDrain.ConnectionDrainTimeout ?? 300,
  };
  const slowStart = {
    SlowStartEnabled: slow?.boolean('SlowStartEnabled') ?? base?.slowStart.SlowStartEnabled ?? false,
    SlowStartDuration: slow?.number('SlowStartDuration') ?? base?.slowStart.SlowStartDuration ?? 30,
  };
  if (connectionDrain.ConnectionDrainTimeout < 0 || connectionDrain.ConnectionDrainTimeout > 900) {
    throw albError(
      action,
      'QuotaExceeded.ConnectionDrainTimeout',
      'ConnectionDrainTimeout',
      connectionDrain.ConnectionDrainTimeout,
      900,
    );
  }
  if (slowStart.SlowStartDuration < 30 || slowStart.SlowStartDuration > 900) {
    throw albError(action, 'QuotaExceeded.SlowStartDuration', 'SlowStartDuration', slowStart.SlowStartDuration, 900);
  }
  if (slowStart.SlowStartEnabled && scheduler !== 'Wrr') {
    throw albError(action, 'Mismatch.ServerGroupSchedulerAndSlowStartEnable', 'Scheduler', 'SlowStartEnabled');
  }
  return { connectionDrain, slowStart };
}

function uchFrom(uch: Params): ServerGroupRecord['uch'] {
  return definedOnly({ Type: uch.string('Type'), Value: uch.string('Value') });
}

function knownVpcs(scope: ScopeState): Set<string> {
  return new Set(scope.loadBalancers.map((lb) => lb.vpcId));
}

export function createServerGroup(call: AlbCall): ApiAnswer {
  const { params, action } = call.ctx;
  const name = checkName(params.string('ServerGroupName'));
  const type = checkEnum(params, 'ServerGroupType', TYPES) ?? 'Instance';
  const healthCheck = healthCheckFrom(params.object('HealthCheckConfig'));
  const tags = tagsFrom(params);
  const defaultResourceGroup = call.scope.loadBalancers[0]?.resourceGroupId ?? '';
  const requestedResourceGroup = params.string('ResourceGroupId');
  const resourceGroupId = requestedResourceGroup ?? defaultResourceGroup;
  if (requestedResourceGroup !== undefined && resourceGroupId !== defaultResourceGroup) {
    throw albError(action, 'NotExist.ResourceGroup');
  }
  const serviceName = params.string('ServiceName');
  const uch = params.object('UchConfig');
  const base = {
    id: resourceId('sgp'),
    name,
    type,
    healthCheck,
    upstreamKeepaliveEnabled: params.boolean('UpstreamKeepaliveEnabled') === true,
    ipv6Enabled: false,
    ...(serviceName ? { serviceName } : {}),
    resourceGroupId,
    tags,
    createdAt: call.now,
    status: 'Creating' as const,
    servers: [],
  };

  let group: ServerGroupRecord;
  if (type === 'Fc') {
    // Regions without Fc backends answer the metadata's `UnsupportedFeature.FcServerGroup` (assumption: which
    // regions have them is not published).
    const regions = call.runtime.options.fcBackendRegions;
    if (regions !== 'all' && !regions.includes(call.ctx.region))
      throw albError(action, 'UnsupportedFeature.FcServerGroup');
    refuseFcFeatures(call);
    // VpcId, Protocol, Scheduler and StickySessionConfig "take effect for Instance/Ip" only: ignored
    // (CreateServerGroupRequest).
    group = {
      ...base,
      stickySession: { StickySessionEnabled: false },
      connectionDrain: { ConnectionDrainEnabled: false, ConnectionDrainTimeout: 300 },
      slowStart: { SlowStartEnabled: false, SlowStartDuration: 30 },
    };
  } else {
    const vpcId = params.string('VpcId');
    // Instance and Ip groups live in a VPC; the local cloud's VPCs are its load balancers' (assumption).
    if (!vpcId) throw popErrors.missing('VpcId');
    if (!knownVpcs(call.scope).has(vpcId)) throw albError(action, 'ResourceNotFound.Vpc', vpcId);
    const scheduler = checkEnum(params, 'Scheduler', SCHEDULERS) ?? 'Wrr';
    const protocol = checkEnum(params, 'Protocol', PROTOCOLS) ?? 'HTTP';
    group = {
      ...base,
      vpcId,
      protocol,
      scheduler,
      stickySession: stickySessionFrom(params.object('StickySessionConfig')),
      ...(uch ? { uch: uchFrom(uch) } : {}),
      ...drainAndSlowStart(call, scheduler),
    };
  }

  call.ctx.checkpoint();
  const job = serverGroupJob(call, group, 'Create', TRANSITIONS.serverGroupCreate);
  call.scope.serverGroups.push(group);
  return { json: { ServerGroupId: group.id, JobId: job.Id } };
}

export function deleteServerGroup(call: AlbCall): ApiAnswer {
  const group = findGroup(call, call.ctx.params.requiredString('ServerGroupId'));
  requireAvailable(call, group);
  // A group a listener or rule forwards to cannot go (metadata DeleteServerGroup; Terraform retries
  // `ResourceInUse.ServerGroup`, resource_alicloud_alb_server_group.go).
  if (relatedLoadBalancerIds(call.scope, group.id).length > 0) {
    throw albError(call.ctx.action, 'ResourceInUse.ServerGroup', group.id);
  }
  call.ctx.checkpoint();
  const job = serverGroupJob(call, group, 'Delete', TRANSITIONS.serverGroupDelete);
  group.status = 'Deleting';
  return { json: { JobId: job.Id } };
}

export function updateServerGroupAttribute(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const group = findGroup(call, params.requiredString('ServerGroupId'));
  const before = copy({ ...group, servers: [] });
  const name = params.has('ServerGroupName') ? checkName(params.string('ServerGroupName')) : group.name;
  const healthCheckConfig = params.object('HealthCheckConfig');
  const healthCheck =
    healthCheckConfig === undefined ? group.healthCheck : healthCheckFrom(healthCheckConfig, group.healthCheck);
  const changes: Partial<ServerGroupRecord> = { name, healthCheck };
  if (group.type === 'Fc') {
    refuseFcFeatures(call);
  } else {
    const scheduler = checkEnum(params, 'Scheduler', SCHEDULERS) ?? group.scheduler ?? 'Wrr';
    changes.scheduler = scheduler;
    const stickySession = params.object('StickySessionConfig');
    if (stickySession !== undefined) changes.stickySession = stickySessionFrom(stickySession, group.stickySession);
    const uch = params.object('UchConfig');
    if (uch !== undefined) changes.uch = uchFrom(uch);
    Object.assign(changes, drainAndSlowStart(call, scheduler, group));
  }
  const keepalive = params.boolean('UpstreamKeepaliveEnabled');
  if (keepalive !== undefined) changes.upstreamKeepaliveEnabled = keepalive;
  const serviceName = params.string('ServiceName');
  if (serviceName !== undefined) changes.serviceName = serviceName;
  requireAvailable(call, group);
  call.ctx.checkpoint();
  const job = serverGroupJob(call, group, 'Update', TRANSITIONS.serverGroupUpdate, { rollback: before });
  Object.assign(group, changes, { status: 'Configuring' });
  return { json: { JobId: job.Id } };
}

export function listServerGroups(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const ids = params.strings('ServerGroupIds');
  const names = params.strings('ServerGroupNames');
  const type = params.string('ServerGroupType');
  const vpcId = params.string('VpcId');
  const resourceGroupId = params.string('ResourceGroupId');
  const tags = tagFilter(params);
  // Unknown ids simply match nothing: 200 with an empty list (Terraform's DescribeAlbServerGroup reads that as
  // not found).
  const groups = call.scope.serverGroups.filter(
    (g) =>
      (!ids?.length || ids.includes(g.id)) &&
      (!names?.length || names.includes(g.name)) &&
      (type === undefined || g.type === type) &&
      (vpcId === undefined || g.vpcId === vpcId) &&
      (resourceGroupId === undefined || g.resourceGroupId === resourceGroupId) &&
      matchesTags(g.tags, tags),
  );
  const { page, envelope } = paged(call, groups);
  observe(
    call.scope,
    page.filter((g) => g.status !== 'Available').map((g) => g.id),
    call.now,
  );
  return {
    json: { ServerGroups: page.map((g) => serverGroupShape(call.scope, g)), ...envelope },
  };
}
