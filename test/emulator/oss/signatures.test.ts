import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../support/local-cloud.js';
import { ossFailure } from '../../support/oss-client.js';
import { ossFor } from './support.js';

// docs/emulator.md, "OSS": requests signed by the official client with either OSS signature, to the IP endpoint
// (bucket in the Host header) or a named one (path-style), are accepted; a wrong one is refused with OSS's codes.

const scope = useLocalCloud({
  accounts: [
    {
      accountId: '1000000000000001',
      identityType: 'RAMUser',
      principalName: 'alb-fc-local',
      keys: [
        { accessKeyId: 'alb-fc-local', accessKeySecret: 'alb-fc-local-secret' },
        { accessKeyId: 'STS.temp', accessKeySecret: 'temp-secret', securityToken: 'token-1' },
      ],
    },
  ],
});

describe('OSS signatures', () => {
  it.each([
    ['V4', true, 'IP endpoint'],
    ['V4', true, 'named endpoint'],
    ['V1', false, 'IP endpoint'],
    ['V1', false, 'named endpoint'],
  ])('accepts the %s signature through the %s', async (_name, v4, endpointKind) => {
    const { cloud } = scope;
    const endpoint = endpointKind === 'IP endpoint' ? cloud.endpoint : cloud.endpoint.replace('127.0.0.1', 'localhost');
    const oss = ossFor(cloud, { v4, endpoint });
    const key = `sig/${v4 ? 'v4' : 'v1'} é+&=.json`;
    await oss.put(key, Buffer.from('{"signed":true}'));
    expect((await oss.get(key)).content.toString()).toBe('{"signed":true}');
    const listed = await oss.listV2({ prefix: 'sig/', 'max-keys': 10 });
    expect(listed.objects?.map((o) => o.name)).toEqual([key]);
    await oss.delete(key);
  });

  it.each([true, false])('refuses a wrong secret with 403 SignatureDoesNotMatch (v4: %s)', async (v4) => {
    const failure = await ossFailure(ossFor(scope.cloud, { v4, accessKeySecret: 'not-the-secret' }).get('x'));
    expect(failure).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
      requestId: expect.stringMatching(/^[0-9A-F]{24}$/),
    });
  });

  it('refuses an unknown key with 403 InvalidAccessKeyId', async () => {
    expect(await ossFailure(ossFor(scope.cloud, { accessKeyId: 'nobody' }).get('x'))).toMatchObject({
      code: 'InvalidAccessKeyId',
      status: 403,
    });
  });

  it('refuses a request dated 20 minutes off with 403 RequestTimeTooSkewed', async () => {
    const failure = await ossFailure(ossFor(scope.cloud, { skewMs: 20 * 60_000 }).get('x'));
    expect(failure).toMatchObject({ code: 'RequestTimeTooSkewed', status: 403 });
  });

  it('wants the security token of an STS key, and accepts it', async () => {
    const sts = { accessKeyId: 'STS.temp', accessKeySecret: 'temp-secret' };
    expect(await ossFailure(ossFor(scope.cloud, sts).get('x'))).toMatchObject({
      code: 'InvalidSecurityToken',
      status: 403,
    });
    await ossFor(scope.cloud, { ...sts, stsToken: 'token-1' }).put('sts.json', Buffer.from('{}'));
  });

  it('answers the error of a HEAD in the x-oss-err header, which the client decodes', async () => {
    const failure = await ossFailure(ossFor(scope.cloud, { accessKeySecret: 'wrong' }).head('x'));
    expect(failure).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses an anonymous request with an XML error naming Code, Message, RequestId and HostId', async () => {
    // Unsigned, so only its host says it is for OSS.
    const answer = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = request(
          `${scope.cloud.endpoint}/anything`,
          { headers: { host: 'alb-fc-state.oss-cn-hangzhou.aliyuncs.com' } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toBe('application/xml');
    const requestId = answer.headers['x-oss-request-id'];
    const body = answer.body;
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Anonymous user has no right to access this object.</Message>');
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`);
    expect(body).toContain('<HostId>oss-cn-hangzhou.aliyuncs.com</HostId>');
  });

  it("refuses a bucket addressed through another region's endpoint", async () => {
    const failure = await ossFailure(ossFor(scope.cloud, { region: 'cn-shanghai' }).get('x'));
    expect(failure).toMatchObject({ code: 'AccessDenied', status: 403 });
  });
});
