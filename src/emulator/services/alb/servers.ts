import { popErrors, type ApiError } from '../../api/api-error.js';
import type { Params } from '../../api/params.js';
import { parseFunctionArn } from '../../core/function-arn.js';
import { TRANSITIONS } from '../../core/latency.js';
import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { albError } from './errors.js';
import { observe } from './jobs.js';
import { paged } from './listing.js';
import { findGroup, requireAvailable, serverGroupJob } from './server-groups.js';
import { serverShape } from './shapes.js';
import { serverKey, type ServerGroupRecord, type ServerRecord } from './state.js';
import { matchesTags, tagFilter } from './tags.js';

// Backend servers (`@alicloud/alb20200616` AddServersToServerGroupRequest and the metadata):
// AddServersToServerGroup, RemoveServersFromServerGroup, ListServerGroupServers. Servers go Adding→Available and
// Removing→gone while their group is Configuring (ListServerGroupServersResponseBody `Status`). Fc groups take
// functions by ARN, one function per group (FC "ALB triggers" page, https://alibabacloud.com/help/en/fc/alb-triggers).

/** One `Servers.N` entry as the request gives it. */
interface ServerParam {
  ServerId?: string;
  ServerType?: string;
  Port?: number;
  Weight?: number;
  Description?: string;
  RemoteIpEnabled?: boolean;
}

function serverParams(params: Params): ServerParam[] {
  return (params.objects('Servers') ?? []).map((server) => ({
    ServerId: server.string('ServerId'),
    ServerType: server.string('ServerType'),
    Port: server.number('Port'),
    Weight: server.number('Weight'),
    Description: server.string('Description'),
    RemoteIpEnabled: server.boolean('RemoteIpEnabled'),
  }));
}

const SERVER_TYPES = ['Ecs', 'Eni', 'Eci', 'Ip', 'Fc'];
const DESCRIPTION = /^[\s\S]{2,256}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The server types each group type takes (CreateServerGroupRequest: Instance → Ecs/Eni/Eci, Ip → Ip, Fc → Fc). */
function typesFor(group: ServerGroupRecord): string[] {
  if (group.type === 'Fc') return ['Fc'];
  if (group.type === 'Ip') return ['Ip'];
  return ['Ecs', 'Eni', 'Eci'];
}

function checkServerParams(call: AlbCall, group: ServerGroupRecord, servers: ServerParam[], adding: boolean): void {
  const seen = new Set<string>();
  servers.forEach((server, index) => {
    const type = server.ServerType ?? '';
    if (!SERVER_TYPES.includes(type)) {
      throw popErrors.invalidParameter(`Servers.${index + 1}.ServerType must be one of ${SERVER_TYPES.join(', ')}.`);
    }
    // A server of another type than the group takes (e.g. Ecs into an Fc group) is the metadata's
    // `Mismatch.ServerType` (inferred: the metadata lists it, not its trigger).
    if (!typesFor(group).includes(type)) {
      throw albError(call.ctx.action, 'Mismatch.ServerType', 'ServerType', type, group.type);
    }
    if (type !== 'Fc') {
      if (server.Port === undefined)
        throw popErrors.invalidParameter(`Servers.${index + 1}.Port is mandatory for ${type}.`);
      if (server.Port < 1 || server.Port > 65535)
        throw popErrors.invalidParameter(`Servers.${index + 1}.Port must be between 1 and 65535.`);
      if (server.Weight !== undefined && (server.Weight < 0 || server.Weight > 100)) {
        throw popErrors.invalidParameter(`Servers.${index + 1}.Weight must be between 0 and 100.`);
      }
    }
    if (adding && server.Description !== undefined && !DESCRIPTION.test(server.Description)) {
      throw popErrors.invalidParameter(`Servers.${index + 1}.Description is illegal.`);
    }
    const key = serverKey({ ServerType: type, ServerId: server.ServerId ?? '', Port: server.Port });
    if (seen.has(key)) throw albError(call.ctx.action, 'DuplicatedParam.BackendServer', server.ServerId ?? '');
    seen.add(key);
  });
}

/**
 * Whether ALB can reach this function: the ARN must parse (FC 3.0 forms refused when the option says ALB
 * takes FC 2.0 only: BehaviourOptions `fc3BackendsSupported`), and name a function of the caller in the load
 * balancer's region.
 *
 * Codes (none is documented for Fc backends, so the closest documented ones):
 *  - unparseable / unsupported ARN → `IllegalParam.ServerId`: the `IllegalParam.<Param>` family ALB uses
 *    for a value it cannot accept, as `IllegalParam.ServerIp` is listed for this very action (metadata).
 *  - another region, another account, or no such function → `ResourceNotFound.BackendServer` (404):
 *    ALB resolves backends within its own region and the caller's account (the function "must be in the
 *    same region", FC "ALB triggers" page), the way an unknown ECS id is `ResourceNotFound.Ecs`;
 *    `.BackendServer` is the documented backend-agnostic form (RemoveServersFromServerGroup).
 */
