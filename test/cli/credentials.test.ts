import { describe, expect, it } from 'vitest';
import { defaultAccounts } from '../../src/emulator/auth/accounts.js';
import { startTestCloud } from '../support/local-cloud.js';
import { tempDir } from '../support/temp-dir.js';
import { cli, useWorkspace, writeCalls } from './harness.js';

// Credentials, as a new user meets them (issue 8): none at all is said at once, before any network call, with
// what alb-fc looked for (exit 2); keys the cloud rejects are said to be rejected, with the cloud's code (exit 3),
// and nothing is written.

const ws = useWorkspace();

describe('no credentials anywhere', () => {
  it('deploy exits 2 naming the variables, the profile files and `aliyun configure`, and calls nothing', async () => {
    const cwd = await tempDir('alb-fc-nocreds-');
    // No --endpoint, no --local: Alibaba Cloud itself. --verbose would show any API call that was made.
    const result = await cli(
      ['deploy', '--alb-id', 'alb-abc123', '--domain', 'api.example.com', '--yes', '--verbose'],
      {
        cwd,
        env: { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' },
      },
    );
    expect(result.code).toBe(2);
    for (const text of [
      'no Alibaba Cloud credentials found',
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_PROFILE',
      '~/.aliyun/config.json',
      '~/.alibabacloud/credentials',
      'aliyun configure',
    ]) {
      expect(result.stderr).toContain(text);
    }
    expect(result.stderr).not.toMatch(/GetLoadBalancerAttribute|NetworkError|retrying|undefined/);
  });

  it('with --json the one document carries MISSING_CREDENTIALS; without a region it is still the credentials', async () => {
    const cwd = await tempDir('alb-fc-nocreds-');
    const result = await cli(['plan', '--json', '--alb-id', 'alb-abc123', '--skip-dns'], { cwd });
    expect(result.code).toBe(2);
    const doc = result.json<{ status: string; error: { code: string; hint: string } }>();
    expect(doc.status).toBe('failed');
    expect(doc.error.code).toBe('MISSING_CREDENTIALS');
    expect(doc.error.hint).toContain('aliyun configure');
  });

  it('half a key pair names the missing half', async () => {
    const result = await cli(['whoami'], { cwd: ws.cwd, env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-key-id-only' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not');
  });
});

describe('credentials the cloud rejects', () => {
  it('an unknown AccessKey ID exits 3 saying so with InvalidAccessKeyId.NotFound, and writes nothing', async () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-unknown-key-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'whatever' };
    const args = ['deploy', '--endpoint', ws.cloud.endpoint, '--alb-id', ws.cloud.info.loadBalancers[0]!.id, '--yes'];
    const result = await cli([...args, '--domain', 'api.example.com'], { cwd: ws.cwd, env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Alibaba Cloud rejected the credentials (InvalidAccessKeyId.NotFound)');
    expect(result.stderr).toContain('the AccessKey ID does not exist');
    expect(result.stderr).toContain('alb-fc whoami');
    expect(writeCalls(ws.cloud)).toEqual([]);
  });

  it('an expired STS token exits 3 with InvalidSecurityToken.Expired, and writes nothing', async () => {
    const accounts = defaultAccounts();
    accounts[0]!.keys.push({
      accessKeyId: 'STS.Expired000001',
      accessKeySecret: 'sts-secret',
      securityToken: 'sts-token-expired',
      expiresAt: 1,
    });
    const cloud = await startTestCloud({ accounts });
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.Expired000001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sts-secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'sts-token-expired',
    };
    const args = ['deploy', '--endpoint', cloud.endpoint, '--alb-id', cloud.info.loadBalancers[0]!.id, '--yes'];
    const result = await cli([...args, '--domain', 'api.example.com', '--json'], { cwd: ws.cwd, env });
    expect(result.code).toBe(3);
    const doc = result.json<{ error: { code: string; cloudCode: string; message: string } }>();
    expect(doc.error).toMatchObject({ code: 'CREDENTIALS_REJECTED', cloudCode: 'InvalidSecurityToken.Expired' });
    expect(doc.error.message).toContain('the STS security token has expired');
    expect(result.stdout + result.stderr).not.toContain('sts-token-expired');
    expect(writeCalls(cloud)).toEqual([]);
  });
});

describe('whoami', () => {
  it('names the account (masked), region, profile, credential source and endpoint, in text and JSON', async () => {
    const text = await cli(['whoami', '--endpoint', ws.cloud.endpoint], { cwd: ws.cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('account     1000****0001 (RAMUser)');
    expect(text.stdout).toContain('region      cn-hangzhou');
    expect(text.stdout).toContain('credentials local cloud, AccessKey alb-****ocal');
    expect(text.stdout).toContain(`endpoint    ${ws.cloud.endpoint} (local cloud)`);
    const json = await cli(['whoami', '--endpoint', ws.cloud.endpoint, '--json'], { cwd: ws.cwd });
    expect(json.json()).toMatchObject({
      command: 'whoami',
      account: '1000****0001',
      region: 'cn-hangzhou',
      credentialSource: 'local cloud',
      localCloud: true,
    });
  });
});
