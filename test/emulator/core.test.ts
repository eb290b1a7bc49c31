import OpenApiModule, { $OpenApiUtil } from '@alicloud/openapi-core';
import StsModule from '@alicloud/sts20150401';
import PopCore from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../src/emulator/index.js';
import { cjsDefault } from '../../src/lib/interop.js';
import { sdkConfig } from '../support/sdk-config.js';

const OpenApi = cjsDefault(OpenApiModule);
const Sts = cjsDefault(StsModule);
const RPCClient = cjsDefault(PopCore);

// The shared HTTP core, driven by independent official clients: STS SDK (RPC V2 signature), pop-core
// (RPC V1 signature), and the generic openapi-core client (ACS3-HMAC-SHA256, the SDKs' default).

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud.close();
});

function acs3Call(config = sdkConfig(cloud)) {
  const client = new OpenApi(config);
  return client.callApi(
    new $OpenApiUtil.Params({
      action: 'GetCallerIdentity',
      version: '2015-04-01',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    }),
    new $OpenApiUtil.OpenApiRequest({}),
    {} as Parameters<typeof client.callApi>[2],
  );
}

describe('local cloud core', () => {
  it('answers STS GetCallerIdentity signed by the STS SDK (RPC V2 HMAC-SHA1)', async () => {
    const sts = new Sts(sdkConfig(cloud));
    const answer = await sts.getCallerIdentity();
    expect(answer.statusCode).toBe(200);
    expect(answer.body?.accountId).toBe(cloud.info.accountId);
    expect(answer.body?.identityType).toBe('RAMUser');
    expect(answer.body?.arn).toBe(`acs:ram::${cloud.info.accountId}:user/alb-fc-local`);
    expect(answer.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('verifies an ACS3-HMAC-SHA256 signature', async () => {
    const answer = (await acs3Call()) as { body: { AccountId: string } };
    expect(answer.body.AccountId).toBe(cloud.info.accountId);
  });

  it('verifies the pop-core client (RPC V1, GET with query signature)', async () => {
    const client = new RPCClient({
      accessKeyId: cloud.info.accessKeyId,
      accessKeySecret: cloud.info.accessKeySecret,
      endpoint: cloud.endpoint,
      apiVersion: '2015-04-01',
    });
    const answer = (await client.request('GetCallerIdentity', {}, { method: 'POST' })) as { AccountId: string };
    expect(answer.AccountId).toBe(cloud.info.accountId);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidAccessKeyId.NotFound', async () => {
    await expect(acs3Call(sdkConfig(cloud, { accessKeySecret: 'wrong' }))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      statusCode: 400,
    });
    await expect(new Sts(sdkConfig(cloud, { accessKeySecret: 'wrong' })).getCallerIdentity()).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    await expect(acs3Call(sdkConfig(cloud, { accessKeyId: 'nobody' }))).rejects.toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      statusCode: 404,
    });
  });

  it('answers errors in the POP shape with HostId and a Recommend link', async () => {
    const response = await fetch(`${cloud.endpoint}/?Action=GetCallerIdentity&Version=2015-04-01`, { method: 'POST' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(body.Code).toBe('IncompleteSignature');
    expect(body.Recommend).toContain(`q=IncompleteSignature&product=Sts&requestId=${body.RequestId}`);
  });

  it('refuses an unknown version and an unknown action', async () => {
    const version = await fetch(`${cloud.endpoint}/?Action=X&Version=1999-01-01`, { method: 'POST' });
    expect(((await version.json()) as { Code: string }).Code).toBe('InvalidVersion');
    const action = await fetch(`${cloud.endpoint}/?Action=Nope&Version=2015-04-01`, { method: 'POST' });
    expect(action.status).toBe(404);
    expect(((await action.json()) as { Code: string }).Code).toBe('InvalidAction.NotFound');
  });

  it('logs signed calls and serves the admin API', async () => {
    const before = (await (await fetch(`${cloud.endpoint}/_emulator/calls`)).json()) as { calls: unknown[] };
    await new Sts(sdkConfig(cloud)).getCallerIdentity();
    const after = (await (await fetch(`${cloud.endpoint}/_emulator/calls`)).json()) as {
      calls: Array<{ service: string; action: string; status: number; code: string | null; at: string }>;
    };
    expect(after.calls.length).toBe(before.calls.length + 1);
    expect(after.calls.at(-1)).toMatchObject({ service: 'sts', action: 'GetCallerIdentity', status: 200, code: null });
    const info = (await (await fetch(`${cloud.endpoint}/_emulator/info`)).json()) as {
      event: string;
      endpoint: string;
    };
    expect(info).toMatchObject({ event: 'ready', endpoint: cloud.endpoint });
  });

  it('injects faults: an error for a number of calls, then a dropped connection', async () => {
    const add = await fetch(`${cloud.endpoint}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({
        service: 'sts',
        action: 'GetCallerIdentity',
        count: 1,
        error: { status: 429, code: 'Throttling' },
      }),
    });
    expect(add.status).toBe(200);
    const sts = new Sts(sdkConfig(cloud));
    await expect(sts.getCallerIdentity()).rejects.toMatchObject({ code: 'Throttling', name: 'ThrottlingError' });
    await expect(sts.getCallerIdentity()).resolves.toBeDefined();
    await fetch(`${cloud.endpoint}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ service: 'sts', count: 1, drop: 'before' }),
    });
    await expect(sts.getCallerIdentity()).rejects.toThrow();
    await fetch(`${cloud.endpoint}/_emulator/faults`, { method: 'DELETE' });
    await expect(sts.getCallerIdentity()).resolves.toBeDefined();
    const bad = await fetch(`${cloud.endpoint}/_emulator/faults`, { method: 'POST', body: '{"drop":"sideways"}' });
    expect(bad.status).toBe(400);
  });

  it('survives malformed requests', async () => {
    const garbage = await fetch(`${cloud.endpoint}/?Action=GetCallerIdentity&Version=2015-04-01`, {
      method: 'POST',
      headers: {
        authorization: 'ACS3-HMAC-SHA256 nonsense',
        'x-acs-version': '2015-04-01',
        'x-acs-action': 'GetCallerIdentity',
      },
      body: '%%%',
    });
    expect(garbage.status).toBe(400);
    await expect(new Sts(sdkConfig(cloud)).getCallerIdentity()).resolves.toBeDefined();
  });
});
