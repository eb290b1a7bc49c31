import { describe, expect, it, vi } from 'vitest';
import {
  $Alb,
  $Dns,
  $Fc,
  albClient,
  createFunction,
  dnsClient,
  expectFcError,
  expectPopError,
  failure,
  fcClient,
  popClient,
  proxyTo,
  rpcCall,
  stsClient,
  useCloud,
} from './support.js';

// docs/emulator.md §1 (transport, signatures, identity) and §4 (STS), as clients we did not write see them.

const cloud = useCloud();

const listGroups = (c = albClient(cloud)) => c.listServerGroups(new $Alb.ListServerGroupsRequest({}));

/** pop-core reports no status on its error; it keeps the HTTP exchange in `entry`. */
async function popFailure(call: Promise<unknown>) {
  const error = (await failure(call)) as { code?: string; data?: Record<string, unknown>; entry?: unknown };
  const entry = error.entry as { response?: { statusCode?: number } } | undefined;
  return { code: error.code, status: entry?.response?.statusCode, data: error.data ?? {} };
}

describe('the ready line (emulator.md, "Admin API")', () => {
  it('is exactly one JSON line on stdout with the endpoint, key, region, seeded ALB and zone', () => {
    expect(cloud.stdout().trimEnd().split('\n')).toHaveLength(1);
    expect(cloud.info).toMatchObject({
      event: 'ready',
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      region: 'cn-hangzhou',
      // the default key is fixed and public, like LocalStack's test/test (assumption, convenience)
      accountId: '1000000000000001',
      accessKeyId: 'alb-fc-local',
      accessKeySecret: 'alb-fc-local-secret',
      domains: ['example.com'],
    });
    expect(cloud.info.loadBalancers).toHaveLength(1);
    expect(cloud.info.loadBalancers[0]).toMatchObject({
      id: expect.stringMatching(/^alb-[a-z0-9]{18}$/),
      dnsName: `${cloud.info.loadBalancers[0]!.id}.cn-hangzhou.alb.aliyuncs.com`,
      addressType: 'Internet',
    });
  });
});