function checkFunction(call: AlbCall, arn: string): void {
  const parsed = parseFunctionArn(arn);
  const { action } = call.ctx;
  if (!parsed) throw albError(action, 'IllegalParam.ServerId');
  if (parsed.fcVersion === 'v3' && !call.runtime.options.fc3BackendsSupported)
    throw albError(action, 'IllegalParam.ServerId');
  if (parsed.region !== call.ctx.region || parsed.accountId !== call.ctx.account.accountId) {
    throw albError(action, 'ResourceNotFound.BackendServer', arn);
  }
  const directory = call.runtime.env?.functions();
  if (!directory?.findByArn(call.ctx.account.accountId, arn))
    throw albError(action, 'ResourceNotFound.BackendServer', arn);
}

/** A second function in an Fc group: the code is undocumented, so it is configurable (BehaviourOptions). */
function secondFunctionError(call: AlbCall, group: ServerGroupRecord, count: number): ApiError {
  return albError(call.ctx.action, call.runtime.options.secondFunctionErrorCode, 'ServerAddedNum', group.id, count, 1);
}

export function addServersToServerGroup(call: AlbCall): ApiAnswer {
  const { params, action } = call.ctx;
  const group = findGroup(call, params.requiredString('ServerGroupId'));
  const servers = serverParams(params);
  checkServerParams(call, group, servers, true);
  // The lock first: a client that did not wait gets the retryable code, not a verdict on its servers.
  requireAvailable(call, group);
  for (const server of servers) {
    const id = server.ServerId ?? '';
    if (server.ServerType === 'Fc') checkFunction(call, id);
    else if (server.ServerType === 'Ip') {
      if (!IPV4.test(id)) throw albError(action, 'IllegalParam.ServerIp');
    } else {
      // The local cloud has no ECS, ENI or ECI instances (the metadata lists their not-found codes).
      throw albError(action, `ResourceNotFound.${server.ServerType}`, id);
    }
    const existing = group.servers.find(
      (s) => serverKey(s) === serverKey({ ...server, ServerType: server.ServerType!, ServerId: id }),
    );
    if (existing) throw albError(action, 'Conflict.BackendServer', existing.ServerId, id);
  }
  if (group.type === 'Fc') {
    // One function per Fc server group (FC "ALB triggers" page).
    const functions = new Set([...group.servers.map((s) => s.ServerId), ...servers.map((s) => s.ServerId ?? '')]);
    if (functions.size > 1) throw secondFunctionError(call, group, functions.size);
  }
  call.ctx.checkpoint();
  const added: ServerRecord[] = servers.map((s) =>
    s.ServerType === 'Fc'
      ? // Port, Weight and ServerIp are "not needed for Fc" and not kept (AddServersToServerGroupRequest).
        {
          ServerId: s.ServerId!,
          ServerType: 'Fc',
          ...(s.Description ? { Description: s.Description } : {}),
          RemoteIpEnabled: false,
          Status: 'Adding',
        }
      : {
          ServerId: s.ServerId!,
          ServerType: s.ServerType!,
          Port: s.Port!,
          Weight: s.Weight ?? 100,
          ServerIp: s.ServerId!,
          ...(s.Description ? { Description: s.Description } : {}),
          RemoteIpEnabled: s.RemoteIpEnabled === true,
          Status: 'Adding',
        },
  );
  const job = serverGroupJob(call, group, 'Update', TRANSITIONS.serversAdd, { targets: added.map(serverKey) });
  group.servers.push(...added);
  group.status = 'Configuring';
  return { json: { JobId: job.Id } };
}

export function removeServersFromServerGroup(call: AlbCall): ApiAnswer {
  const { params, action } = call.ctx;
  const group = findGroup(call, params.requiredString('ServerGroupId'));
  const servers = serverParams(params);
  const keys = servers.map((s) =>
    serverKey({ ServerType: s.ServerType ?? '', ServerId: s.ServerId ?? '', Port: s.Port }),
  );
  requireAvailable(call, group);
  const found = keys.map((key, index) => {
    const server = group.servers.find((s) => serverKey(s) === key);
    if (!server) throw albError(action, 'ResourceNotFound.BackendServer', servers[index]?.ServerId ?? '');
    return server;
  });
  if (new Set(keys).size !== keys.length) throw albError(action, 'DuplicatedParam.BackendServer', 'Servers');
  call.ctx.checkpoint();
  const job = serverGroupJob(call, group, 'Update', TRANSITIONS.serversRemove, { targets: keys });
  for (const server of found) server.Status = 'Removing';
  group.status = 'Configuring';
  return { json: { JobId: job.Id } };
}

export function listServerGroupServers(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const groupId = params.string('ServerGroupId');
  // An unknown group answers `ResourceNotFound.ServerGroup` (Terraform maps it to "gone",
  // resource_alicloud_alb_server_group.go).
  const groups = groupId ? [findGroup(call, groupId)] : call.scope.serverGroups;
  const ids = params.strings('ServerIds');
  const tags = tagFilter(params);
  const rows = groups
    .filter((g) => matchesTags(g.tags, tags))
    .flatMap((g) =>
      g.servers.filter((s) => !ids?.length || ids.includes(s.ServerId)).map((s) => ({ group: g, server: s })),
    );
  const { page, envelope } = paged(call, rows);
  observe(
    call.scope,
    page.filter((r) => r.server.Status !== 'Available' || r.group.status !== 'Available').map((r) => r.group.id),
    call.now,
  );
  return { json: { Servers: page.map((r) => serverShape(r.group.id, r.server)), ...envelope } };
}
