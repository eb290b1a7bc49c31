import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, inventory, useWorkspace } from './harness.js';

// Bad input gets a clear error that names the flag or value, exits with its code (README.md, "Exit codes") and changes
// nothing; a refused call exits 3 with the cloud's code; no secret ever reaches output or state.

const ws = useWorkspace();

const empty = { functions: 0, serverGroups: 0, listeners: 0, records: 0 };

describe('refusals', () => {
  it('a wrong secret exits 3 naming the signature problem, changes nothing, and is written nowhere', async () => {
    // A stack deployed first (with the local cloud's own key), so there is a state file the run could touch.
    const endpoint = ['--endpoint', ws.cloud.endpoint, '--alb-id', ws.cloud.info.loadBalancers[0]!.id];
    const target = [...endpoint, '--domain', 'hello.example.com'];
    expect((await cli(['deploy', ...target, '--yes'], { cwd: ws.cwd })).code).toBe(0);
    const before = await inventory(ws.cloud);
    const secret = 'definitely-not-the-secret-9f3a';
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: ws.cloud.info.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret };
    const result = await cli(['deploy', ...target, '--yes', '--verbose'], { cwd: ws.cwd, env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('SignatureDoesNotMatch');
    expect(result.stderr).toContain('the AccessKey secret does not match the AccessKey ID');
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(await inventory(ws.cloud)).toEqual(before);

    const json = await cli(['deploy', ...target, '--yes', '--json'], { cwd: ws.cwd, env });
    const doc = json.json<{ status: string; error: { cloudCode: string; requestId: string } }>();
    expect(doc.status).toBe('failed');
    expect(doc.error.cloudCode).toBe('SignatureDoesNotMatch');
    expect(doc.error.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(json.stdout + json.stderr).not.toContain(secret);
    const files = await filesUnder(ws.cwd);
    expect(files.some((file) => file.endsWith('default.state.json'))).toBe(true);
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain(secret);
  });

  it('an out-of-range value exits 2 naming the flag, before any API call', async () => {
    const calls = ws.cloud.calls.list().length;
    const result = await cli(['deploy', '--local', '--yes', '--listener-port', '70000'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--listener-port');
    expect(result.stderr).toContain('between 1 and 65535');
    expect(ws.cloud.calls.list().length).toBe(calls);
  });

  it('reports every bad value at once, from flags, env and alb-fc.yaml', async () => {
    await writeFile(join(ws.cwd, 'alb-fc.yaml'), 'domain: not a domain\nunknown-key: 1\n');
    const result = await cli(['deploy', '--local', '--yes', '--memory', '100'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
      env: { ALB_FC_TTL: 'soon' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown key "unknown-key"');
    expect(result.stderr).toContain('domain');
    expect(result.stderr).toContain('ALB_FC_TTL');
    expect(result.stderr).toContain('--memory');
    expect(await inventory(ws.cloud)).toEqual(empty);
  });

  it('non-interactive without --yes refuses to apply (exit 2) and changes nothing', async () => {
    const result = await cli(['deploy', '--local'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(await inventory(ws.cloud)).toEqual(empty);
  });

  it('a missing value in non-interactive mode names its flag and env var', async () => {
    // An endpoint that is not a local cloud: the ALB and the domain have no defaults there.
    const server: Server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await cli(['deploy', '--endpoint', endpoint, '--region', 'cn-hangzhou', '--yes'], {
        cwd: ws.cwd,
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-value-1234' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--alb-id');
      expect(result.stderr).toContain('ALB_FC_ALB_ID');
      // The list could not be read there: the missing value is still what is reported.
      expect(result.stderr).toContain('could not be listed');
    } finally {
      server.close();
    }
  });

  it('flags beat env, env beats alb-fc.yaml', async () => {
    await writeFile(
      join(ws.cwd, 'alb-fc.yaml'),
      'listener-port: 8081\nfunction-name: from-yaml\ndomain: yaml.example.com\n',
    );
    const result = await cli(['plan', '--local', '--json', '--listener-port', '8083'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
      env: { ALB_FC_LISTENER_PORT: '8082', ALB_FC_FUNCTION_NAME: 'from-env' },
    });
    expect(result.code).toBe(0);
    const details = result
      .json<{ plan: { changes: Array<{ resource: string; detail: string }> } }>()
      .plan.changes.map((c) => c.detail)
      .join('\n');
    expect(details).toContain('8083');
    expect(details).toContain('from-env');
    expect(details).toContain('yaml.example.com');
  });

  it('plan --detailed-exitcode: 2 with changes pending, 0 once deployed', async () => {
    const before = await cli(['plan', '--local', '--detailed-exitcode'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(before.code).toBe(2);
    expect(await inventory(ws.cloud)).toEqual(empty);
    await cli(['deploy', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    const after = await cli(['plan', '--local', '--detailed-exitcode'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(after.code).toBe(0);
  });

  it('destroy without --yes in non-interactive mode refuses, then removes everything with --yes', async () => {
    await cli(['deploy', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    const refused = await cli(['destroy', '--local'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(refused.code).toBe(2);
    expect(await inventory(ws.cloud)).toEqual({ functions: 1, serverGroups: 1, listeners: 1, records: 1 });
    const done = await cli(['destroy', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(done.code).toBe(0);
    expect(await inventory(ws.cloud)).toEqual(empty);
    const again = await cli(['destroy', '--local', '--yes', '--json'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(again.code).toBe(0);
  });

  it('an unknown flag is a usage error (exit 2) with a suggestion', async () => {
    const result = await cli(['deploy', '--listner-port', '80'], { cwd: ws.cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--listener-port');
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
