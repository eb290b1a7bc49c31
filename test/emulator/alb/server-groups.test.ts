import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  expectAlbError,
  groupOf,
  jobStatus,
  unique,
  waitGroup,
  type AlbClient,
} from './support.js';

// Server groups (`@alicloud/alb20200616` CreateServerGroupRequest, metadata): the official ALB client against the local cloud.

let cloud: LocalCloud;
let alb: AlbClient;
let vpcId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  const lb = await alb.getLoadBalancerAttribute(
    new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: cloud.info.loadBalancers[0]!.id }),
  );
  vpcId = lb.body!.vpcId!;
});
afterAll(async () => {
  await cloud.close();
});

describe('CreateServerGroup (Fc)', () => {
  it('answers an sgp- id and a JobId, and goes Creating → Available', async () => {
    const created = await alb.createServerGroup(
      new $Alb.CreateServerGroupRequest({
        serverGroupName: unique('web'),
        serverGroupType: 'Fc',
        healthCheckConfig: { healthCheckEnabled: false },
      }),
    );
    expect(created.statusCode).toBe(200);
    expect(created.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(created.body?.serverGroupId).toMatch(/^sgp-[a-z0-9]{18}$/);
    expect(created.body?.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const seen = await waitGroup(alb, created.body!.serverGroupId!);
    expect(seen).toEqual(['Creating', 'Available']);
    expect((await jobStatus(alb, created.body!.jobId!))?.status).toBe('Succeeded');
  });

  it('lists the group with every always-present field of the SDK model', async () => {
    const name = unique('shape');
    const { id } = await createFcGroup(alb, name);
    await waitGroup(alb, id);
    const group = await groupOf(alb, id);
    expect(group).toBeInstanceOf($Alb.ListServerGroupsResponseBodyServerGroups);
    expect(group).toMatchObject({
      serverGroupId: id,
      serverGroupName: name,
      serverGroupType: 'Fc',
      serverGroupStatus: 'Available',
      scheduler: 'Wrr',
      crossZoneEnabled: true,
      ipv6Enabled: false,
      upstreamKeepaliveEnabled: false,
      configManagedEnabled: false,
      serverCount: 0,
      relatedLoadBalancerIds: [],
      tags: [],
    });
    expect(group?.healthCheckConfig).toMatchObject({
      healthCheckEnabled: false,
      healthCheckProtocol: 'HTTP',
      healthCheckInterval: 2,
      healthCheckTimeout: 5,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
      healthCheckCodes: ['http_2xx'],
    });
    expect(group?.stickySessionConfig?.stickySessionEnabled).toBe(false);
    expect(group?.connectionDrainConfig?.connectionDrainEnabled).toBe(false);
    expect(group?.slowStartConfig?.slowStartEnabled).toBe(false);
    expect(group?.resourceGroupId).toMatch(/^rg-/);
    expect(group?.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Fc groups: Protocol and VpcId do not apply (CreateServerGroupRequest).
    expect(group?.protocol).toBeUndefined();
    expect(group?.vpcId).toBeUndefined();
  });

  it('ignores VpcId, Protocol, Scheduler and StickySessionConfig for Fc', async () => {
    const answer = await alb.createServerGroup(
      new $Alb.CreateServerGroupRequest({
        serverGroupName: unique('ignored'),
        serverGroupType: 'Fc',
        vpcId: 'vpc-doesnotexist',
        protocol: 'HTTPS',
        scheduler: 'Sch',
        stickySessionConfig: { stickySessionEnabled: true, stickySessionType: 'Insert' },
        healthCheckConfig: { healthCheckEnabled: false },
      }),
    );
    const group = await groupOf(alb, answer.body!.serverGroupId!);
    expect(group).toMatchObject({ scheduler: 'Wrr', stickySessionConfig: { stickySessionEnabled: false } });
    expect(group?.protocol).toBeUndefined();
    expect(group?.vpcId).toBeUndefined();
  });

  it('allows a health check on an Fc group', async () => {
    const answer = await alb.createServerGroup(
      new $Alb.CreateServerGroupRequest({
        serverGroupName: unique('hc'),
        serverGroupType: 'Fc',
        healthCheckConfig: { healthCheckEnabled: true, healthCheckPath: '/health', healthCheckMethod: 'GET' },
      }),
    );
    const group = await groupOf(alb, answer.body!.serverGroupId!);
    expect(group?.healthCheckConfig).toMatchObject({
      healthCheckEnabled: true,
      healthCheckPath: '/health',
      healthCheckMethod: 'GET',
    });
  });

  it('refuses connection draining and slow start for Fc', async () => {
    const base = { serverGroupType: 'Fc', healthCheckConfig: { healthCheckEnabled: false } };
    const drain = await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          ...base,
          serverGroupName: unique('drain'),
          connectionDrainConfig: { connectionDrainEnabled: true, connectionDrainTimeout: 10 },
        }),
      ),
      'UnsupportedFeature.ConnectionDrain',
    );
    expect(drain.Message).toBe('The feature of ConnectionDrain is not supported.');
    await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          ...base,
          serverGroupName: unique('slow'),
          slowStartConfig: { slowStartEnabled: true, slowStartDuration: 30 },
        }),
      ),
      'UnsupportedFeature.SlowStart',
    );
  });

  it('validates required parameters, names and types', async () => {
    await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({ serverGroupName: unique('nohc'), serverGroupType: 'Fc' }),
      ),
      'MissingHealthCheckConfig',
    );
    const missing = await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({ serverGroupType: 'Fc', healthCheckConfig: { healthCheckEnabled: false } }),
      ),
      'MissingServerGroupName',
    );
    expect(missing.Message).toBe('ServerGroupName is mandatory for this action.');
    await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: '1-starts-with-a-digit',
          serverGroupType: 'Fc',
          healthCheckConfig: { healthCheckEnabled: false },
        }),
      ),
      'InvalidParameter',
    );
    await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: unique('typo'),
          serverGroupType: 'Lambda',
          healthCheckConfig: { healthCheckEnabled: false },
        }),
      ),
      'InvalidParameter',
    );
    await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: unique('range'),
          serverGroupType: 'Fc',
          healthCheckConfig: { healthCheckEnabled: true, healthyThreshold: 11 },
        }),
      ),
      'InvalidHealthCheckConfig.HealthyThreshold',
    );
  });
});

