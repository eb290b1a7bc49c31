import { describe, expect, it } from 'vitest';
import { chooseCredentials } from '../../src/cli/credential-sources.js';
import { AlbFcError, ExitCode } from '../../src/errors.js';
import type { ReadyInfo } from '../../src/local-cloud-contract.js';

// Which credentials a command uses, decided from the environment and the files alone (no network): the default
// chain's sources in its order, the network-only ones only when their variable names them.

const home = '/home/u';

function choose(env: Record<string, string>, files: string[] = [], profile?: string, local?: ReadyInfo) {
  return chooseCredentials(profile, { env, home, exists: (path) => files.includes(path) }, local);
}

function refusal(run: () => unknown): AlbFcError {
  try {
    run();
  } catch (error) {
    if (error instanceof AlbFcError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const local = { accessKeyId: 'alb-fc-local', accessKeySecret: 'alb-fc-local-secret' } as ReadyInfo;

describe('chooseCredentials', () => {
  it('with nothing configured: exit 2 naming the variables, the files and `aliyun configure`', () => {
    const error = refusal(() => choose({}));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.code).toBe('MISSING_CREDENTIALS');
    for (const name of [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_PROFILE',
      '--profile',
      '~/.aliyun/config.json',
      '~/.alibabacloud/credentials',
    ]) {
      expect(error.message).toContain(name);
    }
    expect(error.hint).toContain('aliyun configure');
    expect(error.hint).toContain('--local');
  });

  it('half a key pair is refused, naming the half that is missing', () => {
    const error = refusal(() => choose({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-key-id' }));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not');
  });

  it('keys in the environment win, with their token', () => {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-key-id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'tok',
    };
    expect(choose(env, [], undefined, local)).toEqual({
      kind: 'static',
      accessKeyId: 'test-key-id',
      accessKeySecret: 'secret',
      securityToken: 'tok',
      source: 'env',
    });
  });

  it('a local cloud without keys uses its fixed key; a profile overrides it', () => {
    expect(choose({}, [], undefined, local)).toMatchObject({ kind: 'static', source: 'local cloud' });
    expect(choose({}, [`${home}/.aliyun/config.json`], 'dev', local)).toEqual({ kind: 'profile', profile: 'dev' });
  });

  it('a named profile needs one of the two files', () => {
    expect(choose({}, [`${home}/.alibabacloud/credentials`], 'prod')).toEqual({ kind: 'profile', profile: 'prod' });
    const error = refusal(() => choose({}, [], 'prod'));
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toContain('the profile "prod" cannot be found');
  });

  it('the chain holds only the sources configured, in the default chain order', () => {
    const env = {
      ALIBABA_CLOUD_CREDENTIALS_URI: 'http://127.0.0.1:9/creds',
      ALIBABA_CLOUD_ECS_METADATA: 'my-role',
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/r',
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/p',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/token',
    };
    const files = [`${home}/.aliyun/config.json`, `${home}/.alibabacloud/credentials`];
    expect(choose(env, files)).toEqual({
      kind: 'chain',
      sources: [
        { kind: 'oidc' },
        { kind: 'cli-profile' },
        { kind: 'ini-profile' },
        { kind: 'ecs-ram-role', roleName: 'my-role' },
        { kind: 'credentials-uri', uri: 'http://127.0.0.1:9/creds' },
      ],
    });
  });

  it('honours the switches of @alicloud/credentials and ALIBABA_CLOUD_CREDENTIALS_FILE', () => {
    const files = [`${home}/.aliyun/config.json`, '/etc/creds.ini'];
    const env = {
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
      ALIBABA_CLOUD_ECS_METADATA: 'role',
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'TRUE',
      ALIBABA_CLOUD_CREDENTIALS_FILE: '/etc/creds.ini',
    };
    expect(choose(env, files)).toEqual({ kind: 'chain', sources: [{ kind: 'ini-profile' }] });
    // An incomplete OIDC setup is not a source, and without anything else nothing is configured.
    expect(() => choose({ ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/r' })).toThrow(/no Alibaba Cloud credentials/);
  });
});
