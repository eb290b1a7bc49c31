import type { EmulatedService } from '../../core/service.js';
import { metadata } from '../../metadata/index.js';
import { popDialect } from '../../wire/dialects.js';
import { rpcProtocol } from '../../wire/rpc-protocol.js';

// STS 2015-04-01 GetCallerIdentity: who the signing key belongs to (aliyun/alibabacloud-typescript-sdk
// sts-20150401 GetCallerIdentityResponseBody).
// The official STS SDK signs it with the RPC V2 HMAC-SHA1 query signature, which the pipeline verifies.

export function createStsService(): EmulatedService {
  return {
    name: 'sts',
    protocol: rpcProtocol('2015-04-01', metadata.sts),
    dialect: popDialect({ name: 'Sts', host: () => 'sts.aliyuncs.com' }),
    actions: {
      GetCallerIdentity: (ctx) => {
        const { account } = ctx;
        const principal = account.principalName;
        const arn =
          account.identityType === 'Account'
            ? `acs:ram::${account.accountId}:root`
            : account.identityType === 'AssumedRoleUser'
              ? `acs:ram::${account.accountId}:assumed-role/${principal}/alb-fc`
              : `acs:ram::${account.accountId}:user/${principal}`;
        const principalId = `${account.accountId.slice(0, 6)}${Buffer.from(principal).toString('hex').slice(0, 10)}`;
        return {
          json: {
            AccountId: account.accountId,
            Arn: arn,
            IdentityType: account.identityType,
            PrincipalId: principalId,
            UserId: principalId,
            ...(account.identityType === 'AssumedRoleUser' ? { RoleId: principalId } : {}),
          },
        };
      },
    },
  };
}
