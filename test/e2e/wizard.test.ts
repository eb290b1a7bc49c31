// `alb-fc init` as a person runs it: the compiled CLI in a real pseudo-terminal, against a local cloud started in
// this process, answering the wizard's questions with keys. Also Ctrl-C, at a prompt and in the middle of a
// deploy. dist/ is built, when stale, by test/global-setup.ts.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, expect, it } from 'vitest';
import type { LocalCloud, LocalCloudOptions } from '../../src/emulator/index.js';
import { startTestCloud } from '../support/local-cloud.js';
import { tempDir } from '../support/temp-dir.js';
import { describePty, keys, ptyScope } from '../support/pty.js';
import type { PtySession } from '../support/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alb-fc.js');

interface Call {
  service: string;
  action: string;
  status: number;
}

// ── per-test resources, all released when the test ends ─────────────────────────────────────────────────────────

const ptys = ptyScope();
const children: ChildProcess[] = [];

afterEach(async () => {
  await ptys.dispose();
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** The local cloud a test's CLI talks to (closed when the test finishes, after its processes are gone). */
function cloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  return startTestCloud({ host: '127.0.0.1', ...options });
}

/**
 * A terminal user's environment, minus anything of this machine that could steer the CLI: no CI (it would
 * disable prompts), no credentials, profiles or ALB_FC_* values, an empty home (no ~/.aliyun).
 */
function userEnv(home: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { CI: undefined, NO_COLOR: '1', TERM: 'xterm-256color', HOME: home };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('ALIBABA_CLOUD_') || key.startsWith('ALB_FC_')) env[key] = undefined;
  }
  return env;
}

async function workspace(): Promise<{ cwd: string; env: Record<string, string | undefined> }> {
  const cwd = await tempDir('alb-fc-wizard-');
  const home = await tempDir('alb-fc-home-');
  return { cwd, env: userEnv(home) };
}

function cli(args: string[], ws: { cwd: string; env: Record<string, string | undefined> }): PtySession {
  return ptys.spawn(process.execPath, [bin, ...args], { cwd: ws.cwd, env: ws.env, cols: 160, rows: 50 });
}

