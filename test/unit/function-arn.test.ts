import { describe, expect, it } from 'vitest';
import { parseFunctionArn, validateExistingFunctionArn } from '../../src/steps/function-arn.js';

describe('function ARNs', () => {
  it('parses FC 3.0 ARNs, optionally qualified', () => {
    expect(parseFunctionArn('acs:fc:cn-hangzhou:123456:functions/hello')).toEqual({
      version: 3,
      arn: 'acs:fc:cn-hangzhou:123456:functions/hello',
      region: 'cn-hangzhou',
      accountId: '123456',
      name: 'hello',
    });
    expect(parseFunctionArn('acs:fc:ap-southeast-1:123456:functions/hello/prod')).toMatchObject({
      version: 3,
      qualifier: 'prod',
    });
    expect(parseFunctionArn('acs:fc:cn-hangzhou:123456:functions/hello/LATEST')).toMatchObject({ qualifier: 'LATEST' });
  });

  it('parses FC 2.0 ARNs with and without a service qualifier', () => {
    expect(parseFunctionArn('acs:fc:cn-shanghai:123:services/svc/functions/web')).toMatchObject({
      version: 2,
      service: 'svc',
      name: 'web',
    });
    expect(parseFunctionArn('acs:fc:cn-shanghai:123:services/svc.LATEST/functions/web')).toMatchObject({
      version: 2,
      service: 'svc',
      qualifier: 'LATEST',
      region: 'cn-shanghai',
    });
  });

  it.each([
    '',
    'hello',
    'acs:fc:cn-hangzhou:123456:function/hello',
    'acs:fc:cn-hangzhou::functions/hello',
    'acs:fc:cn-hangzhou:123456:functions/1hello',
    'acs:fc:cn-hangzhou:123456:functions/hello/prod/extra',
    'acs:ecs:cn-hangzhou:123456:functions/hello',
    'acs:fc:CN-HANGZHOU:123456:functions/hello',
    'acs:fc:cn-hangzhou:123456:services//functions/web',
  ])('rejects %j', (arn) => {
    expect(parseFunctionArn(arn)).toBeUndefined();
  });

  it('refuses a malformed ARN as a bad value (exit 2) and another region as a preflight refusal (exit 4)', () => {
    expect(() => validateExistingFunctionArn('nope', 'cn-hangzhou')).toThrow(
      expect.objectContaining({ exitCode: 2, code: 'INVALID_FUNCTION_ARN' }),
    );
    expect(() => validateExistingFunctionArn('acs:fc:cn-beijing:1:functions/f', 'cn-hangzhou')).toThrow(
      expect.objectContaining({ exitCode: 4, code: 'REGION_MISMATCH' }),
    );
    expect(validateExistingFunctionArn('acs:fc:cn-hangzhou:1:functions/f', 'cn-hangzhou').name).toBe('f');
  });
});
