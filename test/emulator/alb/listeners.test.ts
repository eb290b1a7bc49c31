import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  admin,
  albClient,
  createFcGroup,
  createListener,
  expectAlbError,
  readUntil,
  unique,
  waitGroup,
  waitJob,
  type AlbClient,
} from './support.js';

// Listeners (`@alicloud/alb20200616` CreateListenerRequest, GetListenerAttributeResponseBody, metadata): Provisioning → Running with the load balancer Configuring meanwhile,
// updates, deletes, and the codes for duplicates, missing resources and protocol mismatches.

let cloud: LocalCloud;
let alb: AlbClient;
let lbId: string;
let port = 8000;

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  lbId = cloud.info.loadBalancers[0]!.id;
});
afterAll(async () => {
  await cloud.close();
});

async function readyGroup(): Promise<string> {
  const { id } = await createFcGroup(alb);
  await waitGroup(alb, id);
  return id;
}

async function listener(listenerId: string) {
  const answer = await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId }));
  return answer.body!;
}

async function waitListener(listenerId: string, status = 'Running'): Promise<string[]> {
  return readUntil(
    async () => {
      try {
        return (await listener(listenerId)).listenerStatus ?? '';
      } catch (error) {
        if ((error as { code?: string }).code === 'ResourceNotFound.Listener') return 'gone';
        throw error;
      }
    },
    (s) => s === status,
  );
}

async function lbStatus(): Promise<string | undefined> {
  const answer = await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId }));
  return answer.body?.loadBalancerStatus;
}

describe('CreateListener', () => {
  it('answers an lsn- id and a JobId, and goes Provisioning → Running', async () => {
    const groupId = await readyGroup();
    const { id, jobId } = await createListener(alb, lbId, groupId, (port += 1));
    expect(id).toMatch(/^lsn-[a-z0-9]{18}$/);
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await waitListener(id)).toEqual(['Provisioning', 'Running']);
    expect(await waitJob(alb, jobId)).toEqual(['Succeeded']);
  });

  it('holds the load balancer Configuring while the listener is provisioned', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    expect(await lbStatus()).toBe('Configuring');
    expect(await lbStatus()).toBe('Active');
    expect((await listener(id)).listenerStatus).toBe('Running');
  });

  it('answers GetListenerAttribute with every always-present field of the SDK model', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1), { listenerDescription: 'front door' });
    await waitListener(id);
    const body = await listener(id);
    expect(body).toBeInstanceOf($Alb.GetListenerAttributeResponseBody);
    expect(body).toMatchObject({
      listenerId: id,
      loadBalancerId: lbId,
      listenerPort: port,
      listenerProtocol: 'HTTP',
      listenerStatus: 'Running',
      listenerDescription: 'front door',
      requestTimeout: 60,
      idleTimeout: 15,
      gzipEnabled: true,
      http2Enabled: true,
      caEnabled: false,
      certificates: [],
      tags: [],
      defaultActions: [
        { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: groupId }] } },
      ],
      // The SDK keeps the wire names inside this object (GetListenerAttributeResponseBodyXForwardedForConfig).
      XForwardedForConfig: { XForwardedForEnabled: true, XForwardedForProcessingMode: 'append' },
    });
    expect(body.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('refuses a port the load balancer already listens on: ResourceAlreadyExist.Listener', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    await waitListener(id);
    const error = await expectAlbError(createListener(alb, lbId, groupId, port), 'ResourceAlreadyExist.Listener');
    expect(error.Message).toBe(`The specified resource ${id} is already exist.`);
  });

  it('answers 404 for an unknown load balancer or server group', async () => {
    const groupId = await readyGroup();
    await expectAlbError(createListener(alb, 'alb-doesnotexist', groupId, 80), 'ResourceNotFound.LoadBalancer', 404);
    await expectAlbError(createListener(alb, lbId, 'sgp-doesnotexist', 80), 'ResourceNotFound.ServerGroup', 404);
  });

  it('serves Fc groups on HTTP listeners only', async () => {
    const groupId = await readyGroup();
    await expectAlbError(
      createListener(alb, lbId, groupId, 443, {
        listenerProtocol: 'HTTPS',
        certificates: [{ certificateId: '123-cn' }],
      }),
      'OperationDenied.ServerGroupProtocolNotSupport',
    );
  });

  it('validates the request: required parameters, protocol and default action', async () => {
    const groupId = await readyGroup();
    await expectAlbError(
      alb.createListener(
        new $Alb.CreateListenerRequest({ loadBalancerId: lbId, listenerProtocol: 'HTTP', listenerPort: 81 }),
      ),
      'MissingDefaultActions',
    );
    await expectAlbError(createListener(alb, lbId, groupId, 81, { listenerProtocol: 'TCP' }), 'InvalidParameter');
    await expectAlbError(createListener(alb, lbId, groupId, 70000), 'InvalidParameter');
    await expectAlbError(
      alb.createListener(
        new $Alb.CreateListenerRequest({
          loadBalancerId: lbId,
          listenerProtocol: 'HTTP',
          listenerPort: 81,
          defaultActions: [
            { type: 'Redirect', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: groupId }] } },
          ],
        }),
      ),
      'InvalidParameter',
    );
  });

  it('answers IncorrectStatus.LoadBalancer on an inactive load balancer, IncorrectBusinessStatus on a locked one', async () => {
    const groupId = await readyGroup();
    const inactive = await admin(cloud, '/_emulator/alb/load-balancers', { status: 'Inactive' });
    expect(inactive.status).toBe(200);
    const error = await expectAlbError(
      createListener(alb, String(inactive.json.LoadBalancerId), groupId, 80),
      'IncorrectStatus.LoadBalancer',
    );
    expect(error.Message).toBe(`The status of ${String(inactive.json.LoadBalancerId)} [Inactive] is incorrect.`);
    const locked = await admin(cloud, '/_emulator/alb/load-balancers', { businessStatus: 'Abnormal' });
    await expectAlbError(
      createListener(alb, String(locked.json.LoadBalancerId), groupId, 80),
      'IncorrectBusinessStatus.LoadBalancer',
    );
  });
});

