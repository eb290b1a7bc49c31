// The identities the local cloud knows. The default account's key is a fixed, documented value (like
// LocalStack's `test`/`test`): it is not a secret, so alb-fc can use it with --local without storing it.
import { LOCAL_ACCESS_KEY_ID, LOCAL_ACCESS_KEY_SECRET, LOCAL_ACCOUNT_ID } from '../../local-cloud-contract.js';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS credentials: the token the caller must present with this key. */
  securityToken?: string;
  /** ms since epoch; after it the STS token is refused with `InvalidSecurityToken.Expired`. */
  expiresAt?: number;
}

export interface Account {
  accountId: string;
  /** `RAMUser` | `Account` | `AssumedRoleUser` (STS GetCallerIdentity IdentityType). */
  identityType: string;
  principalName: string;
  keys: AccessKey[];
}

export function defaultAccounts(): Account[] {
  return [
    {
      accountId: LOCAL_ACCOUNT_ID,
      identityType: 'RAMUser',
      principalName: 'alb-fc-local',
      keys: [{ accessKeyId: LOCAL_ACCESS_KEY_ID, accessKeySecret: LOCAL_ACCESS_KEY_SECRET }],
    },
  ];
}

export interface ResolvedKey {
  account: Account;
  key: AccessKey;
}

export function findKey(accounts: Account[], accessKeyId: string): ResolvedKey | undefined {
  for (const account of accounts) {
    const key = account.keys.find((k) => k.accessKeyId === accessKeyId);
    if (key) return { account, key };
  }
  return undefined;
}
