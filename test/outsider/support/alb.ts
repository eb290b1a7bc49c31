import { $Alb, type AlbClient } from './sdk.js';

// ALB helpers: the calls most tests make, and polling reads until a transition is seen.

export async function createFcGroup(alb: AlbClient, name: string, extra: Record<string, unknown> = {}) {
  const answer = await alb.createServerGroup(
    new $Alb.CreateServerGroupRequest({
      serverGroupName: name,
      serverGroupType: 'Fc',
      healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
      ...extra,
    }),
  );
  return answer.body!;
}

export async function groupOf(alb: AlbClient, id: string) {
  const answer = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: [id] }));
  return answer.body?.serverGroups?.[0];
}

export async function jobOf(alb: AlbClient, jobId: string) {
  const answer = await alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [jobId] }));
  return answer.body?.jobs?.[0];
}

/** Poll a read until `done` holds (the local cloud's transitions end after a read saw them). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 200): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`condition never held; last value ${JSON.stringify(last)}`);
}

export async function addFunction(alb: AlbClient, groupId: string, arn: string, token?: string) {
  return alb.addServersToServerGroup(
    new $Alb.AddServersToServerGroupRequest({
      serverGroupId: groupId,
      servers: [new $Alb.AddServersToServerGroupRequestServers({ serverType: 'Fc', serverId: arn })],
      ...(token ? { clientToken: token } : {}),
    }),
  );
}

/** An HTTP listener forwarding to `groupId`; `extra` adds request fields (`dryRun`, `idleTimeout`, …). */
export async function createListener(
  alb: AlbClient,
  lbId: string,
  port: number,
  groupId: string,
  token?: string,
  extra: Record<string, unknown> = {},
) {
  return alb.createListener(
    new $Alb.CreateListenerRequest({
      ...extra,
      loadBalancerId: lbId,
      listenerProtocol: 'HTTP',
      listenerPort: port,
      defaultActions: [
        new $Alb.CreateListenerRequestDefaultActions({
          type: 'ForwardGroup',
          forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
            serverGroupTuples: [
              new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
                serverGroupId: groupId,
              }),
            ],
          }),
        }),
      ],
      ...(token ? { clientToken: token } : {}),
    }),
  );
}

// Reads of one resource, and waits until a transition is over (each poll is a read that sees it).

export async function serversOf(alb: AlbClient, groupId: string) {
  const answer = await alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId: groupId }));
  return answer.body?.servers ?? [];
}

export async function listenerOf(alb: AlbClient, id: string) {
  return (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: id }))).body;
}

export async function loadBalancerOf(alb: AlbClient, id: string) {
  return (await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: id }))).body;
}

export function availableGroup(alb: AlbClient, id: string) {
  return until(
    () => groupOf(alb, id),
    (g) => g?.serverGroupStatus === 'Available',
  );
}

export function runningListener(alb: AlbClient, id: string) {
  return until(
    () => listenerOf(alb, id),
    (l) => l?.listenerStatus === 'Running',
  );
}

/** An Fc server group holding the function `arn`, Available with its server Available. */
export async function readyFcGroup(alb: AlbClient, name: string, arn: string): Promise<string> {
  const { serverGroupId } = await createFcGroup(alb, name);
  await availableGroup(alb, serverGroupId!);
  await addFunction(alb, serverGroupId!, arn);
  await until(
    () => serversOf(alb, serverGroupId!),
    (s) => s[0]?.status === 'Available',
  );
  await availableGroup(alb, serverGroupId!);
  return serverGroupId!;
}
