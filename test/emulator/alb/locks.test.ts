import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { manualClock, type FakeClock } from '../../support/fake-clock.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createFunction,
  createListener,
  expectAlbError,
  groupOf,
  jobStatus,
  transitionsOf,
  unique,
  type AlbClient,
} from './support.js';

// Concurrent changes hit the locks (metadata codes; docs/emulator.md §9). Every transition lasts 1 s on a
// manual clock, so a change lands while the previous one is still in flight, and time moves only when the
// test says so.

const STEP = 1000;
let cloud: LocalCloud;
let alb: AlbClient;
let clock: FakeClock;
let lbId: string;

beforeAll(async () => {
  clock = manualClock();
  cloud = await startLocalCloud({ clock, latency: transitionsOf(STEP) });
  alb = albClient(cloud);
  lbId = cloud.info.loadBalancers[0]!.id;
});
afterAll(async () => {
  await cloud.close();
});

async function lbStatus(): Promise<string | undefined> {
  const answer = await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId }));
  return answer.body?.loadBalancerStatus;
}

async function listenerStatus(listenerId: string): Promise<string | undefined> {
  const answer = await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId }));
  return answer.body?.listenerStatus;
}

async function availableGroup(): Promise<string> {
  const { id } = await createFcGroup(alb);
  clock.advance(STEP);
  return id;
}

describe('server group locks', () => {
  it('stays Creating until its time is up, however often it is read', async () => {
    const { id, jobId } = await createFcGroup(alb);
    for (let i = 0; i < 3; i++) expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Creating');
    clock.advance(STEP - 1);
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Creating');
    expect((await jobStatus(alb, jobId))?.status).toBe('Processing');
    clock.advance(1);
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Available');
    const job = await jobStatus(alb, jobId);
    expect(job?.status).toBe('Succeeded');
    expect(job!.modifyTime! - job!.createTime!).toBe(STEP);
  });

  it('refuses a second change while servers are being added: IncorrectStatus.ServerGroup', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const groupId = await availableGroup();
    await alb.addServersToServerGroup(
      new $Alb.AddServersToServerGroupRequest({
        serverGroupId: groupId,
        servers: [{ serverType: 'Fc', serverId: arn }],
      }),
    );
    const error = await expectAlbError(
      alb.updateServerGroupAttribute(
        new $Alb.UpdateServerGroupAttributeRequest({ serverGroupId: groupId, serverGroupName: 'next' }),
      ),
      'IncorrectStatus.ServerGroup',
    );
    expect(error.Message).toBe(`The status of ${groupId} [Configuring] is incorrect.`);
    await expectAlbError(
      alb.removeServersFromServerGroup(
        new $Alb.RemoveServersFromServerGroupRequest({
          serverGroupId: groupId,
          servers: [{ serverType: 'Fc', serverId: arn }],
        }),
      ),
      'IncorrectStatus.ServerGroup',
    );
    await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: groupId })),
      'IncorrectStatus.ServerGroup',
    );
    clock.advance(STEP);
    expect((await groupOf(alb, groupId))?.serverGroupStatus).toBe('Available');
  });

  it('refuses changes to a group being deleted', async () => {
    const groupId = await availableGroup();
    await alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: groupId }));
    expect((await groupOf(alb, groupId))?.serverGroupStatus).toBe('Deleting');
    await expectAlbError(
      alb.updateServerGroupAttribute(
        new $Alb.UpdateServerGroupAttributeRequest({ serverGroupId: groupId, serverGroupName: 'late' }),
      ),
      'IncorrectStatus.ServerGroup',
    );
    clock.advance(STEP);
    expect(await groupOf(alb, groupId)).toBeUndefined();
  });
});

describe('load balancer and listener locks', () => {
  it('refuses a concurrent listener change on the same load balancer: IncorrectStatus.LoadBalancer', async () => {
    const groupId = await availableGroup();
    const first = await createListener(alb, lbId, groupId, 9001);
    expect(await lbStatus()).toBe('Configuring');
    expect(await listenerStatus(first.id)).toBe('Provisioning');
    const error = await expectAlbError(createListener(alb, lbId, groupId, 9002), 'IncorrectStatus.LoadBalancer');
    expect(error.Message).toBe(`The status of ${lbId} [Configuring] is incorrect.`);
    // The listener itself cannot change while it is provisioned.
    await expectAlbError(
      alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: first.id })),
      'IncorrectStatus.Listener',
    );
    await expectAlbError(
      alb.updateListenerAttribute(new $Alb.UpdateListenerAttributeRequest({ listenerId: first.id, idleTimeout: 30 })),
      'IncorrectStatus.Listener',
    );
    clock.advance(STEP);
    expect(await lbStatus()).toBe('Active');
    expect(await listenerStatus(first.id)).toBe('Running');
    const second = await createListener(alb, lbId, groupId, 9002);
    clock.advance(STEP);
    expect(await listenerStatus(second.id)).toBe('Running');

    // An update holds the listener (Configuring), not the load balancer.
    await alb.updateListenerAttribute(
      new $Alb.UpdateListenerAttributeRequest({ listenerId: second.id, idleTimeout: 30 }),
    );
    expect(await listenerStatus(second.id)).toBe('Configuring');
    expect(await lbStatus()).toBe('Active');
    await expectAlbError(
      alb.updateListenerAttribute(new $Alb.UpdateListenerAttributeRequest({ listenerId: second.id, idleTimeout: 20 })),
      'ResourceInConfiguring.Listener',
    );
    clock.advance(STEP);
    expect(await listenerStatus(second.id)).toBe('Running');

    // Deleting holds the load balancer again.
    await alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: first.id }));
    expect(await listenerStatus(first.id)).toBe('Deleting');
    await expectAlbError(
      alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: second.id })),
      'IncorrectStatus.LoadBalancer',
    );
    await expectAlbError(createListener(alb, lbId, groupId, 9003), 'IncorrectStatus.LoadBalancer');
    // The port stays taken until the listener is gone.
    await expectAlbError(createListener(alb, lbId, groupId, 9001), 'ResourceAlreadyExist.Listener');
    clock.advance(STEP);
    await expectAlbError(
      alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: first.id })),
      'ResourceNotFound.Listener',
      404,
    );
    expect(await lbStatus()).toBe('Active');
  });
});
