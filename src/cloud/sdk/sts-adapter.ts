import type { IdentityPort } from '../ports.js';
import type { Caller } from './call.js';
import type { SdkClient } from './sdk-loader.js';

export function createStsAdapter(sts: SdkClient<'sts'>, call: Caller): IdentityPort {
  return {
    async whoami() {
      const answer = await call(sts, 'GetCallerIdentity', ({ client }) => client.getCallerIdentity());
      return {
        accountId: answer.body?.accountId ?? '',
        arn: answer.body?.arn ?? '',
        identityType: answer.body?.identityType ?? '',
      };
    },
  };
}