describe('signatures (emulator.md §1)', () => {
  it('ACS3-HMAC-SHA256, the SDKs default, is accepted for RPC (ALB, Alidns) and ROA (FC) (openapi-core getAuthorization)', async () => {
    const groups = await listGroups();
    expect(groups.statusCode).toBe(200);
    expect(groups.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const domains = await dnsClient(cloud).describeDomains(new $Dns.DescribeDomainsRequest({}));
    expect(domains.body?.domains?.domain?.map((d) => d.domainName)).toEqual(['example.com']);
    const functions = await fcClient(cloud).listFunctions(new $Fc.ListFunctionsRequest({}));
    expect(functions.statusCode).toBe(200);
  });

  it('RPC V2 HMAC-SHA1 (the STS SDK): GetCallerIdentity answers the ready line account (STS SDK signature v2)', async () => {
    const identity = await stsClient(cloud).getCallerIdentity();
    expect(identity.body).toMatchObject({
      accountId: cloud.info.accountId,
      arn: expect.stringMatching(new RegExp(`^acs:ram::${cloud.info.accountId}:(root|user/.+)$`)),
      identityType: expect.stringMatching(/^(Account|RAMUser)$/),
      principalId: expect.any(String),
      userId: expect.any(String),
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
  });

  it('RPC V1 (pop-core) over the query string (GET) and a form body (POST) (openapi-core doRPCRequest)', async () => {
    const alb = popClient(cloud, '2020-06-16');
    const viaQuery = (await alb.request('ListServerGroups', {}, { method: 'GET' })) as Record<string, unknown>;
    expect(viaQuery).toMatchObject({ RequestId: expect.any(String), ServerGroups: [] });
    const dns = popClient(cloud, '2015-01-09');
    const viaForm = (await dns.request('DescribeDomains', { PageSize: 5 }, { method: 'POST' })) as {
      PageSize: number;
      Domains: { Domain: unknown[] };
    };
    expect(viaForm.PageSize).toBe(5);
    expect(viaForm.Domains.Domain).toHaveLength(1);
  });

  it('wrong secret → POP SignatureDoesNotMatch 400 with the server string to sign (captured POP answers)', async () => {
    const error = await expectPopError(
      listGroups(albClient(cloud, { accessKeySecret: 'not-the-secret' })),
      'SignatureDoesNotMatch',
      400,
      'Alb',
    );
    expect(String(error.data?.Message)).toContain('ACS3-HMAC-SHA256\n');
    await expectPopError(
      stsClient(cloud, { accessKeySecret: 'not-the-secret' }).getCallerIdentity(),
      'SignatureDoesNotMatch',
      400,
      'Sts',
    );
    const v1 = await popFailure(
      popClient(cloud, '2020-06-16', { accessKeySecret: 'nope' }).request('ListServerGroups', {}, {}),
    );
    expect(v1).toMatchObject({ code: 'SignatureDoesNotMatch', status: 400 });
    expect(String(v1.data.Message)).toContain('GET&%2F&');
  });

  it('wrong secret → FC SignatureNotMatch 403 (FC 3.0 error codes page)', async () => {
    await expectFcError(
      fcClient(cloud, { accessKeySecret: 'not-the-secret' }).listFunctions(new $Fc.ListFunctionsRequest({})),
      'SignatureNotMatch',
      403,
    );
  });

  it('unknown key → POP InvalidAccessKeyId.NotFound 404, FC InvalidAccessKeyID 403 (captured POP answers; FC 3.0 error codes page)', async () => {
    const stranger = { accessKeyId: 'test-nobody', accessKeySecret: 'whatever' };
    await expectPopError(listGroups(albClient(cloud, stranger)), 'InvalidAccessKeyId.NotFound', 404, 'Alb');
    await expectPopError(stsClient(cloud, stranger).getCallerIdentity(), 'InvalidAccessKeyId.NotFound', 404, 'Sts');
    expect(await popFailure(popClient(cloud, '2015-01-09', stranger).request('DescribeDomains', {}))).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      status: 404,
    });
    await expectFcError(
      fcClient(cloud, stranger).listFunctions(new $Fc.ListFunctionsRequest({})),
      'InvalidAccessKeyID',
      403,
    );
  });

  it('no signature → POP IncompleteSignature 400, FC MissingRequiredHeader 400, as JSON (assumption)', async () => {
    const pop = await fetch(`${cloud.endpoint}/?Action=ListServerGroups&Version=2020-06-16&Format=JSON`);
    expect(pop.status).toBe(400);
    expect(pop.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await pop.json()).toMatchObject({ Code: 'IncompleteSignature', RequestId: expect.any(String) });
    const fc = await fetch(`${cloud.endpoint}/2023-03-30/functions`, {
      headers: { 'x-acs-action': 'ListFunctions', 'x-acs-version': '2023-03-30' },
    });
    expect(fc.status).toBe(400);
    expect(await fc.json()).toMatchObject({ Code: 'MissingRequiredHeader', RequestId: expect.any(String) });
  });

  it('a garbled Authorization header gets an error answer and the server keeps serving (issue 3 §9)', async () => {
    const garbled = await fetch(`${cloud.endpoint}/`, {
      method: 'POST',
      headers: {
        authorization: 'ACS3-HMAC-SHA256 garbage',
        'x-acs-action': 'ListServerGroups',
        'x-acs-version': '2020-06-16',
      },
    });
    expect(garbled.status).toBeGreaterThanOrEqual(400);
    expect(garbled.status).toBeLessThan(500);
    expect(await garbled.json()).toHaveProperty('Code');
    expect((await listGroups()).statusCode).toBe(200);
  });

  it('a signed date 20 minutes off → POP InvalidTimeStamp.Expired, FC RequestTimeTooSkewed (assumption)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 20 * 60_000 });
    try {
      const v3 = await failure(listGroups());
      const v1 = await popFailure(popClient(cloud, '2015-01-09').request('DescribeDomains', {}));
      const fc = await failure(fcClient(cloud).listFunctions(new $Fc.ListFunctionsRequest({})));
      expect(v3.code).toBe('InvalidTimeStamp.Expired');
      expect(v3.statusCode).toBe(400);
      expect(v1.code).toBe('InvalidTimeStamp.Expired');
      expect(fc.code).toBe('RequestTimeTooSkewed');
      expect(fc.statusCode).toBe(403);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a signature nonce replayed within the window → SignatureNonceUsed (assumption)', async () => {
    const client = popClient(cloud, '2015-01-09');
    // pop-core's verbose mode hands back the exact signed URL it sent: replay it verbatim.
    const verbose = new (client.constructor as new (config: unknown, verbose: boolean) => typeof client)(
      {
        accessKeyId: cloud.info.accessKeyId,
        accessKeySecret: cloud.info.accessKeySecret,
        endpoint: cloud.endpoint,
        apiVersion: '2015-01-09',
      },
      true,
    );
    const [, entry] = (await verbose.request('DescribeDomains', {}, {})) as [unknown, { url: string }];
    const replay = await fetch(entry.url);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ Code: 'SignatureNonceUsed' });
  });

  it('a body whose sha256 differs from x-acs-content-sha256 → a signature mismatch (assumption: the real code is not documented)', async () => {
    // A tampering proxy between the official FC client and the local cloud rewrites the JSON body.
    const proxy = await proxyTo(cloud, {
      body: (body) => Buffer.from(body.toString().replace('tamper-me', 'tampered')),
    });
    try {
      // the Host header (signed) is the proxy's: the real client also signs what it connects to.
      await expectFcError(
        createFunction(fcClient(cloud, { endpoint: proxy.host }), 'tamper-me'),
        'SignatureNotMatch',
        403,
      );
      await expectFcError(
        fcClient(cloud).getFunction('tampered', new $Fc.GetFunctionRequest({})),
        'FunctionNotFound',
        404,
      );
    } finally {
      await proxy.close();
    }
  });
});

