import type { Params } from '../../api/params.js';
import { resourceId } from '../../core/ids.js';
import { TRANSITIONS } from '../../core/latency.js';
import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { popErrors } from '../../api/api-error.js';
import { albError } from './errors.js';
import { observe } from './jobs.js';
import { paged } from './listing.js';
import { findLoadBalancer } from './load-balancers.js';
import { listenerAttributeShape, listenerListShape, loadBalancerStatus } from './shapes.js';
import {
  copy,
  definedOnly,
  type ForwardAction,
  type JobRecord,
  type ListenerRecord,
  type LoadBalancerRecord,
} from './state.js';
import { matchesTags, tagFilter, tagsFrom } from './tags.js';

// Listeners: CreateListener, DeleteListener, GetListenerAttribute, ListListeners, UpdateListenerAttribute.
// Provisioning→Running after create, Configuring during an update, Deleting→gone (GetListenerAttributeResponseBody
// `ListenerStatus`, the DeleteListener description). Creating or deleting a listener holds its load balancer in
// Configuring; a concurrent listener change on that load balancer is `IncorrectStatus.LoadBalancer` (inferred:
// aliyun/terraform-provider-alicloud retries it on listener deletes, PR #7768, and
// alibaba/alibaba-load-balancer-controller on CreateListener).

const PROTOCOLS = ['HTTP', 'HTTPS', 'QUIC'];
/** Listeners per load balancer (assumption: the ALB quota page's default); one more is `ResourceQuotaExceeded`. */
const LISTENERS_PER_LOAD_BALANCER = 50;

const DEFAULT_XFF: Record<string, unknown> = {
  XForwardedForEnabled: true,
  XForwardedForProcessingMode: 'append',
  XForwardedForProtoEnabled: false,
  XForwardedForSLBIdEnabled: false,
  XForwardedForSLBPortEnabled: false,
  XForwardedForClientSrcPortEnabled: false,
  XForwardedForHostEnabled: false,
  XForwardedForClientSourceIpsEnabled: false,
  XForwardedForClientCertClientVerifyEnabled: false,
  XForwardedForClientCertFingerprintEnabled: false,
  XForwardedForClientCertIssuerDNEnabled: false,
  XForwardedForClientCertSubjectDNEnabled: false,
};

export function findListener(call: AlbCall, id: string): ListenerRecord {
  const listener = call.scope.listeners.find((l) => l.id === id);
  if (!listener) throw albError(call.ctx.action, 'ResourceNotFound.Listener', id);
  return listener;
}

/** A listener being provisioned, configured or deleted cannot change (metadata codes of each action). */
export function requireSteadyListener(call: AlbCall, listener: ListenerRecord): void {
  if (listener.status === 'Configuring') throw albError(call.ctx.action, 'ResourceInConfiguring.Listener');
  if (listener.status !== 'Running' && listener.status !== 'Stopped') {
    throw albError(call.ctx.action, 'IncorrectStatus.Listener', listener.id, listener.status);
  }
}

/** Listener changes need the load balancer Active and its business status Normal (metadata CreateListener codes). */
function requireUsableLoadBalancer(call: AlbCall, lb: LoadBalancerRecord): void {
  if (lb.businessStatus !== 'Normal') {
    throw albError(call.ctx.action, 'IncorrectBusinessStatus.LoadBalancer', lb.id, lb.businessStatus);
  }
  const status = loadBalancerStatus(lb);
  if (status !== 'Active') throw albError(call.ctx.action, 'IncorrectStatus.LoadBalancer', lb.id, status);
}

/**
 * `DefaultActions`: one action, `ForwardGroup` (metadata: "at most 1 action type; value ForwardGroup"), to server
 * groups of this account. Fc groups serve HTTP listeners only (FC "ALB triggers" page,
 * https://alibabacloud.com/help/en/fc/alb-triggers); HTTPS groups need an HTTPS listener and gRPC groups an HTTPS one
 * (ALB server groups page,
 * https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/alb-server-group-overview), else
 * `OperationDenied.ServerGroupProtocolNotSupport` / `OperationDenied.GRPCServerGroup`; Instance/Ip groups must be in
 * the load balancer's VPC (`Mismatch.VpcId`).
 */