describe('DeleteServerGroup of a group a listener forwards to', () => {
  it('answers ResourceInUse.ServerGroup and lists the load balancer as related', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    await waitListener(id);
    const groups = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: [groupId] }));
    expect(groups.body?.serverGroups?.[0]?.relatedLoadBalancerIds).toEqual([lbId]);
    const error = await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: groupId })),
      'ResourceInUse.ServerGroup',
    );
    expect(error.Message).toBe(`The specified resource ${groupId} is in use.`);
  });
});

describe('UpdateListenerAttribute', () => {
  it('goes Configuring → Running with the new settings', async () => {
    const groupId = await readyGroup();
    const other = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    await waitListener(id);
    const answer = await alb.updateListenerAttribute(
      new $Alb.UpdateListenerAttributeRequest({
        listenerId: id,
        requestTimeout: 30,
        gzipEnabled: false,
        defaultActions: [
          { type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: other }] } },
        ],
      }),
    );
    expect(answer.body?.jobId).toBeTruthy();
    expect(await waitListener(id)).toEqual(['Configuring', 'Running']);
    const body = await listener(id);
    expect(body).toMatchObject({ requestTimeout: 30, gzipEnabled: false });
    expect(body.defaultActions?.[0]?.forwardGroupConfig?.serverGroupTuples?.[0]?.serverGroupId).toBe(other);
  });

  it('answers ResourceNotFound.Listener for an unknown listener', async () => {
    await expectAlbError(
      alb.updateListenerAttribute(
        new $Alb.UpdateListenerAttributeRequest({ listenerId: 'lsn-nope', requestTimeout: 30 }),
      ),
      'ResourceNotFound.Listener',
      404,
    );
  });
});

describe('DeleteListener', () => {
  it('goes Deleting → gone, with the load balancer Configuring meanwhile', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    await waitListener(id);
    const answer = await alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: id }));
    expect(answer.body?.jobId).toBeTruthy();
    expect(await lbStatus()).toBe('Configuring');
    expect(await waitListener(id, 'gone')).toEqual(['gone']);
    await expectAlbError(
      alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: id })),
      'ResourceNotFound.Listener',
      404,
    );
    // The group is free again.
    const deleted = await alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: groupId }));
    expect(deleted.body?.jobId).toBeTruthy();
  });

  it('shows Deleting to the first read', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    await waitListener(id);
    await alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: id }));
    expect(await waitListener(id, 'gone')).toEqual(['Deleting', 'gone']);
  });
});

describe('ListListeners', () => {
  it('lists by load balancer and protocol with the list envelope', async () => {
    const groupId = await readyGroup();
    const { id } = await createListener(alb, lbId, groupId, (port += 1));
    const answer = await alb.listListeners(
      new $Alb.ListListenersRequest({ loadBalancerIds: [lbId], listenerProtocol: 'HTTP', maxResults: 100 }),
    );
    const found = answer.body?.listeners?.find((l) => l.listenerId === id);
    expect(found).toBeInstanceOf($Alb.ListListenersResponseBodyListeners);
    expect(found).toMatchObject({ listenerPort: port, listenerProtocol: 'HTTP', loadBalancerId: lbId });
    expect(answer.body?.totalCount).toBe(answer.body?.listeners?.length);
    expect(answer.body?.maxResults).toBe(100);
    const none = await alb.listListeners(new $Alb.ListListenersRequest({ listenerIds: [unique('lsn-none')] }));
    expect(none.body?.listeners).toEqual([]);
  });
});
