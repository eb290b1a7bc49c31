import CredentialsModule, * as $Credentials from '@alicloud/credentials';
import { cjsDefault } from '../../lib/interop.js';

const Credential = cjsDefault(CredentialsModule);

// Credentials the way the aliyun CLI and the SDKs find them (`@alicloud/credentials` DefaultCredentialsProvider):
// explicit keys, else a named profile (aliyun CLI's ~/.aliyun/config.json, then ~/.alibabacloud/credentials), else the
// default chain (env → OIDC → CLI profile → ini → ECS RAM role → credentials URI). The secret stays inside the
// credentials object; alb-fc only ever shows the masked AccessKey ID and the source.

export type CredentialChoice =
  | { kind: 'static'; accessKeyId: string; accessKeySecret: string; securityToken?: string; source: string }
  | { kind: 'profile'; profile: string }
  | { kind: 'default-chain' };

export interface ResolvedCredential {
  /** Passed to the SDK clients as `Config.credential`. */
  credential: unknown;
  /** Where the keys come from, e.g. `env`, `profile "prod"`, `local cloud`. */
  describe(): Promise<{ source: string; accessKeyId: string }>;
}

export function resolveCredential(choice: CredentialChoice): ResolvedCredential {
  let credential: InstanceType<typeof Credential>;
  let label: string;
  switch (choice.kind) {
    case 'static':
      credential = new Credential(
        new $Credentials.Config({
          type: choice.securityToken ? 'sts' : 'access_key',
          accessKeyId: choice.accessKeyId,
          accessKeySecret: choice.accessKeySecret,
          securityToken: choice.securityToken,
        }),
      );
      label = choice.source;
      break;
    case 'profile':
      credential = new Credential(null, new ProfileChain(choice.profile));
      label = `profile "${choice.profile}"`;
      break;
    case 'default-chain':
      credential = new Credential();
      label = 'default chain';
      break;
  }
  return {
    credential,
    async describe() {
      const model = await credential.getCredential();
      const provider = model.providerName ? ` (${model.providerName})` : '';
      return {
        source: `${label}${choice.kind === 'default-chain' ? provider : ''}`,
        accessKeyId: mask(model.accessKeyId ?? ''),
      };
    },
  };
}

/** A named profile: the aliyun CLI's config first, then the credentials ini file, as the default chain orders them. */
class ProfileChain {
  private readonly providers: Array<{ getCredentials(): Promise<unknown>; getProviderName(): string }> = [];
  private used: { getProviderName(): string } | undefined;

  constructor(profile: string) {
    for (const build of [
      () => $Credentials.CLIProfileCredentialsProvider.builder().withProfileName(profile).build(),
      () => $Credentials.ProfileCredentialsProvider.builder().withProfileName(profile).build(),
    ]) {
      try {
        this.providers.push(build() as unknown as ProfileChain['providers'][number]);
      } catch {
        // A disabled or absent source: the other may still hold the profile.
      }
    }
  }

  async getCredentials(): Promise<unknown> {
    const errors: string[] = [];
    for (const provider of this.providers) {
      try {
        const found = await provider.getCredentials();
        this.used = provider;
        return found;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    throw new Error(`no credentials found for the profile: ${errors.join('; ')}`);
  }

  getProviderName(): string {
    return this.used?.getProviderName() ?? 'profile';
  }
}

/** `LTAI5tAbCdEf…` → `LTAI****CdEf`: enough to recognise a key, never enough to use it. */
export function mask(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return '****';
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}
