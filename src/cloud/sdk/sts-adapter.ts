import StsModule from '@alicloud/sts20150401';
import { cjsDefault } from '../../lib/interop.js';
import type { IdentityPort } from '../ports.js';
import type { Caller } from './call.js';
import { sdkConfig, type Connection } from './connection.js';

const StsClient = cjsDefault(StsModule);

export function createStsAdapter(connection: Connection, call: Caller): IdentityPort {
  const client = new StsClient(sdkConfig('sts', connection));
  return {
    async whoami() {
      const answer = await call('sts', 'GetCallerIdentity', () => client.getCallerIdentity());
      return {
        accountId: answer.body?.accountId ?? '',
        arn: answer.body?.arn ?? '',
        identityType: answer.body?.identityType ?? '',
      };
    },
  };
}
