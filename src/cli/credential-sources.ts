import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainSource, CredentialChoice } from '../cloud/sdk/index.js';
import type { ReadyInfo } from '../local-cloud-contract.js';
import { usageError, type AlbFcError } from '../errors.js';

// Which credentials a command uses, decided from the environment and the files alone — before any network call, so
// that a machine with nothing configured hears so at once (exit 2, a missing value) instead of after the SDK tried
// the ECS metadata server and a credentials URI. The sources and their order are those of `@alicloud/credentials`
// DefaultCredentialsProvider (its README, "Default credential provider chain"); the two network-only sources (ECS
// RAM role, credentials URI) count only when their variable names them (ALIBABA_CLOUD_ECS_METADATA,
// ALIBABA_CLOUD_CREDENTIALS_URI), as the chain of the older SDKs required.

export interface CredentialEnvironment {
  env: Record<string, string | undefined>;
  home: string;
  /** `existsSync` unless a test stands in. */
  exists?: (path: string) => boolean;
}

const KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';

/** What to do when nothing is configured: the sources in the chain's order, and the commands that fix it. */
const WHERE_WE_LOOKED =
  `${KEY_ID} and ${KEY_SECRET}; a profile (--profile or ALIBABA_CLOUD_PROFILE) in ~/.aliyun/config.json or ` +
  '~/.alibabacloud/credentials; OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ' +
  'ALIBABA_CLOUD_OIDC_TOKEN_FILE); an ECS RAM role (ALIBABA_CLOUD_ECS_METADATA); ALIBABA_CLOUD_CREDENTIALS_URI';

export const CREDENTIALS_HINT =
  `Run \`aliyun configure\` (it writes ~/.aliyun/config.json), or export ${KEY_ID} and ${KEY_SECRET}. ` +
  'On an ECS instance with a RAM role, set ALIBABA_CLOUD_ECS_METADATA to the role name. ' +
  'To try alb-fc without an account, add --local.';

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

function given(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The credentials to use: explicit keys, the local cloud's fixed key, a named profile, or the configured sources
 * of the default chain. Throws exit 2 when half a key pair is set or nothing is configured.
 */
export function chooseCredentials(
  profile: string | undefined,
  where: CredentialEnvironment,
  local: ReadyInfo | undefined,
): CredentialChoice {
  const { env, home } = where;
  const exists = where.exists ?? existsSync;
  const id = env[KEY_ID];
  const secret = env[KEY_SECRET];
  if (given(id) !== given(secret)) {
    const [set, unset] = given(id) ? [KEY_ID, KEY_SECRET] : [KEY_SECRET, KEY_ID];
    throw usageError(
      'MISSING_CREDENTIALS',
      `${set} is set but ${unset} is not: an AccessKey needs both`,
      `Export ${unset} too, or unset ${set} to use a profile.`,
    );
  }
  if (given(id) && given(secret)) {
    const token = env.ALIBABA_CLOUD_SECURITY_TOKEN;
    return {
      kind: 'static',
      accessKeyId: id,
      accessKeySecret: secret,
      ...(given(token) ? { securityToken: token } : {}),
      source: 'env',
    };
  }
  // With --local, and with an endpoint that is a local cloud when no keys are configured, use the local cloud's
  // fixed key, so the quick start needs no setup. Explicit keys still win (to test a wrong one).
  if (local && profile === undefined) {
    return {
      kind: 'static',
      accessKeyId: local.accessKeyId,
      accessKeySecret: local.accessKeySecret,
      source: 'local cloud',
    };
  }

  const cliConfig = join(home, '.aliyun', 'config.json');
  const iniFile = env.ALIBABA_CLOUD_CREDENTIALS_FILE ?? join(home, '.alibabacloud', 'credentials');
  const cliProfiles = !isTrue(env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED) && exists(cliConfig);
  if (profile !== undefined) {
    if (!cliProfiles && !exists(iniFile)) throw missingCredentials(`the profile "${profile}" cannot be found`);
    return { kind: 'profile', profile };
  }

  const sources: ChainSource[] = [];
  if (given(env.ALIBABA_CLOUD_ROLE_ARN) && given(env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN)) {
    if (given(env.ALIBABA_CLOUD_OIDC_TOKEN_FILE)) sources.push({ kind: 'oidc' });
  }
  if (cliProfiles) sources.push({ kind: 'cli-profile' });
  if (exists(iniFile)) sources.push({ kind: 'ini-profile' });
  const role = env.ALIBABA_CLOUD_ECS_METADATA;
  if (given(role) && !isTrue(env.ALIBABA_CLOUD_ECS_METADATA_DISABLED))
    sources.push({ kind: 'ecs-ram-role', roleName: role });
  const uri = env.ALIBABA_CLOUD_CREDENTIALS_URI;
  if (given(uri)) sources.push({ kind: 'credentials-uri', uri });
  if (sources.length === 0) throw missingCredentials('no Alibaba Cloud credentials found');
  return { kind: 'chain', sources };
}

function missingCredentials(what: string): AlbFcError {
  return usageError('MISSING_CREDENTIALS', `${what}. alb-fc looked for ${WHERE_WE_LOOKED}.`, CREDENTIALS_HINT);
}
