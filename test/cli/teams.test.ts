import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/emulator/index.js';
import { HeldClock } from '../support/fake-clock.js';
import { ossClient } from '../support/oss-client.js';
import { tempDir } from '../support/temp-dir.js';
import { cli, inventory, useWorkspace } from './harness.js';

// Issue 11, "Done when", tried as a new user would: two working copies (each its own directory and HOME) share one
// stack through `--state oss://alb-fc-state/team` on the local cloud. The second reports no changes; while one
// runs, the other exits 7 naming it; `alb-fc policy` lists the actions; either copy can destroy the stack. Then
// the state commands: unlock, pull, push.

const TEAM = ['--state', 'oss://alb-fc-state/team'];

async function objectsOf(cloud: LocalCloud): Promise<string[]> {
  const state = (await (await fetch(`${cloud.endpoint}/_emulator/state`)).json()) as {
    services: { oss: { buckets: Array<{ name: string; objects: Array<{ key: string }> }> } };
  };
  return state.services.oss.buckets.find((b) => b.name === 'alb-fc-state')!.objects.map((o) => o.key);
}

function copyOf(cloud: LocalCloud) {
  return async (dir: string, argv: string[], env: Record<string, string> = {}) =>
    cli([...argv, '--local', '--json'], { cwd: dir, cloud, env });
}

describe('two working copies sharing a stack on OSS', () => {
  const ws = useWorkspace();

  it('deploy once, no changes from the other copy, the policy, destroy from the other copy', async () => {
    const run = copyOf(ws.cloud);
    const laptop = ws.cwd;
    const ci = await tempDir('alb-fc-ci-');

    const first = await run(laptop, ['deploy', ...TEAM, '--yes']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ status: 'succeeded' });
    expect(existsSync(join(laptop, '.alb-fc', 'default.state.json')), 'no local state file').toBe(false);
    expect(await objectsOf(ws.cloud)).toEqual(['team/default.state.json']);

    const second = await run(ci, ['deploy', ...TEAM, '--yes']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json()).toMatchObject({ status: 'no_changes' });

    const policy = await run(ci, ['policy', ...TEAM]);
    expect(policy.code, policy.stderr).toBe(0);
    const actions = policy
      .json<{ policy: { Statement: Array<{ Action: string[] }> } }>()
      .policy.Statement.flatMap((statement) => statement.Action);
    expect(actions).toEqual(
      expect.arrayContaining(['alb:CreateServerGroup', 'fc:CreateFunction', 'alidns:AddDomainRecord', 'oss:PutObject']),
    );
    expect(actions).not.toContain('*');

    const destroyed = await run(ci, ['destroy', ...TEAM, '--yes']);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(await inventory(ws.cloud)).toEqual({ functions: 0, serverGroups: 0, listeners: 0, records: 0 });
    expect(await objectsOf(ws.cloud)).toEqual([]);
  });

  it('reads --state from ALB_FC_STATE and from `state:` in alb-fc.yaml, and refuses a bad one naming where it came from', async () => {
    const run = copyOf(ws.cloud);
    expect((await run(ws.cwd, ['deploy', ...TEAM, '--yes'])).code).toBe(0);
    const fromEnv = await run(ws.cwd, ['status'], { ALB_FC_STATE: 'oss://alb-fc-state/team' });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    const present = (doc: { resourceStatus?: Array<{ state: string }> }) =>
      (doc.resourceStatus ?? []).filter((entry) => entry.state === 'present').length;
    expect(present(fromEnv.json()), 'the shared state, read').toBe(6);
    expect(present((await run(ws.cwd, ['status'])).json()), 'no local state here').toBeLessThan(6);
    const other = await tempDir('alb-fc-yaml-');
    await writeFile(join(other, 'alb-fc.yaml'), 'state: oss://alb-fc-state/team\n');
    const fromYaml = await run(other, ['plan']);
    expect(fromYaml.code, fromYaml.stderr).toBe(0);
    expect(fromYaml.json()).toMatchObject({ status: 'no_changes' });
    const bad = await run(ws.cwd, ['status'], { ALB_FC_STATE: 's3://bucket/team' });
    expect(bad.code).toBe(2);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('ALB_FC_STATE');
  });
});

describe('alb-fc init --state', () => {
  const ws = useWorkspace();

  it('writes the location to alb-fc.yaml and the equivalent command line, so the next machine finds the state', async () => {
    const init = await cli(['init', '--local', '--yes', ...TEAM], { cwd: ws.cwd, cloud: ws.cloud });
    expect(init.code, init.stderr).toBe(0);
    expect(await readFile(join(ws.cwd, 'alb-fc.yaml'), 'utf8')).toContain('state: oss://alb-fc-state/team');
    expect(init.stdout).toMatch(/alb-fc deploy --local .*--state oss:\/\/alb-fc-state\/team/);
  });
});

