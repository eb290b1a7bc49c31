import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, inventory, useWorkspace } from './harness.js';

// Issue 2: `init --local --yes` runs the five steps through the official SDKs against the local cloud and
// answers "hello world"; running it again changes nothing; the printed curl command reaches the function.

const ws = useWorkspace();

describe('alb-fc init --local --yes', () => {
  it('runs the five steps, answers hello world, and prints a curl command that reaches the function', async () => {
    const first = await cli(['init', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('hello world');
    for (const step of ['Function', 'Server group', 'Backend', 'Listener', 'DNS CNAME']) {
      expect(first.stdout).toContain(step);
    }
    expect(await inventory(ws.cloud)).toEqual({ functions: 1, serverGroups: 1, listeners: 1, records: 1 });

    const curl = /curl .*--connect-to ([\w.-]+):(\d+):([\d.]+):(\d+) (http:\/\/\S+)/.exec(first.stdout);
    expect(curl, first.stdout).not.toBeNull();
    const [, host, , address, port] = curl!;
    const body = await new Promise<string>((resolve, reject) => {
      request(
        { host: address, port: Number(port), path: '/', headers: { host, date: new Date().toUTCString() } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(body).toBe('hello world');

    const config = await readFile(join(ws.cwd, 'alb-fc.yaml'), 'utf8');
    expect(config).toContain(`alb-id: ${ws.cloud.info.loadBalancers[0]!.id}`);
    expect(config).toContain('domain: hello.example.com');
    expect(first.stdout).toContain(`alb-fc deploy --local --alb-id ${ws.cloud.info.loadBalancers[0]!.id}`);
  });

  it('changes nothing the second time and says so', async () => {
    await cli(['init', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    const callsBefore = ws.cloud.calls.list().length;
    const second = await cli(['init', '--local', '--yes', '--json'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(second.code).toBe(0);
    const doc = second.json<{
      status: string;
      test: { body: string };
      resources: Record<string, { action: string }>;
    }>();
    expect(doc.status).toBe('no_changes');
    expect(doc.test.body).toBe('hello world');
    expect(Object.values(doc.resources).map((r) => r.action)).toEqual(Array(5).fill('unchanged'));
    const writes = ws.cloud.calls
      .list()
      .slice(callsBefore)
      .filter((call) => !/^(Get|List|Describe)/.test(call.action));
    expect(writes).toEqual([]);
    expect(await inventory(ws.cloud)).toEqual({ functions: 1, serverGroups: 1, listeners: 1, records: 1 });
  });

  it('--json writes exactly one document on stdout and the contract fields', async () => {
    const result = await cli(['init', '--local', '--yes', '--json'], { cwd: ws.cwd, cloud: ws.cloud });
    const doc = result.json<Record<string, unknown>>();
    expect(doc).toMatchObject({
      schemaVersion: 1,
      command: 'init',
      status: 'succeeded',
      stack: 'default',
      region: 'cn-hangzhou',
      test: { url: 'http://hello.example.com/', via: 'dns', status: 200, body: 'hello world' },
    });
    const resources = doc.resources as Record<string, Record<string, unknown>>;
    expect(resources.function).toMatchObject({ name: 'alb-fc-default', action: 'created' });
    expect(resources.serverGroup!.id).toMatch(/^sgp-/);
    expect(resources.listener).toMatchObject({ port: 80, action: 'created' });
    expect(resources.dnsRecord).toMatchObject({ domain: 'hello.example.com', action: 'created' });
    expect(typeof resources.dnsRecord!.recordId).toBe('string');
  });
});
