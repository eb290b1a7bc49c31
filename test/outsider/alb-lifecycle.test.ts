import { beforeAll, describe, expect, it } from 'vitest';
import {
  $Alb,
  addFunction,
  admin,
  albClient,
  createFcGroup,
  createFunction,
  createListener,
  expectPopError,
  failure,
  fcClient,
  groupOf,
  jobOf,
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

const available = (id: string) =>
  until(
    () => groupOf(alb, id),
    (g) => g?.serverGroupStatus === 'Available',
  );
const servers = async (id: string) =>
  (await alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId: id }))).body?.servers ?? [];
const listener = async (id: string) =>
  (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: id }))).body;
const loadBalancer = async (id = lbId) =>
  (await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: id }))).body;
const running = (id: string) =>
  until(
    () => listener(id),
    (l) => l?.listenerStatus === 'Running',
  );

async function readyGroupWith(name: string, fn: string): Promise<string> {
  const { serverGroupId } = await createFcGroup(alb, name);
  await available(serverGroupId!);
  await addFunction(alb, serverGroupId!, fnArn(fn));
  await until(
    () => servers(serverGroupId!),
    (s) => s[0]?.status === 'Available',
  );
  await available(serverGroupId!);
  return serverGroupId!;
}

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

describe('ClientToken and DryRun (ClientToken page; ALB error-code page)', () => {
  it('same token + same parameters replays the first answer (same ids and JobId, new RequestId); one group exists', async () => {
    const request = () =>
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: 'idem-group',
          serverGroupType: 'Fc',
          healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
          clientToken: 'outsider-token-1',
        }),
      );
    const first = await request();
    const second = await request();
    expect(second.body?.serverGroupId).toBe(first.body?.serverGroupId);
    expect(second.body?.jobId).toBe(first.body?.jobId);
    expect(second.body?.requestId).not.toBe(first.body?.requestId);
    const named = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupNames: ['idem-group'] }));
    expect(named.body?.serverGroups).toHaveLength(1);
  });

  it('same token + different parameters → IdempotenceSignatureMismatch', async () => {
    const request = (name: string) =>
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: name,
          serverGroupType: 'Fc',
          healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
          clientToken: 'outsider-token-2',
        }),
      );
    await request('idem-a');
    await expectPopError(request('idem-b'), 'IdempotenceSignatureMismatch', 400, 'Alb');
  });

  it('only successful answers are remembered: a call refused by a lock can be retried with its token (assumption)', async () => {
    const { serverGroupId } = await createFcGroup(alb, 'idem-retry');
    await expectPopError(
      addFunction(alb, serverGroupId!, fnArn('life-a'), 'outsider-token-3'),
      'IncorrectStatus.ServerGroup',
      400,
      'Alb',
    );
    await available(serverGroupId!);
    const retried = await addFunction(alb, serverGroupId!, fnArn('life-a'), 'outsider-token-3');
    expect(retried.body?.jobId).toEqual(expect.any(String));
  });

  it('DryRun=true: full validation, then DryRunOperation 400, nothing created (ALB error-code page)', async () => {
    const before = (await alb.listServerGroups(new $Alb.ListServerGroupsRequest({}))).body?.totalCount;
    const error = await expectPopError(
      createFcGroup(alb, 'dry-run-group', { dryRun: true }),
      'DryRunOperation',
      400,
      'Alb',
    );
    expect(error.data?.Message).toBe('Request validation has been passed with DryRun flag set.');
    expect((await alb.listServerGroups(new $Alb.ListServerGroupsRequest({}))).body?.totalCount).toBe(before);
    // validation comes first: a dry run of an invalid request answers its validation error
    await expectPopError(
      alb.createServerGroup(new $Alb.CreateServerGroupRequest({ serverGroupName: 'dry', dryRun: true })),
      'MissingHealthCheckConfig',
      400,
      'Alb',
    );
  });

  it('DryRun runs the business checks too: a dry-run listener on a used port → ResourceAlreadyExist.Listener (SDK DryRun: business checks)', async () => {
    const groupId = await readyGroupWith('dry-run-listener', 'life-b');
    const created = await createListener(alb, lbId, 8100, groupId);
    await running(created.body!.listenerId!);
    await until(
      () => loadBalancer(),
      (lb) => lb?.loadBalancerStatus === 'Active',
    );
    const dry = (port: number) =>
      alb.createListener(
        new $Alb.CreateListenerRequest({
          loadBalancerId: lbId,
          listenerProtocol: 'HTTP',
          listenerPort: port,
          dryRun: true,
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
        }),
      );
    await expectPopError(dry(8100), 'ResourceAlreadyExist.Listener', 400, 'Alb');
    await expectPopError(dry(8101), 'DryRunOperation', 400, 'Alb');
    expect((await loadBalancer())?.loadBalancerStatus).toBe('Active');
  });
});

describe('job failures (ListAsynJobsResponseBody; POST /_emulator/alb/job-failures, failure effects assumption)', () => {
  it('the next job of an API ends Failed with ErrorCode/ErrorMessage, and a failed create vanishes', async () => {
    await admin(cloud, 'POST', '/_emulator/alb/job-failures', { apiName: 'CreateServerGroup', code: 'InternalError' });
    const created = await createFcGroup(alb, 'doomed-group');
    const job = await until(
      () => jobOf(alb, created.jobId!),
      (j) => j?.status !== 'Processing',
    );
    expect(job).toMatchObject({ status: 'Failed', errorCode: 'InternalError', errorMessage: expect.any(String) });
    await until(
      () => groupOf(alb, created.serverGroupId!),
      (g) => g === undefined,
    );
    const next = await createFcGroup(alb, 'lucky-group');
    expect(
      (
        await until(
          () => jobOf(alb, next.jobId!),
          (j) => j?.status !== 'Processing',
        )
      )?.status,
    ).toBe('Succeeded');
  });
});

describe('tags (metadata)', () => {
  it('TagResources / ListTagResources on a server group; a key starting with "acs:" is refused (400)', async () => {
    const { serverGroupId } = await createFcGroup(alb, 'tagged-group');
    await alb.tagResources(
      new $Alb.TagResourcesRequest({
        resourceType: 'servergroup',
        resourceId: [serverGroupId!],
        tag: [new $Alb.TagResourcesRequestTag({ key: 'owner', value: 'outsider' })],
      }),
    );
    const listed = await alb.listTagResources(
      new $Alb.ListTagResourcesRequest({ resourceType: 'servergroup', resourceId: [serverGroupId!] }),
    );
    expect(listed.body?.tagResources).toEqual([
      expect.objectContaining({ resourceId: serverGroupId, tagKey: 'owner', tagValue: 'outsider' }),
    ]);
    const refused = await failure(
      alb.tagResources(
        new $Alb.TagResourcesRequest({
          resourceType: 'servergroup',
          resourceId: [serverGroupId!],
          tag: [new $Alb.TagResourcesRequestTag({ key: 'acs:reserved', value: 'x' })],
        }),
      ),
    );
    expect(refused.statusCode).toBe(400);
  });
});