describe('transport and error shapes (emulator.md §1)', () => {
  it('errors: POP {RequestId, HostId, Code, Message, Recommend} with upper-case UUIDs; FC {Code, Message, RequestId 1-<hex>-<24 hex>} (aliyun-cli capture; FC Error model)', async () => {
    const pop = await expectPopError(
      albClient(cloud).getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: 'lsn-nope' })),
      'ResourceNotFound.Listener',
      404,
      'Alb',
    );
    expect(pop.data?.HostId).toBe('alb.cn-hangzhou.aliyuncs.com');
    const dns = await expectPopError(
      dnsClient(cloud).describeDomainRecords(new $Dns.DescribeDomainRecordsRequest({ domainName: 'not-mine.org' })),
      'InvalidDomainName.NoExist',
      400,
      'Alidns',
    );
    expect(dns.data?.HostId).toBe('alidns.aliyuncs.com');
    await expectFcError(fcClient(cloud).getFunction('nope', new $Fc.GetFunctionRequest({})), 'FunctionNotFound', 404);
  });

  it('unknown action → InvalidAction.NotFound 404; unknown version → InvalidVersion 400 (assumption)', async () => {
    await expectPopError(rpcCall(cloud, 'NoSuchAction', '2020-06-16', {}), 'InvalidAction.NotFound', 404, 'Alb');
    const version = await failure(rpcCall(cloud, 'ListServerGroups', '2019-01-01', {}));
    expect({ code: version.code, status: version.statusCode }).toEqual({ code: 'InvalidVersion', status: 400 });
  });

  it('Replace/Start/StopListener are not in the metadata → InvalidAction.NotFound (emulator.md §9)', async () => {
    const alb = albClient(cloud);
    await expectPopError(
      alb.startListener(new $Alb.StartListenerRequest({ listenerId: 'lsn-x' })),
      'InvalidAction.NotFound',
      404,
      'Alb',
    );
    await expectPopError(
      alb.replaceServersInServerGroup(
        new $Alb.ReplaceServersInServerGroupRequest({ serverGroupId: 'sgp-x', addedServers: [], removedServers: [] }),
      ),
      'InvalidAction.NotFound',
      404,
      'Alb',
    );
  });

  it('unknown FC path → PathNotSupported 400 (FC 3.0 error codes page)', async () => {
    const { openApiClient, $OpenApiUtil, noRuntimeOptions } = await import('./support.js');
    const params = new $OpenApiUtil.Params({
      action: 'GetNothing',
      version: '2023-03-30',
      protocol: 'HTTP',
      pathname: '/2023-03-30/nothing-here',
      method: 'GET',
      authType: 'AK',
      style: 'ROA',
      reqBodyType: 'json',
      bodyType: 'json',
    });
    await expectFcError(
      openApiClient(cloud).callApi(params, new $OpenApiUtil.OpenApiRequest({}), noRuntimeOptions),
      'PathNotSupported',
      400,
    );
  });

  it('RPC common parameters (Format, RegionId, OwnerId…) are accepted on every API, in query or form body (openapi-core doRPCRequest)', async () => {
    const viaQuery = await rpcCall(cloud, 'ListServerGroups', '2020-06-16', {
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      OwnerId: '1',
      ResourceOwnerAccount: 'x',
    });
    expect(viaQuery.ServerGroups).toEqual([]);
    const viaForm = await rpcCall(
      cloud,
      'DescribeDomains',
      '2015-01-09',
      {},
      { body: { RegionId: 'cn-hangzhou', PageSize: '3' } },
    );
    expect(viaForm.PageSize).toBe(3);
  });
  it('the region comes from a real endpoint host when a client sends one (SDK requests carry no RegionId): resources stay in their region', async () => {
    // pop-core (V1 signs the query, not Host) behind a reverse proxy that presents the real ALB host name
    const shanghai = await proxyTo(cloud, { host: 'alb.cn-shanghai.aliyuncs.com' });
    try {
      const alb = popClient({ ...cloud, endpoint: shanghai.endpoint }, '2020-06-16');
      // the seeded load balancer lives in the local cloud's region (emulator.md), not in cn-shanghai
      const lbs = (await alb.request('ListLoadBalancers', {}, {})) as { LoadBalancers: unknown[] };
      expect(lbs.LoadBalancers).toEqual([]);
      const created = (await alb.request(
        'CreateServerGroup',
        { ServerGroupName: 'in-shanghai', ServerGroupType: 'Fc', 'HealthCheckConfig.HealthCheckEnabled': 'false' },
        { method: 'POST' },
      )) as { ServerGroupId: string };
      const here = await albClient(cloud).listServerGroups(
        new $Alb.ListServerGroupsRequest({ serverGroupIds: [created.ServerGroupId] }),
      );
      expect(here.body?.serverGroups).toEqual([]);
      const there = (await alb.request('ListServerGroups', { 'ServerGroupIds.1': created.ServerGroupId }, {})) as {
        ServerGroups: unknown[];
      };
      expect(there.ServerGroups).toHaveLength(1);
    } finally {
      await shanghai.close();
    }
  });
});