function defaultActionsFrom(call: AlbCall, lb: LoadBalancerRecord, protocol: string): ForwardAction[] {
  const actions = call.ctx.params.objects('DefaultActions') ?? [];
  const { action: api } = call.ctx;
  if (actions.length !== 1) throw popErrors.invalidParameter('DefaultActions must hold exactly one action.');
  const [action] = actions;
  if (action?.string('Type') !== 'ForwardGroup') {
    throw popErrors.invalidParameter('DefaultActions.1.Type must be ForwardGroup.');
  }
  const groupIds = (action.object('ForwardGroupConfig')?.objects('ServerGroupTuples') ?? []).map(
    (tuple) => tuple.string('ServerGroupId') ?? '',
  );
  if (groupIds.length === 0)
    throw popErrors.invalidParameter('DefaultActions.1.ForwardGroupConfig.ServerGroupTuples is mandatory.');
  for (const groupId of groupIds) {
    const group = call.scope.serverGroups.find((g) => g.id === groupId);
    if (!group) throw albError(api, 'ResourceNotFound.ServerGroup', groupId);
    if (group.type === 'Fc' && protocol !== 'HTTP')
      throw albError(api, 'OperationDenied.ServerGroupProtocolNotSupport');
    if (group.protocol === 'HTTPS' && protocol !== 'HTTPS')
      throw albError(api, 'OperationDenied.ServerGroupProtocolNotSupport');
    if (group.protocol === 'gRPC' && protocol !== 'HTTPS')
      throw albError(api, 'OperationDenied.GRPCServerGroup', group.id);
    if (group.vpcId && group.vpcId !== lb.vpcId) throw albError(api, 'Mismatch.VpcId', 'VpcId', group.id, lb.id);
  }
  return [
    {
      Type: 'ForwardGroup',
      ForwardGroupConfig: { ServerGroupTuples: groupIds.map((ServerGroupId) => ({ ServerGroupId })) },
    },
  ];
}

interface ListenerSettings {
  description?: string;
  requestTimeout?: number;
  idleTimeout?: number;
  gzipEnabled?: boolean;
  http2Enabled?: boolean;
  caEnabled?: boolean;
  xForwardedFor?: Record<string, unknown>;
  quic?: ListenerRecord['quic'];
}

/** The optional settings shared by create and update, validated (SDK ranges: request 1–180 s, idle 1–60 s). */
function settingsFrom(call: AlbCall, base: ListenerRecord | undefined, protocol: string): ListenerSettings {
  const { params, action } = call.ctx;
  const settings: ListenerSettings = {};
  const description = params.string('ListenerDescription');
  if (description !== undefined) {
    if (description.length < 2 || description.length > 256)
      throw popErrors.invalidParameter('ListenerDescription is illegal.');
    settings.description = description;
  }
  const requestTimeout = params.number('RequestTimeout');
  // The SDK documents 1–180 s; the quota page raises it to 600 and Terraform validates 0–600
  // (aliyun/terraform-provider-alicloud commit 6114918dd): 600 is taken as the limit (assumption).
  if (requestTimeout !== undefined && (requestTimeout < 1 || requestTimeout > 600)) {
    throw popErrors.invalidParameter('RequestTimeout must be between 1 and 600.');
  }
  const idleTimeout = params.number('IdleTimeout');
  if (idleTimeout !== undefined && (idleTimeout < 1 || idleTimeout > 60))
    throw popErrors.invalidParameter('IdleTimeout must be between 1 and 60.');
  if (requestTimeout !== undefined) settings.requestTimeout = requestTimeout;
  if (idleTimeout !== undefined) settings.idleTimeout = idleTimeout;
  Object.assign(
    settings,
    definedOnly({
      gzipEnabled: params.boolean('GzipEnabled'),
      http2Enabled: params.boolean('Http2Enabled'),
      caEnabled: params.boolean('CaEnabled'),
    }),
  );
  const xForwardedFor = params.record('XForwardedForConfig');
  if (xForwardedFor !== undefined)
    settings.xForwardedFor = { ...(base?.xForwardedFor ?? DEFAULT_XFF), ...xForwardedFor };
  const quic = params.object('QuicConfig');
  if (quic !== undefined) settings.quic = quicFrom(quic);
  const certificates = params.objects('Certificates');
  if (protocol !== 'HTTP') {
    // HTTPS/QUIC listeners need a server certificate; the local cloud has no certificate service, so any
    // id is unknown (metadata `ResourceNotFound.Certificate`): no HTTPS/QUIC listener ever exists.
    if (!certificates?.length)
      throw popErrors.invalidParameter('Certificates is mandatory for HTTPS and QUIC listeners.');
    const certificate = certificates?.[0];
    if (certificate) throw albError(action, 'ResourceNotFound.Certificate', certificate.string('CertificateId') ?? '');
    const securityPolicyId = params.string('SecurityPolicyId');
    if (securityPolicyId !== undefined) throw albError(action, 'ResourceNotFound.SecurityPolicy', securityPolicyId);
  }
  return settings;
}

function quicFrom(quic: Params): ListenerRecord['quic'] {
  return definedOnly({
    QuicUpgradeEnabled: quic.boolean('QuicUpgradeEnabled'),
    QuicListenerId: quic.string('QuicListenerId'),
  });
}

/** Creating or deleting a listener is a job that holds its load balancer too (Configuring meanwhile). */
function loadBalancerJob(
  call: AlbCall,
  listener: ListenerRecord,
  lb: LoadBalancerRecord,
  operateType: 'Create' | 'Delete',
  transition: string,
): JobRecord {
  const job = call.job({
    operateType,
    resourceType: 'listener',
    resourceId: listener.id,
    transition,
    subjects: [listener.id, lb.id],
  });
  listener.jobId = job.Id;
  lb.jobId = job.Id;
  return job;
}