/** The same CLI through pipes (not a terminal), as CI runs it. */
async function piped(
  args: string[],
  ws: { cwd: string; env: Record<string, string | undefined> },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...ws.env })) if (value !== undefined) env[key] = value;
  const child = spawn(process.execPath, [bin, ...args], { cwd: ws.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

async function calls(c: LocalCloud): Promise<Call[]> {
  const response = await fetch(`${c.endpoint}/_emulator/calls`);
  return ((await response.json()) as { calls: Call[] }).calls;
}

/** Every call that could have changed something in the cloud. */
async function changingCalls(c: LocalCloud): Promise<string[]> {
  return (await calls(c))
    .map((call) => call.action)
    .filter((action) => /^(Create|Add|Update|Delete|Remove)/.test(action));
}

interface CloudState {
  services: {
    alb: { listeners: Array<{ listenerId: string; loadBalancerId: string; port: number; status: string }> };
    fc: { functions: Array<{ name: string }> };
  };
}

async function cloudState(c: LocalCloud): Promise<CloudState> {
  return (await (await fetch(`${c.endpoint}/_emulator/state`)).json()) as CloudState;
}

/** A second internet-facing ALB, so the wizard's list has something to choose between. */
async function addLoadBalancer(c: LocalCloud, name: string): Promise<string> {
  const response = await fetch(`${c.endpoint}/_emulator/alb/load-balancers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, addressType: 'Internet' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { LoadBalancerId: string }).LoadBalancerId;
}

async function stateFile(
  cwd: string,
): Promise<{ steps: Record<string, { intent?: unknown; outputs?: { id?: string } }> }> {
  return JSON.parse(await readFile(join(cwd, '.alb-fc', 'default.state.json'), 'utf8')) as {
    steps: Record<string, { intent?: unknown; outputs?: { id?: string } }>;
  };
}

/** Answers the first function's questions: its name (default when empty) and the sample code. */
async function answerFunction(term: PtySession, functionName = ''): Promise<void> {
  await term.waitFor('Function name (--function-name)');
  term.answer(functionName);
  await term.waitFor('Function code');
  term.enter();
}

/** Answers the questions `init` asks before the plan (no other route), up to (not including) the domain. */
async function answerUpToDomain(term: PtySession, answers: { functionName?: string; port?: string }): Promise<void> {
  await answerFunction(term, answers.functionName);
  await term.waitFor('Add another route');
  term.enter();
  await term.waitFor('ALB instance (--alb-id)');
}

/** Takes the default of the questions after the routes: the ALB, the listener port, the domain. */
async function acceptTheRest(term: PtySession): Promise<void> {
  term.enter();
  await term.waitFor('Listener port');
  term.enter();
  await term.waitFor('Custom domain');
  term.enter();
}

// ── the wizard ─────────────────────────────────────────────────────────────────────────────────────────────

describePty('alb-fc init in a terminal', () => {
  it('asks, shows the plan, applies on yes: five steps, hello world, alb-fc.yaml and the CI command line', async () => {
    const c = await cloud();
    const second = await addLoadBalancer(c, 'second-alb');
    const ws = await workspace();
    const term = cli(['init', '--endpoint', c.endpoint], ws);

    await answerUpToDomain(term, { functionName: 'hello-e2e' });
    // The list shows every Active ALB; the second one is picked with the arrow key.
    await term.waitFor(second);
    term.down();
    term.enter();
    await term.waitFor(new RegExp(`✔ ALB instance \\(--alb-id\\) ${second}`));
    await term.waitFor('Listener port (HTTP) (--listener-port)');
    term.answer('8080');
    await term.waitFor('Custom domain');
    term.answer('wizard.example.com');

    await term.waitFor('Plan: 5 to create');
    await term.waitFor('Apply these 5 changes? (y/N)');
    expect(await changingCalls(c)).toEqual([]);
    term.answer('y');
    await term.waitFor('hello world', 30_000);
    expect((await term.exit).exitCode).toBe(0);

    const out = term.text();
    // The plan, in the procedure's order, before the question.
    const plan = ['1/5 FC function', '2/5 Server group', '3/5 Add backend', '4/5 Listener', '5/5 DNS CNAME'].map((l) =>
      out.indexOf(`+ create    ${l}`),
    );
    expect(plan.every((at) => at >= 0)).toBe(true);
    expect([...plan].sort((a, b) => a - b)).toEqual(plan);
    expect(plan[4]).toBeLessThan(out.indexOf('Apply these 5 changes?'));
    // Each step of the procedure under its own number, whatever order they ran in.
    expect(out).toMatch(/✔ 1\/5 FC function +created +hello-e2e/);
    expect(out).toMatch(/✔ 2\/5 Server group +created +sgp-/);
    expect(out).toMatch(/✔ 3\/5 Add backend +created +acs:fc:/);
    expect(out).toMatch(new RegExp(`✔ 4/5 Listener +created +lsn-\\w+ HTTP:8080`));
    expect(out).toMatch(/✔ 5\/5 DNS CNAME +created +wizard\.example\.com/);
    expect(out).toMatch(/✔ Connectivity test +HTTP 200 via DNS/);
    expect(out).toContain('✔ init succeeded in');
    expect(out).toMatch(/URL +http:\/\/wizard\.example\.com:8080\//);

    // What init leaves behind: alb-fc.yaml with the answers, and the same run as one command line.
    const config = parse(await readFile(join(ws.cwd, 'alb-fc.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      'function-name': 'hello-e2e',
      'alb-id': second,
      'listener-port': 8080,
      domain: 'wizard.example.com',
    });
    const line = /^ +(alb-fc deploy .*--yes)$/m.exec(out)?.[1];
    expect(line).toBeDefined();
    const args = (line ?? '').split(' ');
    expect(args.slice(0, 4)).toEqual(['alb-fc', 'deploy', '--endpoint', c.endpoint]);
    for (const pair of [
      ['--function-name', 'hello-e2e'],
      ['--alb-id', second],
      ['--listener-port', '8080'],
      ['--domain', 'wizard.example.com'],
    ]) {
      expect(args.join(' ')).toContain(pair.join(' '));
    }

    // The cloud holds what the summary says: the listener on the chosen ALB and port.
    const listeners = (await cloudState(c)).services.alb.listeners;
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({ loadBalancerId: second, port: 8080, status: 'Running' });

    // The printed command line reproduces the stack from CI: without a terminal, nothing to change.
    const again = await piped(args.slice(1), { ...ws, env: { ...ws.env } });
    expect(again.stderr + again.stdout).toContain('nothing to change');
    expect(again.code).toBe(0);
  });

  it('changes nothing when the confirmation is answered with the default (No)', async () => {
    const c = await cloud();
    const ws = await workspace();
    const term = cli(['init', '--endpoint', c.endpoint], ws);

    await answerUpToDomain(term, {});
    await acceptTheRest(term);
    await term.waitFor('Plan: 5 to create');
    await term.waitFor('Apply these 5 changes? (y/N)');
    term.enter();
    expect((await term.exit).exitCode).toBe(0);

    expect(term.text()).toContain('init: not applied, nothing was changed');
    // Before its first question, the wizard said whose account the answers are for.
    const out = term.text();
    const header = out.indexOf('account     1000****0001 (RAMUser)');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(out).toContain('region      cn-hangzhou');
    expect(out).toContain('credentials local cloud, AccessKey alb-****ocal');
    expect(header).toBeLessThan(out.indexOf('Function name (--function-name)'));
    expect(term.text()).not.toContain('nothing to change');
    expect(await changingCalls(c)).toEqual([]);
    const state = await cloudState(c);
    expect(state.services.fc.functions).toEqual([]);
    expect(state.services.alb.listeners).toEqual([]);
    expect(existsSync(join(ws.cwd, 'alb-fc.yaml'))).toBe(false);
  });

  it('exits 130 on Ctrl-C at a prompt, having changed nothing', async () => {
    const c = await cloud();
    const ws = await workspace();
    const term = cli(['init', '--endpoint', c.endpoint], ws);

    await answerUpToDomain(term, {});
    term.ctrlC();
    expect((await term.exit).exitCode).toBe(130);

    expect(term.text()).toMatch(/■ init interrupted\n +Nothing was changed\./);
    expect(term.text()).not.toContain('State is saved');
    expect(await changingCalls(c)).toEqual([]);
    expect(existsSync(join(ws.cwd, 'alb-fc.yaml'))).toBe(false);
    expect(existsSync(join(ws.cwd, '.alb-fc', 'default.state.json'))).toBe(false);
  });
});

describePty('alb-fc deploy interrupted in a terminal', () => {
  it('exits 130 on Ctrl-C while the listener provisions, with its state saved; the re-run completes', async () => {
    const c = await cloud({ latency: { baseMs: 0, actionMs: {}, transitionMs: { 'listener.create': 3000 } } });
    const ws = await workspace();
    const lb = c.info.loadBalancers[0]!.id;
    const args = ['deploy', '--endpoint', c.endpoint, '--alb-id', lb, '--domain', 'resume.example.com', '--yes'];

    const first = cli(args, ws);
    const live = await first.waitFor(/4\/5 Listener +lsn-\w+ +Provisioning/, 20_000);
    const listenerId = /lsn-\w+/.exec(live)?.[0] ?? '';
    first.ctrlC();
    expect((await first.exit).exitCode).toBe(130);

    const out = first.text();
    expect(out).toMatch(new RegExp(`■ 4/5 Listener +interrupted +${listenerId}`));
    expect(out).toContain('■ deploy interrupted');
    expect(out).toContain('State is saved: run the same command again to resume.');
    expect(out).not.toMatch(/hello world|deploy succeeded/);
    // The state names the listener whose creation was under way, so the next run can adopt it.
    const saved = await stateFile(ws.cwd);
    expect(saved.steps.listener?.intent).toBeDefined();
    expect(saved.steps.listener?.outputs?.id).toBe(listenerId);

    const second = cli(args, ws);
    await second.waitFor('hello world', 30_000);
    expect((await second.exit).exitCode).toBe(0);
    expect(second.text()).toMatch(/✔ 4\/5 Listener +\w+ +lsn-/);
    // Exactly once: the re-run finished the listener the first run started instead of creating another.
    const creates = (await calls(c)).filter((call) => call.action === 'CreateListener' && call.status === 200);
    expect(creates).toHaveLength(1);
    const listeners = (await cloudState(c)).services.alb.listeners;
    expect(listeners.map((l) => l.listenerId)).toEqual([listenerId]);
  });
});

describePty('alb-fc init offering routes', () => {
  it('adds routes after the first function: each asked for, written as routes: of alb-fc.yaml, deployed', async () => {
    const c = await cloud();
    const ws = await workspace();
    for (const name of ['users', 'orders']) {
      await mkdir(join(ws.cwd, name));
      await writeFile(
        join(ws.cwd, name, 'index.js'),
        `exports.handler = async () => ({ statusCode: 200, body: 'hello from ${name}' });\n`,
      );
    }
    const term = cli(['init', '--endpoint', c.endpoint], ws);

    await answerFunction(term);
    await term.waitFor('Add another route (a function of its own for a host or path)? (y/N)');
    term.answer('y');
    for (const [question, answer] of [
      ['Route name, for its function and server group (routes[0].name)', 'users'],
      ['Host it matches', 'api.example.com'],
      ['Path it matches', '/users/*'],
      ['Its code', 'users'],
    ] as const) {
      await term.waitFor(question);
      term.answer(answer);
    }
    await term.waitFor('Add another route');
    term.answer('y');
    await term.waitFor('(routes[1].name)');
    // A name already taken, and a match that names nothing, are refused where they are typed.
    term.answer('users');
    await term.waitFor('a route is already named users');
    term.write(`${keys.backspace.repeat(5)}orders`);
    term.enter();
    await term.waitFor('Host it matches');
    term.enter();
    await term.waitFor('Path it matches');
    term.enter();
    await term.waitFor('give a host or a path');
    term.answer('/orders/*');
    await term.waitFor('Its code');
    term.answer('./orders');
    await term.waitFor('Add another route');
    term.enter();
    await term.waitFor('ALB instance (--alb-id)');
    await acceptTheRest(term);

    // Three functions, their groups and memberships (9), the listener, two rules, two CNAMEs.
    await term.waitFor('Apply these 14 changes? (y/N)');
    expect(await changingCalls(c)).toEqual([]);
    term.answer('y');
    await term.waitFor('init succeeded', 30_000);
    expect((await term.exit).exitCode).toBe(0);

    const out = term.text();
    expect(out).toMatch(/Connectivity test .*users: HTTP 200.*orders: HTTP 200/);
    // The summary draws the stack: the rules in the order they were given, the first function as the default.
    expect(out).toMatch(/hello\.example\.com, api\.example\.com -> ALB alb-\w+ +created\n/);
    expect(out).toMatch(/\|- users +host api\.example\.com +path \/users\/\* +priority 10 +created/);
    expect(out).toMatch(/\|- orders +path \/orders\/\* +priority 20 +created/);
    expect(out).toMatch(/`- default action\n +`- sgp-\w+ -> alb-fc-default +created/);

    // alb-fc.yaml: the routes as a person writes them, the first function last (it takes what no rule matches).
    const config = parse(await readFile(join(ws.cwd, 'alb-fc.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config['routes']).toEqual([
      { name: 'users', host: 'api.example.com', path: '/users/*', code: './users' },
      { name: 'orders', path: '/orders/*', code: './orders' },
      { name: 'default', 'function-name': 'alb-fc-default', 'server-group-name': 'alb-fc-default' },
    ]);
    expect(config).toMatchObject({ domain: 'hello.example.com', 'listener-port': 80 });
    expect(config['function-name']).toBeUndefined();
    // Routes have no flags: the command line for CI names the file.
    const line = /^ +(alb-fc deploy .*--yes)$/m.exec(out)?.[1] ?? '';
    expect(line).toBe(`alb-fc deploy --endpoint ${c.endpoint} --region cn-hangzhou --config alb-fc.yaml --yes`);
    const again = await piped(line.split(' ').slice(1), ws);
    expect(again.stderr + again.stdout).toContain('nothing to change');
    expect(again.code).toBe(0);
    const functions = (await cloudState(c)).services.fc.functions.map((f) => f.name).sort();
    expect(functions).toEqual(['alb-fc-default', 'default-orders', 'default-users']);
  });

  it('asks nothing more when the answer is the default (No): the single function, as before', async () => {
    const c = await cloud();
    const ws = await workspace();
    const term = cli(['init', '--endpoint', c.endpoint], ws);
    await answerUpToDomain(term, {});
    await acceptTheRest(term);
    await term.waitFor('Apply these 5 changes? (y/N)');
    term.answer('y');
    await term.waitFor('init succeeded', 30_000);
    expect((await term.exit).exitCode).toBe(0);
    const config = parse(await readFile(join(ws.cwd, 'alb-fc.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config['routes']).toBeUndefined();
    expect(term.text()).toMatch(/Function +alb-fc-default/);
  });
});
