import type { IdentityPort } from '../cloud/ports.js';

// Who a command acts as: the account (masked), the region, the profile and where the credentials come from. `alb-fc
// whoami` prints it, and the `init` wizard shows it before its first question, so a person sees which account the
// answers are for (as `wrangler whoami` does for Cloudflare).

export interface Identity {
  account: string;
  identityType: string;
  /** Undefined while the wizard has still to ask it. */
  region: string | undefined;
  profile: string | null;
  credentialSource: string;
  accessKeyId: string;
  endpoint: string | null;
  localCloud: boolean;
}

export interface IdentitySource {
  identity: IdentityPort;
  region: string | undefined;
  profile: string | undefined;
  endpoint: string | undefined;
  local: unknown;
  describeCredential(): Promise<{ source: string; accessKeyId: string }>;
}

export async function identityOf(source: IdentitySource): Promise<Identity> {
  const caller = await source.identity.whoami();
  const credential = await source.describeCredential();
  return {
    account: maskAccount(caller.accountId),
    identityType: caller.identityType,
    region: source.region,
    profile: source.profile ?? null,
    credentialSource: credential.source,
    accessKeyId: credential.accessKeyId,
    endpoint: source.endpoint ?? null,
    localCloud: source.local !== undefined,
  };
}

/** The identity as aligned lines: account, region, profile, credentials, endpoint. */
export function identityLines(who: Identity): string[] {
  return [
    `account     ${who.account} (${who.identityType})`,
    `region      ${who.region ?? 'not set yet (asked next)'}`,
    `profile     ${who.profile ?? '-'}`,
    `credentials ${who.credentialSource}, AccessKey ${who.accessKeyId}`,
    ...(who.endpoint ? [`endpoint    ${who.endpoint}${who.localCloud ? ' (local cloud)' : ''}`] : []),
  ];
}

export function maskAccount(accountId: string): string {
  return accountId.length > 8 ? `${accountId.slice(0, 4)}****${accountId.slice(-4)}` : '****';
}