describe('a second run while the first holds the shared lock', () => {
  const held = new HeldClock();
  const ws = useWorkspace({ clock: held });

  it('exits 7 naming the first, which then finishes undisturbed', async () => {
    const run = copyOf(ws.cloud);
    const ci = await tempDir('alb-fc-ci-');
    // The first run stops at its lookup of the load balancer (the lock is taken by then) until released.
    ws.cloud.faults.add({ service: 'alb', action: 'GetLoadBalancerAttribute', delayMs: 1, count: 1 });
    const first = run(ws.cwd, ['deploy', ...TEAM, '--yes']);
    await held.whenHeld(1);
    const second = await run(ci, ['deploy', ...TEAM, '--yes']);
    expect(second.code).toBe(7);
    const error = second.json<{ error: { code: string; message: string; hint: string } }>().error;
    expect(error.code).toBe('STATE_LOCKED');
    expect(error.message).toMatch(/stack default is locked by alb-fc deploy \(pid \d+ on \S+@\S+, started /);
    expect(error.hint).toContain('alb-fc state unlock --force');
    held.release();
    const done = await first;
    expect(done.code, done.stderr).toBe(0);
    expect(await inventory(ws.cloud)).toEqual({ functions: 1, serverGroups: 1, listeners: 1, records: 1 });
  });
});

describe('alb-fc state', () => {
  const ws = useWorkspace();

  it('unlock: asks for --force without a terminal, then removes the lock whoever holds it', async () => {
    const run = copyOf(ws.cloud);
    const oss = ossClient({
      endpoint: ws.cloud.endpoint,
      accessKeyId: ws.cloud.info.accessKeyId,
      accessKeySecret: ws.cloud.info.accessKeySecret,
    });
    const holder = { id: 'x', command: 'deploy', user: 'dan', hostname: 'crashed-runner', pid: 7, startedAt: 'then' };
    await oss.put(
      'team/default.lock',
      Buffer.from(JSON.stringify({ ...holder, refreshedAt: 'then', ttlSeconds: 600 })),
    );

    const locked = await run(ws.cwd, ['deploy', ...TEAM, '--yes']);
    expect(locked.code).toBe(7);
    const refused = await run(ws.cwd, ['state', 'unlock', ...TEAM]);
    expect(refused.code).toBe(2);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('CONFIRMATION_REQUIRED');
    const removed = await run(ws.cwd, ['state', 'unlock', ...TEAM, '--force']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.json()).toMatchObject({
      status: 'succeeded',
      lock: 'oss://alb-fc-state/team/default.lock',
      holder: expect.stringContaining('pid 7 on dan@crashed-runner'),
    });
    expect(await objectsOf(ws.cloud)).toEqual([]);
    expect((await run(ws.cwd, ['state', 'unlock', ...TEAM, '--force'])).json()).toMatchObject({
      status: 'no_changes',
    });
  });

  it('pull and push copy the state between OSS and .alb-fc/, never over a newer one without --force', async () => {
    const run = copyOf(ws.cloud);
    const laptop = ws.cwd;
    const ci = await tempDir('alb-fc-ci-');
    expect((await run(ci, ['deploy', ...TEAM, '--yes'])).code).toBe(0);

    const pulled = await run(laptop, ['state', 'pull', ...TEAM]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.json()).toMatchObject({ status: 'succeeded', to: join(laptop, '.alb-fc', 'default.state.json') });
    expect((await run(laptop, ['state', 'push', ...TEAM])).json()).toMatchObject({ status: 'no_changes' });

    // The laptop changes the stack on its own copy of the state: its copy is now the newer one.
    expect((await run(laptop, ['deploy', '--memory', '256', '--yes'])).code).toBe(0);
    const pulledOver = await run(laptop, ['state', 'pull', ...TEAM]);
    expect(pulledOver.code).toBe(4);
    expect(pulledOver.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'STATE_CONFLICT',
      message: expect.stringContaining('the target is newer'),
    });
    const pushed = await run(laptop, ['state', 'push', ...TEAM]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.json()).toMatchObject({ status: 'succeeded', to: 'oss://alb-fc-state/team/default.state.json' });
    expect((await run(ci, ['plan', ...TEAM, '--memory', '256'])).json()).toMatchObject({ status: 'no_changes' });

    expect((await run(laptop, ['state', 'push'])).code, 'push needs --state').toBe(2);
  });
});
