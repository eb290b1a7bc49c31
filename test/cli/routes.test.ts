// `routes:` in alb-fc.yaml through the CLI in-process: the issue's file deploys every route; a bad file is refused
// as a whole (exit 2), every problem named by route and key, before any API call.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, inventory, useWorkspace } from './harness.js';

const ws = useWorkspace();

async function codeFolder(name: string): Promise<void> {
  await mkdir(join(ws.cwd, name), { recursive: true });
  await writeFile(
    join(ws.cwd, name, 'index.js'),
    `exports.handler = async () => ({ statusCode: 200, body: 'hello from ${name}' });\n`,
  );
}

const ISSUE_FILE = `listener-port: 80
routes:
  - name: users
    host: api.example.com
    path: /users/*
    code: ./users
  - name: orders
    host: orders.example.com
    code: ./orders
  - name: web
    code: ./web
`;

describe('routes in alb-fc.yaml', () => {
  it('deploys the issue example: every route tested through its host and path; a second run changes nothing', async () => {
    for (const name of ['users', 'orders', 'web']) await codeFolder(name);
    await writeFile(join(ws.cwd, 'alb-fc.yaml'), ISSUE_FILE);
    const albId = ws.cloud.info.loadBalancers[0]!.id;
    const run = await cli(
      ['deploy', '--endpoint', ws.cloud.endpoint, '--alb-id', albId, '--domain', 'www.example.com', '--yes', '--json'],
      {
        cwd: ws.cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json<{ resources: { routes: Record<string, unknown> } }>();
    expect(Object.keys(doc.resources.routes).sort()).toEqual(['orders', 'users', 'web']);
    const again = await cli(
      ['deploy', '--endpoint', ws.cloud.endpoint, '--alb-id', albId, '--domain', 'www.example.com', '--yes', '--json'],
      {
        cwd: ws.cwd,
      },
    );
    expect(again.json<{ status: string }>().status).toBe('no_changes');
  });

  it('gives the policy of every route: each function by name, the zone of each host', async () => {
    for (const name of ['users', 'orders', 'web']) await codeFolder(name);
    await writeFile(join(ws.cwd, 'alb-fc.yaml'), ISSUE_FILE);
    const albId = ws.cloud.info.loadBalancers[0]!.id;
    const run = await cli(
      ['policy', '--endpoint', ws.cloud.endpoint, '--alb-id', albId, '--domain', 'www.example.com', '--json'],
      { cwd: ws.cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    const rows = run.json<{ actions: Array<{ action: string; resources: string[] }> }>().actions;
    const resourcesOf = (action: string) => rows.find((r) => r.action === action)?.resources ?? [];
    expect(resourcesOf('fc:DeleteFunction').map((arn) => arn.split('/').pop())).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/users/),
        expect.stringMatching(/orders/),
        expect.stringMatching(/web/),
      ]),
    );
    expect(resourcesOf('fc:DeleteFunction')).toHaveLength(3);
    expect(resourcesOf('alidns:AddDomainRecord')).toEqual([expect.stringMatching(/:domain\/example\.com$/)]);
    expect(resourcesOf('alb:CreateRule').length).toBeGreaterThan(0);
  });

  it("makes one route's resource with a step command and --route, and names the routes for an unknown one", async () => {
    for (const name of ['users', 'orders', 'web']) await codeFolder(name);
    await writeFile(join(ws.cwd, 'alb-fc.yaml'), ISSUE_FILE);
    const albId = ws.cloud.info.loadBalancers[0]!.id;
    const flags = ['--endpoint', ws.cloud.endpoint, '--alb-id', albId, '--domain', 'www.example.com', '--yes'];
    const made = await cli(['function', 'create', '--route', 'orders', ...flags, '--json'], { cwd: ws.cwd });
    expect(made.code, made.stderr).toBe(0);
    const creates = ws.cloud.calls.list().filter((call) => call.action === 'CreateFunction');
    expect(creates).toHaveLength(1);
    expect((await inventory(ws.cloud)).functions).toBe(1);
    const unknown = await cli(['function', 'create', '--route', 'payments', ...flags], { cwd: ws.cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--route payments: the stack has no such route');
    expect(unknown.stderr).toContain('Routes: users, orders, web.');
  });

  it('refuses a bad file as a whole, naming each route and key, before any API call', async () => {
    await codeFolder('web');
    await writeFile(
      join(ws.cwd, 'alb-fc.yaml'),
      `code: ${join(ws.cwd, 'web')}
routes:
  - name: Users
    host: api..example.com
    path: users
  - name: web
  - name: web2
  - name: c
    path: /c/*
    canary:
      weight: 120
    colour: blue
`,
    );
    const calls = ws.cloud.calls.list().length;
    const run = await cli(['deploy', '--endpoint', ws.cloud.endpoint, '--yes'], { cwd: ws.cwd });
    expect(run.code).toBe(2);
    for (const problem of [
      'code names one function, but the file has routes',
      'routes[0] (Users).name must be 1-32 lower-case letters',
      'routes[0] (Users).host "api..example.com"',
      'routes[0] (Users).path "users" must start with "/"',
      'only one route can be the default',
      'routes[3] (c).canary.weight 120',
      'routes[3]: unknown key "colour"',
    ]) {
      expect(run.stderr).toContain(problem);
    }
    expect(ws.cloud.calls.list().length).toBe(calls);
  });
});