export async function createListener(call: AlbCall): Promise<ApiAnswer> {
  const { params, action } = call.ctx;
  const lb = findLoadBalancer(call, params.requiredString('LoadBalancerId'));
  const protocol = params.requiredString('ListenerProtocol');
  if (!PROTOCOLS.includes(protocol))
    throw popErrors.invalidParameter(`ListenerProtocol must be one of ${PROTOCOLS.join(', ')}.`);
  const port = params.number('ListenerPort') ?? 0;
  if (port < 1 || port > 65535) throw popErrors.invalidParameter('ListenerPort must be between 1 and 65535.');
  const defaultActions = defaultActionsFrom(call, lb, protocol);
  const settings = settingsFrom(call, undefined, protocol);
  const tags = tagsFrom(params);
  const onLb = call.scope.listeners.filter((l) => l.loadBalancerId === lb.id);
  // A port already used on this load balancer (by a listener in any state) is taken (metadata CreateListener
  // `ResourceAlreadyExist.Listener`; alibaba/alibaba-load-balancer-controller reads it as "listener already in use").
  const taken = onLb.find((l) => l.port === port);
  if (taken) throw albError(action, 'ResourceAlreadyExist.Listener', taken.id);
  if (onLb.length >= LISTENERS_PER_LOAD_BALANCER) {
    throw albError(
      action,
      'ResourceQuotaExceeded.LoadBalancerListenersNum',
      'LoadBalancerListenersNum',
      lb.id,
      onLb.length + 1,
      LISTENERS_PER_LOAD_BALANCER,
    );
  }
  requireUsableLoadBalancer(call, lb);
  call.ctx.checkpoint();

  const listener: ListenerRecord = {
    id: resourceId('lsn'),
    loadBalancerId: lb.id,
    port,
    protocol,
    ...(settings.description ? { description: settings.description } : {}),
    requestTimeout: settings.requestTimeout ?? 60,
    idleTimeout: settings.idleTimeout ?? 15,
    gzipEnabled: settings.gzipEnabled ?? true,
    http2Enabled: settings.http2Enabled ?? true,
    caEnabled: settings.caEnabled ?? false,
    xForwardedFor: settings.xForwardedFor ?? { ...DEFAULT_XFF },
    ...(settings.quic ? { quic: settings.quic } : {}),
    defaultActions,
    tags,
    createdAt: call.now,
    status: 'Provisioning',
  };
  const job = loadBalancerJob(call, listener, lb, 'Create', TRANSITIONS.listenerCreate);
  call.scope.listeners.push(listener);
  // The data-plane server opens now and answers once the listener is Running.
  await call.runtime.dataPlane.open(listener);
  return { json: { ListenerId: listener.id, JobId: job.Id } };
}

export function deleteListener(call: AlbCall): ApiAnswer {
  const listener = findListener(call, call.ctx.params.requiredString('ListenerId'));
  const lb = findLoadBalancer(call, listener.loadBalancerId);
  requireSteadyListener(call, listener);
  requireUsableLoadBalancer(call, lb);
  call.ctx.checkpoint();
  const job = loadBalancerJob(call, listener, lb, 'Delete', TRANSITIONS.listenerDelete);
  listener.status = 'Deleting';
  return { json: { JobId: job.Id } };
}

export function updateListenerAttribute(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const listener = findListener(call, params.requiredString('ListenerId'));
  const lb = findLoadBalancer(call, listener.loadBalancerId);
  const settings = settingsFrom(call, listener, listener.protocol);
  const defaultActions = params.has('DefaultActions') ? defaultActionsFrom(call, lb, listener.protocol) : undefined;
  requireSteadyListener(call, listener);
  requireUsableLoadBalancer(call, lb);
  call.ctx.checkpoint();
  const before = copy(listener);
  const job = call.job({
    operateType: 'Update',
    resourceType: 'listener',
    resourceId: listener.id,
    transition: TRANSITIONS.listenerUpdate,
    rollback: before,
  });
  Object.assign(listener, definedOnly(settings), defaultActions ? { defaultActions } : {}, {
    status: 'Configuring',
    jobId: job.Id,
  });
  return { json: { JobId: job.Id } };
}

function observeListeners(call: AlbCall, listeners: ListenerRecord[]): void {
  observe(
    call.scope,
    listeners.filter((l) => l.status !== 'Running' && l.status !== 'Stopped').map((l) => l.id),
    call.now,
  );
}

export function getListenerAttribute(call: AlbCall): ApiAnswer {
  const listener = findListener(call, call.ctx.params.requiredString('ListenerId'));
  observeListeners(call, [listener]);
  return { json: listenerAttributeShape(listener) };
}

export function listListeners(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const ids = params.strings('ListenerIds');
  const lbIds = params.strings('LoadBalancerIds');
  const protocol = params.string('ListenerProtocol');
  const tags = tagFilter(params);
  const listeners = call.scope.listeners.filter(
    (l) =>
      (!ids?.length || ids.includes(l.id)) &&
      (!lbIds?.length || lbIds.includes(l.loadBalancerId)) &&
      (protocol === undefined || l.protocol === protocol) &&
      matchesTags(l.tags, tags),
  );
  const { page, envelope } = paged(call, listeners);
  observeListeners(call, page);
  return { json: { Listeners: page.map(listenerListShape), ...envelope } };
}
