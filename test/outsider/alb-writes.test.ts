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
  failure,
  fcClient,
  groupOf,
  jobOf,
  loadBalancerOf,
  readyFcGroup,
  runningListener,
  until,
  useCloud,
  type AlbClient,
} from './support.js';

// docs/emulator.md §3 (idempotency, dry runs) and §9 (jobs, tags) with `--latency none`: ALB writes with a
// ClientToken or DryRun, jobs told to fail, and tags on every taggable resource.

const cloud = useCloud();
let alb: AlbClient;
let lbId: string;
let fnArn: (name: string) => string;

beforeAll(async () => {
  alb = albClient(cloud);
  lbId = cloud.info.loadBalancers[0]!.id;
  fnArn = (name) => `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/${name}`;
  const fc = fcClient(cloud);
  for (const name of ['life-a', 'life-b']) await createFunction(fc, name);
});

const available = (id: string) => availableGroup(alb, id);
const loadBalancer = (id = lbId) => loadBalancerOf(alb, id);
const running = (id: string) => runningListener(alb, id);
const readyGroupWith = (name: string, fn: string) => readyFcGroup(alb, name, fnArn(fn));

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
    const dry = (port: number) => createListener(alb, lbId, port, groupId, undefined, { dryRun: true });
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
