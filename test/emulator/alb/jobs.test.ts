import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  admin,
  albClient,
  createFcGroup,
  createFunction,
  expectAlbError,
  groupOf,
  jobStatus,
  unique,
  waitGroup,
  waitJob,
  type AlbClient,
} from './support.js';

// ListAsynJobs (`@alicloud/alb20200616` ListAsynJobsResponseBody): every asynchronous call's JobId, Processing → Succeeded or
// Failed, with millisecond-integer times; and jobs told to fail (admin route) undo their call.

let cloud: LocalCloud;
let alb: AlbClient;

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

describe('ListAsynJobs', () => {
  it('shows a job Processing, then Succeeded, with every field of the SDK model', async () => {
    const before = Date.now();
    const { id, jobId } = await createFcGroup(alb);
    const processing = await jobStatus(alb, jobId);
    expect(processing).toBeInstanceOf($Alb.ListAsynJobsResponseBodyJobs);
    expect(processing).toMatchObject({
      id: jobId,
      apiName: 'CreateServerGroup',
      operateType: 'Create',
      resourceType: 'servergroup',
      resourceId: id,
      status: 'Processing',
    });
    expect(Number.isInteger(processing?.createTime)).toBe(true);
    expect(processing!.createTime!).toBeGreaterThanOrEqual(before);
    expect(processing?.modifyTime).toBe(processing?.createTime);
    expect(processing?.errorCode).toBeUndefined();
    const done = await jobStatus(alb, jobId);
    expect(done?.status).toBe('Succeeded');
    expect(done!.modifyTime!).toBeGreaterThanOrEqual(done!.createTime!);
    // The job's read was the in-between state: the group is Available already.
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Available');
  });

  it('answers the envelope and filters by resource, type, API and time', async () => {
    const { id, jobId } = await createFcGroup(alb);
    await waitJob(alb, jobId);
    const deleted = await alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: id }));
    const byResource = await alb.listAsynJobs(
      new $Alb.ListAsynJobsRequest({ resourceIds: [id], resourceType: 'servergroup' }),
    );
    expect(byResource.body?.jobs?.map((j) => [j.apiName, j.operateType])).toEqual([
      ['CreateServerGroup', 'Create'],
      ['DeleteServerGroup', 'Delete'],
    ]);
    expect(byResource.body?.totalCount).toBe(2);
    expect(byResource.body?.maxResults).toBe(20);
    const byApi = await alb.listAsynJobs(
      new $Alb.ListAsynJobsRequest({ apiName: 'DeleteServerGroup', jobIds: [deleted.body!.jobId!] }),
    );
    expect(byApi.body?.jobs?.length).toBe(1);
    const later = await alb.listAsynJobs(
      new $Alb.ListAsynJobsRequest({ resourceIds: [id], beginTime: Date.now() + 60_000 }),
    );
    expect(later.body?.jobs).toEqual([]);
    await expectAlbError(
      alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ resourceType: 'bucket' })),
      'InvalidParameter',
    );
  });

  it('records every asynchronous call with its API name', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const { id } = await createFcGroup(alb);
    await waitGroup(alb, id);
    const add = await alb.addServersToServerGroup(
      new $Alb.AddServersToServerGroupRequest({ serverGroupId: id, servers: [{ serverType: 'Fc', serverId: arn }] }),
    );
    expect(await jobStatus(alb, add.body!.jobId!)).toMatchObject({
      apiName: 'AddServersToServerGroup',
      operateType: 'Update',
      resourceType: 'servergroup',
      resourceId: id,
    });
  });
});

describe('jobs told to fail', () => {
  it('ends Failed with ErrorCode and ErrorMessage, and the created group disappears', async () => {
    const rule = await admin(cloud, '/_emulator/alb/job-failures', {
      apiName: 'CreateServerGroup',
      code: 'OperationFailed.Backend',
      message: 'The backend failed.',
    });
    expect(rule.status).toBe(200);
    const { id, jobId } = await createFcGroup(alb);
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Creating');
    const job = await jobStatus(alb, jobId);
    expect(job).toMatchObject({
      status: 'Failed',
      errorCode: 'OperationFailed.Backend',
      errorMessage: 'The backend failed.',
    });
    expect(await groupOf(alb, id)).toBeUndefined();
    // Only the next one fails.
    const next = await createFcGroup(alb);
    expect(await waitJob(alb, next.jobId)).toEqual(['Processing', 'Succeeded']);
  });

  it('undoes a failed AddServersToServerGroup', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const { id } = await createFcGroup(alb);
    await waitGroup(alb, id);
    await admin(cloud, '/_emulator/alb/job-failures', { apiName: 'AddServersToServerGroup' });
    const add = await alb.addServersToServerGroup(
      new $Alb.AddServersToServerGroupRequest({ serverGroupId: id, servers: [{ serverType: 'Fc', serverId: arn }] }),
    );
    expect(await waitJob(alb, add.body!.jobId!)).toEqual(['Processing', 'Failed']);
    expect(await groupOf(alb, id)).toMatchObject({ serverGroupStatus: 'Available', serverCount: 0 });
  });

  it('lists and clears failure rules', async () => {
    await admin(cloud, '/_emulator/alb/job-failures', { apiName: 'DeleteListener', count: 2 });
    const listed = await admin(cloud, '/_emulator/alb/job-failures', undefined, 'GET');
    expect(listed.json.rules).toEqual([expect.objectContaining({ apiName: 'DeleteListener', remaining: 2 })]);
    await admin(cloud, '/_emulator/alb/job-failures', undefined, 'DELETE');
    expect((await admin(cloud, '/_emulator/alb/job-failures', undefined, 'GET')).json.rules).toEqual([]);
    expect((await admin(cloud, '/_emulator/alb/job-failures', { count: 0 })).status).toBe(400);
  });
});
