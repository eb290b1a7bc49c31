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
  readUntil,
  unique,
  waitGroup,
  waitJob,
  type AlbClient,
} from './support.js';

// Backend servers of Fc groups (`@alicloud/alb20200616` AddServersToServerGroupRequest; FC "ALB triggers" page): functions by ARN, one per group, Adding →
// Available, Removing → gone, and the codes for what ALB refuses.

let cloud: LocalCloud;
let alb: AlbClient;
let region: string;
let account: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  region = cloud.info.region;
  account = cloud.info.accountId;
});
afterAll(async () => {
  await cloud.close();
});

async function readyGroup(): Promise<string> {
  const { id } = await createFcGroup(alb);
  await waitGroup(alb, id);
  return id;
}

function add(serverGroupId: string, servers: Array<Record<string, unknown>>) {
  return alb.addServersToServerGroup(new $Alb.AddServersToServerGroupRequest({ serverGroupId, servers }));
}

function remove(serverGroupId: string, servers: Array<Record<string, unknown>>) {
  return alb.removeServersFromServerGroup(new $Alb.RemoveServersFromServerGroupRequest({ serverGroupId, servers }));
}

async function servers(serverGroupId: string) {
  const answer = await alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId }));
  return answer.body!;
}

describe('AddServersToServerGroup with a function', () => {
  it('adds the function: server Adding → Available while the group is Configuring', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const groupId = await readyGroup();
    const answer = await add(groupId, [{ serverType: 'Fc', serverId: arn }]);
    expect(answer.statusCode).toBe(200);
    expect(answer.body?.jobId).toBeTruthy();
    // With --latency none, the first read to show the in-between state ends it.
    const seen = await readUntil(
      async () => (await servers(groupId)).servers?.[0]?.status,
      (s) => s === 'Available',
    );
    expect(seen).toEqual(['Adding', 'Available']);
    const listed = await servers(groupId);
    expect(listed.totalCount).toBe(1);
    expect(listed.servers?.[0]).toBeInstanceOf($Alb.ListServerGroupServersResponseBodyServers);
    // Port and Weight do not apply to functions, yet come back as 0 and 100 (aliyun/terraform-provider-alicloud
    // PR #8924; the values are an assumption).
    expect(listed.servers?.[0]).toMatchObject({
      serverGroupId: groupId,
      serverId: arn,
      serverType: 'Fc',
      port: 0,
      weight: 100,
      remoteIpEnabled: false,
      status: 'Available',
    });
    expect(await groupOf(alb, groupId)).toMatchObject({ serverGroupStatus: 'Available', serverCount: 1 });
  });

  it('shows the group Configuring while a function is added', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const groupId = await readyGroup();
    await add(groupId, [{ serverType: 'Fc', serverId: arn }]);
    expect(await waitGroup(alb, groupId)).toEqual(['Configuring', 'Available']);
    expect((await servers(groupId)).servers?.[0]?.status).toBe('Available');
  });

  it('ignores Port and Weight sent for a function', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const groupId = await readyGroup();
    await add(groupId, [{ serverType: 'Fc', serverId: arn, port: 8080, weight: 7 }]);
    const listed = await servers(groupId);
    expect(listed.servers?.[0]).toMatchObject({ port: 0, weight: 100 });
  });

  it('takes a qualified FC 3.0 ARN', async () => {
    const name = unique('fn');
    await createFunction(cloud, name);
    const groupId = await readyGroup();
    const arn = `acs:fc:${region}:${account}:functions/${name}/LATEST`;
    await add(groupId, [{ serverType: 'Fc', serverId: arn }]);
    expect((await servers(groupId)).servers?.[0]?.serverId).toBe(arn);
  });

  it('takes an FC 2.0 function ARN', async () => {
    const seeded = await admin(cloud, '/_emulator/fc/fc2-functions', {
      serviceName: 'legacy',
      functionName: unique('old'),
      runtime: 'nodejs20',
      handler: 'index.handler',
      handlerType: 'http',
      httpTrigger: true,
    });
    expect(seeded.status).toBe(200);
    const arn = String(seeded.json.arn);
    expect(arn).toMatch(/:services\/legacy(\.[A-Za-z0-9_-]+)?\/functions\//);
    const groupId = await readyGroup();
    await add(groupId, [{ serverType: 'Fc', serverId: arn }]);
    expect((await servers(groupId)).servers?.[0]?.serverId).toBe(arn);
  });

  it('refuses a server that is not a function: Mismatch.ServerType', async () => {
    const groupId = await readyGroup();
    const error = await expectAlbError(
      add(groupId, [{ serverType: 'Ecs', serverId: 'i-bp1example', port: 80 }]),
      'Mismatch.ServerType',
    );
    expect(error.Message).toBe('The ServerType is mismatched for Ecs and Fc.');
  });

  it('refuses an ARN it cannot parse: IllegalParam.ServerId', async () => {
    const groupId = await readyGroup();
    for (const bad of [
      'my-function',
      `acs:fc:${region}:${account}:function/x`,
      `acs:ecs:${region}:${account}:functions/x`,
    ]) {
      await expectAlbError(add(groupId, [{ serverType: 'Fc', serverId: bad }]), 'IllegalParam.ServerId');
    }
  });

  it('refuses a function of another region, another account, or none at all', async () => {
    const name = unique('fn');
    await createFunction(cloud, name);
    const groupId = await readyGroup();
    for (const arn of [
      `acs:fc:cn-shanghai:${account}:functions/${name}`,
      `acs:fc:${region}:1999999999999999:functions/${name}`,
      `acs:fc:${region}:${account}:functions/${unique('missing')}`,
    ]) {
      const error = await expectAlbError(
        add(groupId, [{ serverType: 'Fc', serverId: arn }]),
        'ResourceNotFound.BackendServer',
        404,
      );
      expect(error.Message).toBe(`The specified resource ${arn} is not found.`);
    }
  });

  it('holds one function per group: the second is refused with the configured code', async () => {
    const first = await createFunction(cloud, unique('fn'));
    const second = await createFunction(cloud, unique('fn'));
    const groupId = await readyGroup();
    await add(groupId, [{ serverType: 'Fc', serverId: first }]);
    await waitGroup(alb, groupId);
    const error = await expectAlbError(
      add(groupId, [{ serverType: 'Fc', serverId: second }]),
      'ResourceQuotaExceeded.ServerAddedNum',
    );
    expect(error.Message).toBe(`The quota of ServerAddedNum is exceeded for resource ${groupId}, usage 2/1.`);
    const other = await readyGroup();
    await expectAlbError(
      add(other, [
        { serverType: 'Fc', serverId: first },
        { serverType: 'Fc', serverId: second },
      ]),
      'ResourceQuotaExceeded.ServerAddedNum',
    );
  });

  it('answers the same function twice with Conflict.BackendServer, and twice in one call with DuplicatedParam', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const groupId = await readyGroup();
    await expectAlbError(
      add(groupId, [
        { serverType: 'Fc', serverId: arn },
        { serverType: 'Fc', serverId: arn },
      ]),
      'DuplicatedParam.BackendServer',
    );
    await add(groupId, [{ serverType: 'Fc', serverId: arn }]);
    await waitGroup(alb, groupId);
    await expectAlbError(add(groupId, [{ serverType: 'Fc', serverId: arn }]), 'Conflict.BackendServer');
  });

  it('refuses changes while the group is not Available', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const { id } = await createFcGroup(alb);
    await expectAlbError(add(id, [{ serverType: 'Fc', serverId: arn }]), 'IncorrectStatus.ServerGroup');
    await expectAlbError(add('sgp-nope', [{ serverType: 'Fc', serverId: arn }]), 'ResourceNotFound.ServerGroup', 404);
  });

  it('refuses FC 3.0 ARNs when the local cloud is told ALB takes FC 2.0 only', async () => {
    const other = await startLocalCloud({ behaviour: { fc3BackendsSupported: false } });
    try {
      const otherAlb = albClient(other);
      const arn = await createFunction(other, unique('fn'));
      const { id } = await createFcGroup(otherAlb);
      await waitGroup(otherAlb, id);
      await expectAlbError(
        otherAlb.addServersToServerGroup(
          new $Alb.AddServersToServerGroupRequest({
            serverGroupId: id,
            servers: [{ serverType: 'Fc', serverId: arn }],
          }),
        ),
        'IllegalParam.ServerId',
      );
    } finally {
      await other.close();
    }
  });

  it('answers the configured code for a second function', async () => {
    const other = await startLocalCloud({
      behaviour: { secondFunctionErrorCode: 'OperationDenied.FcServerGroupFull' },
    });
    try {
      const otherAlb = albClient(other);
      const a = await createFunction(other, unique('fn'));
      const b = await createFunction(other, unique('fn'));
      const { id } = await createFcGroup(otherAlb);
      await waitGroup(otherAlb, id);
      await expectAlbError(
        otherAlb.addServersToServerGroup(
          new $Alb.AddServersToServerGroupRequest({
            serverGroupId: id,
            servers: [
              { serverType: 'Fc', serverId: a },
              { serverType: 'Fc', serverId: b },
            ],
          }),
        ),
        'OperationDenied.FcServerGroupFull',
      );
    } finally {
      await other.close();
    }
  });
});