describe('CreateServerGroup (Instance, Ip)', () => {
  it('needs a VPC the account has, and echoes Protocol and Scheduler', async () => {
    const base = { serverGroupName: unique('inst'), healthCheckConfig: { healthCheckEnabled: true } };
    await expectAlbError(alb.createServerGroup(new $Alb.CreateServerGroupRequest(base)), 'MissingVpcId');
    await expectAlbError(
      alb.createServerGroup(new $Alb.CreateServerGroupRequest({ ...base, vpcId: 'vpc-unknown' })),
      'ResourceNotFound.Vpc',
      404,
    );
    const answer = await alb.createServerGroup(
      new $Alb.CreateServerGroupRequest({ ...base, vpcId, protocol: 'HTTPS', scheduler: 'Wlc' }),
    );
    const group = await groupOf(alb, answer.body!.serverGroupId!);
    expect(group).toMatchObject({ serverGroupType: 'Instance', protocol: 'HTTPS', scheduler: 'Wlc', vpcId });
  });
});

describe('CreateServerGroup in a region without Fc backends', () => {
  it('answers UnsupportedFeature.FcServerGroup', async () => {
    const other = await startLocalCloud({ behaviour: { fcBackendRegions: ['cn-shanghai'] } });
    try {
      const error = await expectAlbError(createFcGroup(albClient(other)), 'UnsupportedFeature.FcServerGroup');
      expect(error.Message).toBe('Server groups of type FC are not supported.');
    } finally {
      await other.close();
    }
  });
});

describe('ListServerGroups', () => {
  it('answers 200 with an empty list for an unknown id', async () => {
    const answer = await alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ serverGroupIds: ['sgp-doesnotexist'] }),
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.body?.serverGroups).toEqual([]);
    expect(answer.body?.totalCount).toBe(0);
    expect(answer.body?.maxResults).toBe(20);
  });

  it('filters by name and type', async () => {
    const name = unique('byname');
    const { id } = await createFcGroup(alb, name);
    const byName = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupNames: [name] }));
    expect(byName.body?.serverGroups?.map((g) => g.serverGroupId)).toEqual([id]);
    const byType = await alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ serverGroupType: 'Ip', maxResults: 100 }),
    );
    expect(byType.body?.serverGroups?.some((g) => g.serverGroupId === id)).toBe(false);
  });
});

describe('UpdateServerGroupAttribute', () => {
  it('refuses a group that is not Available, then goes Configuring → Available', async () => {
    const { id } = await createFcGroup(alb);
    await expectAlbError(
      alb.updateServerGroupAttribute(
        new $Alb.UpdateServerGroupAttributeRequest({ serverGroupId: id, serverGroupName: 'renamed' }),
      ),
      'IncorrectStatus.ServerGroup',
    );
    await waitGroup(alb, id);
    const name = unique('renamed');
    const answer = await alb.updateServerGroupAttribute(
      new $Alb.UpdateServerGroupAttributeRequest({
        serverGroupId: id,
        serverGroupName: name,
        healthCheckConfig: { healthCheckEnabled: true },
      }),
    );
    expect(answer.body?.jobId).toBeTruthy();
    expect(await waitGroup(alb, id)).toEqual(['Configuring', 'Available']);
    const group = await groupOf(alb, id);
    expect(group).toMatchObject({ serverGroupName: name, healthCheckConfig: { healthCheckEnabled: true } });
  });

  it('answers ResourceNotFound.ServerGroup (404) for an unknown group', async () => {
    await expectAlbError(
      alb.updateServerGroupAttribute(
        new $Alb.UpdateServerGroupAttributeRequest({ serverGroupId: 'sgp-nope', serverGroupName: 'x1' }),
      ),
      'ResourceNotFound.ServerGroup',
      404,
    );
  });
});

describe('DeleteServerGroup', () => {
  it('goes Deleting → gone', async () => {
    const { id } = await createFcGroup(alb);
    await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: id })),
      'IncorrectStatus.ServerGroup',
    );
    await waitGroup(alb, id);
    const answer = await alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: id }));
    expect(answer.body?.jobId).toBeTruthy();
    expect(await waitGroup(alb, id, 'gone')).toEqual(['Deleting', 'gone']);
    await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: id })),
      'ResourceNotFound.ServerGroup',
      404,
    );
  });
});
