import PopCore from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { cjsDefault } from '../../../src/lib/interop.js';
import { $Alb, albClient, groupOf } from './support.js';

// ALB as other clients send it (`@alicloud/openapi-core` doRPCRequest, Terraform's RpcPost): @alicloud/pop-core signs RPC V1 (HMAC-SHA1) and,
// like Terraform, may put the flattened parameters in a form-encoded body rather than the query.

const RPCClient = cjsDefault(PopCore);
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud.close();
});

function popCore() {
  return new RPCClient({
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    endpoint: cloud.endpoint,
    apiVersion: '2020-06-16',
  });
}

describe('other ALB clients', () => {
  it('creates an Fc group with flattened parameters in a form body (pop-core, RPC V1)', async () => {
    const answer = (await popCore().request(
      'CreateServerGroup',
      {
        ServerGroupName: 'from-pop-core',
        ServerGroupType: 'Fc',
        'HealthCheckConfig.HealthCheckEnabled': 'false',
        'Tag.1.Key': 'client',
        'Tag.1.Value': 'pop-core',
      },
      { method: 'POST', formatParams: false },
    )) as { ServerGroupId: string; JobId: string; RequestId: string };
    expect(answer.ServerGroupId).toMatch(/^sgp-/);
    expect(answer.JobId).toBeTruthy();
    const group = await groupOf(albClient(cloud), answer.ServerGroupId);
    expect(group).toMatchObject({
      serverGroupName: 'from-pop-core',
      serverGroupType: 'Fc',
      healthCheckConfig: { healthCheckEnabled: false },
      tags: [{ key: 'client', value: 'pop-core' }],
    });
  });

  it('answers a pop-core error in the POP shape', async () => {
    const error = (await popCore()
      .request('GetLoadBalancerAttribute', { LoadBalancerId: 'alb-nope' }, { method: 'POST' })
      .then(
        () => undefined,
        (rejected: unknown) => rejected,
      )) as { code?: string; data?: Record<string, unknown> } | undefined;
    expect(error?.code).toBe('ResourceNotFound.LoadBalancer');
    expect(error?.data?.HostId).toBe(`alb.${cloud.info.region}.aliyuncs.com`);
  });

  it('lists through the official SDK what pop-core created', async () => {
    const answer = await albClient(cloud).listServerGroups(
      new $Alb.ListServerGroupsRequest({ serverGroupNames: ['from-pop-core'] }),
    );
    expect(answer.body?.serverGroups).toHaveLength(1);
  });
});
