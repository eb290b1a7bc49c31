import CredentialsModule, * as $Credentials from '@alicloud/credentials';
import { cjsDefault } from '../../lib/interop.js';

const Credential = cjsDefault(CredentialsModule);

// Credentials the way the aliyun CLI and the SDKs find them (`@alicloud/credentials` DefaultCredentialsProvider):
// explicit keys, else a named profile (aliyun CLI's ~/.aliyun/config.json, then ~/.alibabacloud/credentials), else the
// sources of the default chain that the CLI found configured (src/cli/credential-sources.ts), in the chain's order
// (env → OIDC → CLI profile → ini → ECS RAM role → credentials URI). The chain is built from those sources only: the
// library's own default chain always asks the ECS metadata server and a credentials URI, so a machine with nothing
// configured would wait on the network and end with an unreadable error. The secret stays inside the credentials
// object; alb-fc only ever shows the masked AccessKey ID and the source.

/** A source of the default chain, with what it was configured with. */
export type ChainSource =
  | { kind: 'oidc' }
  | { kind: 'cli-profile' }
  | { kind: 'ini-profile' }
  | { kind: 'ecs-ram-role'; roleName: string }
  | { kind: 'credentials-uri'; uri: string };

export type CredentialChoice =
  | { kind: 'static'; accessKeyId: string; accessKeySecret: string; securityToken?: string; source: string }
  | { kind: 'profile'; profile: string }
  | { kind: 'chain'; sources: ChainSource[] };

export interface ResolvedCredential {
  /** Passed to the SDK clients as `Config.credential`. */
  credential: unknown;
  /** Where the credentials come from, before they are loaded: `env`, `profile "prod"`, `default chain`. */
  label: string;
  /** Loads the keys (once) and says where they came from, e.g. `default chain (default/cli_profile)`. */
  describe(): Promise<{ source: string; accessKeyId: string }>;
}

interface Provider {
  getCredentials(): Promise<unknown>;
  getProviderName(): string;
}

const SOURCE_PROVIDERS: { [K in ChainSource['kind']]: (source: Extract<ChainSource, { kind: K }>) => unknown } = {
  oidc: () => $Credentials.OIDCRoleArnCredentialsProvider.builder().build(),
  'cli-profile': () => $Credentials.CLIProfileCredentialsProvider.builder().build(),
  'ini-profile': () => $Credentials.ProfileCredentialsProvider.builder().build(),
  'ecs-ram-role': (source) =>
    $Credentials.ECSRAMRoleCredentialsProvider.builder().withRoleName(source.roleName).build(),
  'credentials-uri': (source) => $Credentials.URICredentialsProvider.builder().withCredentialsURI(source.uri).build(),
};

function providerOf(source: ChainSource): () => unknown {
  return () => (SOURCE_PROVIDERS[source.kind] as (s: ChainSource) => unknown)(source);
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
      credential = new Credential(
        null,
        new SourceChain(
          [
            () => $Credentials.CLIProfileCredentialsProvider.builder().withProfileName(choice.profile).build(),
            () => $Credentials.ProfileCredentialsProvider.builder().withProfileName(choice.profile).build(),
          ],
          'profile',
        ),
      );
      label = `profile "${choice.profile}"`;
      break;
    case 'chain':
      credential = new Credential(null, new SourceChain(choice.sources.map(providerOf), 'default'));
      label = 'default chain';
      break;
  }
  let described: Promise<{ source: string; accessKeyId: string }> | undefined;
  return {
    credential,
    label,
    describe() {
      described ??= credential.getCredential().then((model) => {
        const provider = model.providerName ? ` (${model.providerName})` : '';
        return {
          source: `${label}${choice.kind === 'chain' ? provider : ''}`,
          accessKeyId: mask(model.accessKeyId ?? ''),
        };
      });
      return described;
    },
  };
}

/** Providers tried in order; the first that yields keys is kept. Every failure is reported, as sentences. */
class SourceChain {
  private readonly providers: Provider[] = [];
  private used: Provider | undefined;

  constructor(
    builders: Array<() => unknown>,
    private readonly name: string,
  ) {
    for (const build of builders) {
      try {
        this.providers.push(build() as Provider);
      } catch {
        // A disabled or absent source (the library's builders refuse them): the others may still answer.
      }
    }
  }

  async getCredentials(): Promise<unknown> {
    if (this.used) return this.used.getCredentials();
    const errors: string[] = [];
    for (const provider of this.providers) {
      try {
        const found = await provider.getCredentials();
        this.used = provider;
        return found;
      } catch (error) {
        errors.push(asSentence((error as Error).message));
      }
    }
    throw new Error(errors.length > 0 ? errors.join(' ') : 'No credentials source is configured.');
  }

  getProviderName(): string {
    return this.used ? `${this.name}/${this.used.getProviderName()}` : this.name;
  }
}

/** `reading … failed.` → `Reading … failed.`: the library's messages, each one sentence. */
function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[.,;:]+$/, '');
  return trimmed === '' ? '' : `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

/** `abcdEFGHijklMNOP` → `abcd****MNOP`: enough to recognise a key, never enough to use it. */
export function mask(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return '****';
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}
