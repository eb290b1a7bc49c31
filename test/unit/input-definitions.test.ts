import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/cli/input-definitions.js';

// --function-arn accepts exactly what the engine accepts (src/steps/function-arn.ts): one parser for both.
describe('--function-arn', () => {
  it.each([
    'acs:fc:cn-hangzhou:1234567890123456:functions/hello',
    'acs:fc:cn-hangzhou:1234567890123456:functions/hello/prod',
    'acs:fc:cn-hangzhou:1234567890123456:services/svc.LATEST/functions/hello',
    'acs:fc:cn-hangzhou:1234567890123456:services/svc/functions/hello',
  ])('accepts %s', (arn) => {
    expect(parseInput('functionArn', arn)).toEqual({ value: arn });
  });

  it.each(['arn:aws:lambda:x', 'acs:fc:cn-hangzhou:123:functions/', 'acs:fc:cn-hangzhou:abc:functions/hello'])(
    'refuses %s naming the expected forms',
    (arn) => {
      expect(parseInput('functionArn', arn).error).toContain('services/<service>[.<qualifier>]');
    },
  );
});
