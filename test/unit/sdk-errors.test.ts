import { describe, expect, it } from 'vitest';
import { toCloudError } from '../../src/cloud/sdk/call.js';
import { readableTransportMessage } from '../../src/cloud/sdk/transport-errors.js';
import { ExitCode } from '../../src/errors.js';

// How a failed SDK call reads. The errors below have the shape the SDKs throw (captured from
// `@alicloud/openapi-core` over httpx): a socket error whose message has `<METHOD> <url> failed.` glued to it, and
// a ResponseError with the cloud's code, status and RequestId.

/** A socket error as httpx rejects it: Node's error, its message extended with the request. */
function socketError(code: string, message: string, request: string, hostname?: string): Error {
  return Object.assign(new Error(`${message}${request} failed.`), {
    code,
    syscall: code.startsWith('E') ? 'getaddrinfo' : undefined,
    ...(hostname ? { hostname } : {}),
  });
}

/** A refusal as openapi-core throws it. */
function responseError(code: string, statusCode: number, message: string): Error {
  return Object.assign(new Error(`${code}: code: ${statusCode}, ${message} request id: RID-1`), {
    code,
    statusCode,
    requestId: 'RID-1',
    data: { Code: code, Message: message, RequestId: 'RID-1' },
  });
}

describe('a host that does not resolve', () => {
  it('says which host, that DNS failed and what to check, with its own code', () => {
    const error = toCloudError(
      'alb',
      'GetLoadBalancerAttribute',
      socketError(
        'ENOTFOUND',
        'getaddrinfo ENOTFOUND alb.cn-hangzhou.aliyuncs.com',
        'POST https://alb.cn-hangzhou.aliyuncs.com/?LoadBalancerId=alb-1',
        'alb.cn-hangzhou.aliyuncs.com',
      ),
    );
    expect(error.message).toBe(
      'cannot reach alb.cn-hangzhou.aliyuncs.com: DNS lookup failed; check network, proxy or --endpoint',
    );
    expect(error.cloudCode).toBe('DnsLookupFailed');
    expect(error.code).toBe('CLOUD_UNREACHABLE');
    expect(error.exitCode).toBe(ExitCode.cloudRefused);
  });

  it('finds the host in the message when the error carries none (EAI_AGAIN too)', () => {
    const error = toCloudError(
      'fc',
      'GetFunction',
      socketError(
        'EAI_AGAIN',
        'getaddrinfo EAI_AGAIN fcv3.cn-hangzhou.aliyuncs.com',
        'GET https://fcv3.cn-hangzhou.aliyuncs.com/x',
      ),
    );
    expect(error.message).toBe(
      'cannot reach fcv3.cn-hangzhou.aliyuncs.com: DNS lookup failed; check network, proxy or --endpoint',
    );
  });
});

describe('transport messages read as sentences', () => {
  it('separates the request httpx glues to the socket error, without the URL query', () => {
    const error = toCloudError(
      'sts',
      'GetCallerIdentity',
      socketError(
        'ECONNREFUSED',
        'connect ECONNREFUSED 127.0.0.1:1',
        'POST http://127.0.0.1:1/?Signature=abc&SecurityToken=tok',
      ),
    );
    expect(error.cloudCode).toBe('NetworkError');
    expect(error.message).toBe(
      'sts GetCallerIdentity failed: NetworkError: connect ECONNREFUSED 127.0.0.1:1 (POST http://127.0.0.1:1/)',
    );
    expect(error.message).not.toMatch(/comPOST|1POST|Signature|SecurityToken/);
  });

  it('drops the query of a timed-out request path', () => {
    expect(readableTransportMessage('ReadTimeout: 60000. POST /?Action=X&SecurityToken=tok failed.')).toBe(
      'ReadTimeout: 60000 (POST /)',
    );
    expect(readableTransportMessage('ConnectTimeout: Connect https://h/p?Signature=s failed.')).toBe(
      'ConnectTimeout: Connect https://h/p failed.',
    );
  });
});

describe('credentials the cloud rejects', () => {
  it.each([
    ['InvalidAccessKeyId.NotFound', 404, 'the AccessKey ID does not exist'],
    ['SignatureDoesNotMatch', 400, 'the AccessKey secret does not match the AccessKey ID'],
    ['InvalidSecurityToken.Expired', 400, 'the STS security token has expired'],
    ['InvalidAccessKeyID', 403, 'the AccessKey ID does not exist'],
    ['SignatureNotMatch', 403, 'the AccessKey secret does not match'],
  ])('%s says so, with the code, a hint and exit 3', (code, status, reason) => {
    const error = toCloudError(
      'alb',
      'GetLoadBalancerAttribute',
      responseError(code, status, 'Specified thing.\nserver string to sign is: X'),
    );
    expect(error.message).toContain(`Alibaba Cloud rejected the credentials (${code}): ${reason}`);
    expect(error.message).not.toContain('string to sign');
    expect(error.code).toBe('CREDENTIALS_REJECTED');
    expect(error.cloudCode).toBe(code);
    expect(error.requestId).toBe('RID-1');
    expect(error.hint).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(error.exitCode).toBe(ExitCode.cloudRefused);
  });

  it('leaves other refusals as they were', () => {
    const error = toCloudError(
      'alb',
      'CreateListener',
      responseError('ResourceAlreadyExist.Listener', 400, 'The listener already exists.'),
    );
    expect(error.code).toBe('CLOUD_REFUSED');
    expect(error.message).toBe(
      'alb CreateListener failed: ResourceAlreadyExist.Listener: The listener already exists.',
    );
  });
});