describe('RemoveServersFromServerGroup', () => {
  it('goes Removing → gone, and the job succeeds', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const groupId = await readyGroup();
    await add(groupId, [{ serverType: 'Fc', serverId: arn }]);
    await waitGroup(alb, groupId);
    const answer = await remove(groupId, [{ serverType: 'Fc', serverId: arn }]);
    const seen = await readUntil(
      async () => (await servers(groupId)).servers?.[0]?.status ?? 'gone',
      (s) => s === 'gone',
    );
    expect(seen).toEqual(['Removing', 'gone']);
    expect(await waitJob(alb, answer.body!.jobId!)).toEqual(['Succeeded']);
    expect((await groupOf(alb, groupId))?.serverGroupStatus).toBe('Available');
  });

  it('answers ResourceNotFound.BackendServer for a server the group does not have', async () => {
    const groupId = await readyGroup();
    await expectAlbError(
      remove(groupId, [{ serverType: 'Fc', serverId: `acs:fc:${region}:${account}:functions/none` }]),
      'ResourceNotFound.BackendServer',
      404,
    );
  });
});

describe('ListServerGroupServers', () => {
  it('answers ResourceNotFound.ServerGroup for an unknown group', async () => {
    await expectAlbError(
      alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId: 'sgp-nope' })),
      'ResourceNotFound.ServerGroup',
      404,
    );
  });
});
