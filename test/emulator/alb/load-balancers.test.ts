import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { $Alb, admin, albClient, expectAlbError, type AlbClient } from './support.js';

// The seeded load balancer (docs/emulator.md, "Seeded resources") and GetLoadBalancerAttribute /
// ListLoadBalancers (`@alicloud/alb20200616` GetLoadBalancerAttributeResponseBody).

let cloud: LocalCloud;
let alb: AlbClient;

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

describe('the seeded load balancer', () => {
  it('is on the ready line: one internet-facing ALB with its DNS name', () => {
    const [lb, ...rest] = cloud.info.loadBalancers;
    expect(rest).toEqual([]);
    expect(lb?.id).toMatch(/^alb-[a-z0-9]{18}$/);
    expect(lb?.dnsName).toBe(`${lb?.id}.${cloud.info.region}.alb.aliyuncs.com`);
    expect(lb?.addressType).toBe('Internet');
  });

  it('answers GetLoadBalancerAttribute: Active, Standard, internet-facing, with zone mappings', async () => {
    const id = cloud.info.loadBalancers[0]!.id;
    const answer = await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: id }));
    const body = answer.body!;
    expect(body).toBeInstanceOf($Alb.GetLoadBalancerAttributeResponseBody);
    expect(body).toMatchObject({
      loadBalancerId: id,
      DNSName: cloud.info.loadBalancers[0]!.dnsName,
      loadBalancerStatus: 'Active',
      loadBalancerBussinessStatus: 'Normal',
      loadBalancerEdition: 'Standard',
      addressType: 'Internet',
      addressIpVersion: 'IPv4',
      regionId: cloud.info.region,
      loadBalancerBillingConfig: { payType: 'PostPay' },
      loadBalancerOperationLocks: [],
      deletionProtectionConfig: { enabled: false },
      tags: [],
    });
    expect(body.vpcId).toMatch(/^vpc-/);
    expect(body.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body.zoneMappings?.length).toBe(2);
    expect(body.zoneMappings?.[0]).toMatchObject({ zoneId: `${cloud.info.region}-a`, status: 'Active' });
    expect(body.zoneMappings?.[0]?.vSwitchId).toMatch(/^vsw-/);
    expect(body.zoneMappings?.[0]?.loadBalancerAddresses?.[0]?.address).toBeTruthy();
  });

  it('keeps its id across a reset', async () => {
    const before = cloud.info.loadBalancers[0]!.id;
    await cloud.reset();
    expect(cloud.info.loadBalancers[0]!.id).toBe(before);
  });

  it('answers ResourceNotFound.LoadBalancer (404) for an unknown id', async () => {
    const error = await expectAlbError(
      alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: 'alb-nope' })),
      'ResourceNotFound.LoadBalancer',
      404,
    );
    expect(error.Message).toBe('The specified resource alb-nope is not found.');
    await expectAlbError(
      alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({})),
      'MissingLoadBalancerId',
    );
  });
});

describe('ListLoadBalancers', () => {
  it('lists and filters, including one added through the admin route', async () => {
    const added = await admin(cloud, '/_emulator/alb/load-balancers', { addressType: 'Intranet', name: 'inside' });
    expect(added.status).toBe(200);
    const intranetId = String(added.json.LoadBalancerId);
    const all = await alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({}));
    expect(all.body?.totalCount).toBe(2);
    expect(all.body?.loadBalancers?.[0]).toBeInstanceOf($Alb.ListLoadBalancersResponseBodyLoadBalancers);
    const intranet = await alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ addressType: 'Intranet' }));
    expect(intranet.body?.loadBalancers?.map((lb) => [lb.loadBalancerId, lb.loadBalancerName, lb.addressType])).toEqual(
      [[intranetId, 'inside', 'Intranet']],
    );
    const byDns = await alb.listLoadBalancers(
      new $Alb.ListLoadBalancersRequest({ DNSName: cloud.info.loadBalancers[0]!.dnsName }),
    );
    expect(byDns.body?.loadBalancers?.map((lb) => lb.loadBalancerId)).toEqual([cloud.info.loadBalancers[0]!.id]);
    const byStatus = await alb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({ loadBalancerStatus: 'Inactive' }));
    expect(byStatus.body?.loadBalancers).toEqual([]);
  });

  it('refuses a bad admin request', async () => {
    expect((await admin(cloud, '/_emulator/alb/load-balancers', { addressType: 'Moon' })).status).toBe(400);
    expect((await admin(cloud, '/_emulator/alb/load-balancers', { accountId: '42' })).status).toBe(400);
  });
});
