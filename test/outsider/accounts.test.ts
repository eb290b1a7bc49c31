import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  $Alb,
  $Dns,
  $Fc,
  addFunction,
  albClient,
  createFcGroup,
  createFunction,
  dnsClient,
  expectFcError,
  expectPopError,
  fcClient,
  groupOf,
  popClient,
  startCloud,
  stsClient,
  until,
  withTempFile,
  type Cloud,
} from './support.js';

// docs/emulator.md §1 (STS keys, several accounts) and §4 (GetCallerIdentity), with `emulator start --accounts
// FILE`: `[{accountId, identityType?, principalName?, keys: [{accessKeyId, accessKeySecret, securityToken?,
// expiresAt? (ms)}]}]`.

const ROOT = { accountId: '1111111111111111', accessKeyId: 'ak-root', accessKeySecret: 'root-secret' };
const STS = {
  accountId: '2222222222222222',
  accessKeyId: 'STS.live',
  accessKeySecret: 'sts-secret',
  securityToken: 'token-live',
};
const EXPIRED = { accessKeyId: 'STS.old', accessKeySecret: 'old-secret', securityToken: 'token-old' };
const ROLE = {
  accountId: '3333333333333333',
  accessKeyId: 'STS.role',
  accessKeySecret: 'role-secret',
  securityToken: 't',
};

let cloud: Cloud;
beforeAll(async () => {
  const accounts = JSON.stringify([
    {
      accountId: ROOT.accountId,
      identityType: 'Account',
      principalName: 'root',
      keys: [{ accessKeyId: ROOT.accessKeyId, accessKeySecret: ROOT.accessKeySecret }],
    },
    {
      accountId: STS.accountId,
      identityType: 'RAMUser',
      principalName: 'deployer',
      keys: [
        { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret, securityToken: STS.securityToken },
        { ...EXPIRED, expiresAt: Date.now() - 60_000 },
      ],
    },
    {
      accountId: ROLE.accountId,
      identityType: 'AssumedRoleUser',
      principalName: 'ci-role',
      keys: [
        { accessKeyId: ROLE.accessKeyId, accessKeySecret: ROLE.accessKeySecret, securityToken: ROLE.securityToken },
      ],
    },
  ]);
  cloud = await withTempFile(accounts, (file) => startCloud(['--accounts', file]));
});
afterAll(async () => {
  await cloud?.stop();
});

const as = (key: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) => key;

