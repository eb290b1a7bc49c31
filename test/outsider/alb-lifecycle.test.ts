import { beforeAll, describe, expect, it } from 'vitest';
import {
  $Alb,
  addFunction,
  admin,
  albClient,
  availableGroup,
  createFcGroup,
  createFunction,
  createListener,
  expectPopError,
  fcClient,
  groupOf,
  jobOf,
  listenerOf,
  loadBalancerOf,
  readyFcGroup,
  runningListener,
  serversOf,
  until,
  useCloud,
  type AlbClient,
} from './support.js';

// docs/emulator.md §3 (idempotency, dry runs) and §9 (asynchrony, jobs, locks) with `--latency none`:
// every transition is immediate but seen by at least one read (emulator.md §3), so a client that writes again
// without reading hits the same lock a real, slower ALB would give it.

const cloud = useCloud();
let alb: AlbClient;
let lbId: string;
let fnArn: (name: string) => string;

beforeAll(async () => {
  alb = albClient(cloud);
  lbId = cloud.info.loadBalancers[0]!.id;
  fnArn = (name) => `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/${name}`;
  const fc = fcClient(cloud);
  for (const name of ['life-a', 'life-b', 'life-c']) await createFunction(fc, name);
});

const available = (id: string) => availableGroup(alb, id);
const servers = (id: string) => serversOf(alb, id);
const listener = (id: string) => listenerOf(alb, id);
const loadBalancer = (id = lbId) => loadBalancerOf(alb, id);
const running = (id: string) => runningListener(alb, id);
const readyGroupWith = (name: string, fn: string) => readyFcGroup(alb, name, fnArn(fn));

describe('server groups: Creating→Available, Configuring, Deleting (SDK status fields)', () => {
  it('CreateServerGroup answers {ServerGroupId sgp-…, JobId UUID}; a read sees Creating, later Available (SDK)', async () => {
    const created = await createFcGroup(alb, 'lifecycle-create');
    expect(created.serverGroupId).toMatch(/^sgp-[a-z0-9]{18}$/);
    expect(created.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await groupOf(alb, created.serverGroupId!))?.serverGroupStatus).toBe('Creating');
    const group = await available(created.serverGroupId!);
    expect(group?.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('ListAsynJobs: Processing then Succeeded, with ApiName, OperateType, ResourceType, ResourceId and ms times (ListAsynJobsResponseBody)', async () => {
    const created = await createFcGroup(alb, 'lifecycle-job');
    const first = await jobOf(alb, created.jobId!);
    expect(first).toMatchObject({
      id: created.jobId,
      status: 'Processing',
      apiName: 'CreateServerGroup',
      operateType: 'Create',
      resourceType: 'servergroup',
      resourceId: created.serverGroupId,
    });
    expect(Number.isInteger(first?.createTime)).toBe(true);
    expect(String(first?.createTime)).toMatch(/^\d{13}$/);
    const done = await until(
      () => jobOf(alb, created.jobId!),
      (j) => j?.status === 'Succeeded',
    );
    expect(done!.modifyTime!).toBeGreaterThanOrEqual(done!.createTime!);
    expect((await groupOf(alb, created.serverGroupId!))?.serverGroupStatus).toBe('Available');
  });

  it('a change while the group is Creating → IncorrectStatus.ServerGroup (metadata)', async () => {
    const { serverGroupId } = await createFcGroup(alb, 'lifecycle-locked');
    await expectPopError(addFunction(alb, serverGroupId!, fnArn('life-a')), 'IncorrectStatus.ServerGroup', 400, 'Alb');
    await available(serverGroupId!);
  });

  it('AddServers: group Configuring and server Adding, then Available; a second change meanwhile → IncorrectStatus.ServerGroup (metadata)', async () => {
    const { serverGroupId } = await createFcGroup(alb, 'lifecycle-add');
    await available(serverGroupId!);
    const added = await addFunction(alb, serverGroupId!, fnArn('life-a'));
    expect(added.body).toMatchObject({ jobId: expect.any(String), requestId: expect.any(String) });
    await expectPopError(
      alb.updateServerGroupAttribute(
        new $Alb.UpdateServerGroupAttributeRequest({ serverGroupId, serverGroupName: 'renamed' }),
      ),
      'IncorrectStatus.ServerGroup',
      400,
      'Alb',
    );
    // One job, one transition: the first read that shows it (here the server) lets it end (emulator.md §9).
    expect((await servers(serverGroupId!))[0]).toMatchObject({
      serverId: fnArn('life-a'),
      serverType: 'Fc',
      status: 'Adding',
    });
    await until(
      () => servers(serverGroupId!),
      (s) => s[0]?.status === 'Available',
    );
    await available(serverGroupId!);
  });

  it('RemoveServers: Removing, then the server is gone (ListServerGroupServersResponseBody)', async () => {
    const id = await readyGroupWith('lifecycle-remove', 'life-b');
    await alb.removeServersFromServerGroup(
      new $Alb.RemoveServersFromServerGroupRequest({
        serverGroupId: id,
        servers: [new $Alb.RemoveServersFromServerGroupRequestServers({ serverType: 'Fc', serverId: fnArn('life-b') })],
      }),
    );
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Configuring');
    await until(
      () => servers(id),
      (s) => s.length === 0,
    );
    await available(id);
  });

  it('DeleteServerGroup: Deleting, then gone; ListServerGroups with an unknown id answers an empty list (Terraform DescribeAlbServerGroup)', async () => {
    const { serverGroupId } = await createFcGroup(alb, 'lifecycle-delete');
    await available(serverGroupId!);
    const deleted = await alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId }));
    expect(deleted.body?.jobId).toEqual(expect.any(String));
    expect((await groupOf(alb, serverGroupId!))?.serverGroupStatus).toBe('Deleting');
    await until(
      () => groupOf(alb, serverGroupId!),
      (g) => g === undefined,
    );
    const none = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: ['sgp-doesnotexist'] }));
    expect(none.statusCode).toBe(200);
    expect(none.body?.serverGroups).toEqual([]);
    await expectPopError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: 'sgp-doesnotexist0000' })),
      'ResourceNotFound.ServerGroup',
      404,
      'Alb',
    );
  });
});

describe('listeners and the load balancer lock (metadata; emulator.md §9)', () => {
  let groupId: string;
  beforeAll(async () => {
    groupId = await readyGroupWith('listener-target', 'life-c');
  });

  it('CreateListener: the load balancer Configuring; a concurrent listener change → IncorrectStatus.LoadBalancer (inferred from Terraform PR #7768)', async () => {
    const created = await createListener(alb, lbId, 8079, groupId);
    await expectPopError(createListener(alb, lbId, 8082, groupId), 'IncorrectStatus.LoadBalancer', 400, 'Alb');
    expect((await loadBalancer())?.loadBalancerStatus).toBe('Configuring');
    await running(created.body!.listenerId!);
    await until(
      () => loadBalancer(),
      (lb) => lb?.loadBalancerStatus === 'Active',
    );
  });

  it('CreateListener answers {ListenerId lsn-…, JobId}: Provisioning, then Running with the defaults (SDK)', async () => {
    const created = await createListener(alb, lbId, 8081, groupId);
    expect(created.body?.listenerId).toMatch(/^lsn-[a-z0-9]{18}$/);
    expect((await listener(created.body!.listenerId!))?.listenerStatus).toBe('Provisioning');
    const job = await until(
      () => jobOf(alb, created.body!.jobId!),
      (j) => j?.status === 'Succeeded',
    );
    expect(job).toMatchObject({ apiName: 'CreateListener', resourceType: 'listener', operateType: 'Create' });
    const ready = await running(created.body!.listenerId!);
    expect(ready).toMatchObject({
      listenerPort: 8081,
      listenerProtocol: 'HTTP',
      loadBalancerId: lbId,
      requestTimeout: 60,
      idleTimeout: 15,
      gzipEnabled: true,
    });
    expect(ready?.defaultActions?.[0]?.forwardGroupConfig?.serverGroupTuples?.[0]?.serverGroupId).toBe(groupId);
    await until(
      () => loadBalancer(),
      (lb) => lb?.loadBalancerStatus === 'Active',
    );
  });

  it('a port already used on the load balancer → ResourceAlreadyExist.Listener (metadata)', async () => {
    await expectPopError(createListener(alb, lbId, 8081, groupId), 'ResourceAlreadyExist.Listener', 400, 'Alb');
  });

  it('deleting a group a listener forwards to → ResourceInUse.ServerGroup (metadata)', async () => {
    await expectPopError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: groupId })),
      'ResourceInUse.ServerGroup',
      400,
      'Alb',
    );
  });

  it('DeleteListener: Deleting with the LB Configuring, then ResourceNotFound.Listener 404 (DeleteListener description)', async () => {
    const created = await createListener(alb, lbId, 8090, groupId);
    await running(created.body!.listenerId!);
    await until(
      () => loadBalancer(),
      (lb) => lb?.loadBalancerStatus === 'Active',
    );
    const deleted = await alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: created.body!.listenerId }));
    await expectPopError(createListener(alb, lbId, 8091, groupId), 'IncorrectStatus.LoadBalancer', 400, 'Alb');
    expect((await listener(created.body!.listenerId!))?.listenerStatus).toBe('Deleting');
    expect((await jobOf(alb, deleted.body!.jobId!))?.operateType).toBe('Delete');
    await until(
      () =>
        listener(created.body!.listenerId!).then(
          () => 'there',
          (e: { code?: string }) => e.code,
        ),
      (code) => code === 'ResourceNotFound.Listener',
    );
    await expectPopError(listener(created.body!.listenerId!), 'ResourceNotFound.Listener', 404, 'Alb');
  });

  it('UpdateListenerAttribute: the listener Configuring; a second change meanwhile → ResourceInConfiguring.Listener (metadata)', async () => {
    const created = await createListener(alb, lbId, 8095, groupId);
    await running(created.body!.listenerId!);
    await until(
      () => loadBalancer(),
      (lb) => lb?.loadBalancerStatus === 'Active',
    );
    const update = (description: string) =>
      alb.updateListenerAttribute(
        new $Alb.UpdateListenerAttributeRequest({
          listenerId: created.body!.listenerId,
          listenerDescription: description,
        }),
      );
    const first = await update('first change');
    expect(first.body?.jobId).toEqual(expect.any(String));
    await expectPopError(update('second change'), 'ResourceInConfiguring.Listener', 400, 'Alb');
    expect((await listener(created.body!.listenerId!))?.listenerStatus).toBe('Configuring');
    const done = await running(created.body!.listenerId!);
    expect(done?.listenerDescription).toBe('first change');
  });

  it('a load balancer whose business status is Abnormal → IncorrectBusinessStatus.LoadBalancer (metadata)', async () => {
    const locked = await admin<{ LoadBalancerId: string }>(cloud, 'POST', '/_emulator/alb/load-balancers', {
      businessStatus: 'Abnormal',
    });
    await expectPopError(
      createListener(alb, locked.LoadBalancerId, 80, groupId),
      'IncorrectBusinessStatus.LoadBalancer',
      400,
      'Alb',
    );
  });

  it('an unknown load balancer → ResourceNotFound.LoadBalancer 404 (metadata)', async () => {
    await expectPopError(loadBalancer('alb-doesnotexist00000'), 'ResourceNotFound.LoadBalancer', 404, 'Alb');
  });
});