describe('--accounts FILE: several accounts, STS keys (emulator.md §1; openapi-core x-acs-security-token)', () => {
  it('the ready line names the first account and its key', () => {
    expect(cloud.info).toMatchObject({ accountId: ROOT.accountId, accessKeyId: ROOT.accessKeyId });
  });

  it('GetCallerIdentity answers each identity: :root, :user/<name>, :assumed-role/<role>/alb-fc + RoleId (STS GetCallerIdentityResponseBody; session name assumption)', async () => {
    const root = await stsClient(cloud, as(ROOT)).getCallerIdentity();
    expect(root.body).toMatchObject({
      accountId: ROOT.accountId,
      identityType: 'Account',
      arn: `acs:ram::${ROOT.accountId}:root`,
    });
    const user = await stsClient(cloud, as(STS)).getCallerIdentity();
    expect(user.body).toMatchObject({
      accountId: STS.accountId,
      identityType: 'RAMUser',
      arn: `acs:ram::${STS.accountId}:user/deployer`,
    });
    const role = await stsClient(cloud, as(ROLE)).getCallerIdentity();
    expect(role.body).toMatchObject({
      accountId: ROLE.accountId,
      identityType: 'AssumedRoleUser',
      arn: `acs:ram::${ROLE.accountId}:assumed-role/ci-role/alb-fc`,
      roleId: expect.any(String),
    });
  });

  it('an STS key with its token works with every signature: ACS3 (x-acs-security-token), V2 and V1 (SecurityToken)', async () => {
    expect((await albClient(cloud, as(STS)).listServerGroups(new $Alb.ListServerGroupsRequest({}))).statusCode).toBe(
      200,
    );
    expect((await fcClient(cloud, as(STS)).listFunctions(new $Fc.ListFunctionsRequest({}))).statusCode).toBe(200);
    expect((await stsClient(cloud, as(STS)).getCallerIdentity()).body?.accountId).toBe(STS.accountId);
    const v1 = (await popClient(cloud, '2015-01-09', { ...STS }).request('DescribeDomains', {})) as {
      TotalCount: number;
    };
    expect(v1.TotalCount).toBe(1);
  });

  it('an STS key without its token → POP MissingSecurityToken; another token → InvalidSecurityToken.MismatchWithAccessKey; FC InvalidSecurityToken 403', async () => {
    const bare = { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret };
    await expectPopError(
      albClient(cloud, bare).listServerGroups(new $Alb.ListServerGroupsRequest({})),
      'MissingSecurityToken',
      400,
      'Alb',
    );
    await expectPopError(
      stsClient(cloud, { ...bare, securityToken: 'forged' }).getCallerIdentity(),
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
      'Sts',
    );
    await expectFcError(
      fcClient(cloud, { ...bare, securityToken: 'forged' }).listFunctions(new $Fc.ListFunctionsRequest({})),
      'InvalidSecurityToken',
      403,
    );
  });

  it('an expired STS token → InvalidSecurityToken.Expired (assumption: code of the POP family)', async () => {
    await expectPopError(
      dnsClient(cloud, as(EXPIRED)).describeDomains(new $Dns.DescribeDomainsRequest({})),
      'InvalidSecurityToken.Expired',
      400,
      'Alidns',
    );
    await expectFcError(
      fcClient(cloud, as(EXPIRED)).listFunctions(new $Fc.ListFunctionsRequest({})),
      'InvalidSecurityToken',
      403,
    );
  });

  it("every resource belongs to the caller's account: another account neither sees nor uses it (emulator.md §1)", async () => {
    const mine = albClient(cloud, as(ROOT));
    const theirs = albClient(cloud, as(STS));
    const fn = await createFunction(fcClient(cloud, as(ROOT)), 'root-only');
    const { serverGroupId } = await createFcGroup(mine, 'root-group');
    await until(
      () => groupOf(mine, serverGroupId!),
      (g) => g?.serverGroupStatus === 'Available',
    );
    expect(await groupOf(theirs, serverGroupId!)).toBeUndefined();
    await expectPopError(
      theirs.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId })),
      'ResourceNotFound.ServerGroup',
      404,
      'Alb',
    );
    await expectFcError(
      fcClient(cloud, as(STS)).getFunction('root-only', new $Fc.GetFunctionRequest({})),
      'FunctionNotFound',
      404,
    );
    // another account's function ARN cannot back my group
    const { serverGroupId: theirGroup } = await createFcGroup(theirs, 'their-group');
    await until(
      () => groupOf(theirs, theirGroup!),
      (g) => g?.serverGroupStatus === 'Available',
    );
    await expectPopError(
      addFunction(theirs, theirGroup!, fn.body!.functionArn!),
      'ResourceNotFound.BackendServer',
      404,
      'Alb',
    );
    // each account has its own seeded load balancer and zone
    const lbs = async (c: typeof mine) =>
      (await c.listLoadBalancers(new $Alb.ListLoadBalancersRequest({}))).body?.loadBalancers?.map(
        (l) => l.loadBalancerId,
      );
    const [mineLb, theirLb] = [await lbs(mine), await lbs(theirs)];
    expect(mineLb).toHaveLength(1);
    expect(theirLb).toHaveLength(1);
    expect(mineLb).not.toEqual(theirLb);
    const record = await dnsClient(cloud, as(ROOT)).addDomainRecord(
      new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'mine', type: 'A', value: '192.0.2.1' }),
    );
    await expectPopError(
      dnsClient(cloud, as(STS)).describeDomainRecordInfo(
        new $Dns.DescribeDomainRecordInfoRequest({ recordId: record.body!.recordId! }),
      ),
      'DomainRecordNotBelongToUser',
      400,
      'Alidns',
    );
    // their own example.com zone does not hold my record
    const theirs2 = await dnsClient(cloud, as(STS)).describeDomainRecords(
      new $Dns.DescribeDomainRecordsRequest({ domainName: 'example.com' }),
    );
    expect(theirs2.body?.domainRecords?.record?.map((r) => r.RR)).not.toContain('mine');
  });
});
