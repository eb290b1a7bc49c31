// The state store guards: one run per stack (a live holder → exit 7 naming it; a dead one is taken over, and
// the run says so), an unreadable state → exit 7 with how to recover, untouched.
import { readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy, destroy, status, type EngineDeps } from '../../src/runner/engine.js';
import { FileStateStore } from '../../src/state/file-store.js';
import { emptyState } from '../../src/state/schema.js';
import { FakeClock } from '../support/fake-clock.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport, expectExactlyOneOfEach } from '../support/invariants.js';
import { tempDir } from '../support/temp-dir.js';

function deadPid(): number {
  // A process that has exited: its pid is (for a while) not alive.
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('state lock', () => {
  it('refuses a second run on the same stack while the first holds the lock (exit 7, naming the holder)', async () => {
    const h = new Harness();
    const holder = await h.process(async (deps) => deps.store.lock(STACK, 'deploy'), { stayAlive: true });
    expect(holder.result.tookOverFrom).toBeUndefined();
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(7);
    expect(report.error?.code).toBe('STATE_LOCKED');
    expect(report.error?.message).toMatch(/alb-fc deploy \(pid 100 on test-host/);
    expect(h.mutations()).toEqual([]);
    // Another stack is independent.
    const other = await h.process((deps) => status('other', deps));
    expect(other.result.exitCode).toBe(0);
  });

  it('takes over the lock of a dead run and says so', async () => {
    const h = new Harness();
    await h.process(async (deps) => deps.store.lock(STACK, 'deploy')); // the process ends without releasing
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(h.eventsOf('warning').some((w) => /took over the lock of alb-fc deploy \(pid 100/.test(w.message))).toBe(
      true,
    );
    expectExactlyOneOfEach(h, 'after takeover');
  });
});

describe('file state store', () => {
  const clock = new FakeClock();

  it('writes .alb-fc/<stack>.state.json atomically with mode 0600 and nothing secret', async () => {
    const dir = await tempDir('alb-fc-state-');
    const store = new FileStateStore({ baseDir: dir, clock });
    const state = emptyState('prod', 'cn-hangzhou', 'epoch-1', '2025-01-01T00:00:00.000Z');
    await store.save(state);
    const path = join(dir, '.alb-fc', 'prod.state.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, '.alb-fc'))).mode & 0o777).toBe(0o700);
    expect((await store.load('prod'))?.state).toEqual(state);
    expect((await readdir(join(dir, '.alb-fc'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('serves a whole deploy, resume and destroy through the real file system', async () => {
    const dir = await tempDir('alb-fc-state-');
    const h = new Harness();
    const fileDeps = (deps: EngineDeps): EngineDeps => ({
      ...deps,
      store: new FileStateStore({ baseDir: dir, clock: h.clock }),
    });
    const { result: first } = await h.process((deps) => deploy(stackInput(), fileDeps(deps)));
    expect(first.exitCode, describeReport(first)).toBe(0);
    expect(first.stateFile).toBe(join(dir, '.alb-fc', 'demo.state.json'));
    const saved = JSON.parse(await readFile(first.stateFile, 'utf8')) as { steps: Record<string, { status: string }> };
    expect(Object.values(saved.steps).map((r) => r.status)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready']);
    expect(await readdir(join(dir, '.alb-fc'))).toEqual(['demo.state.json']);
    const { result: again } = await h.process((deps) => deploy(stackInput(), fileDeps(deps)));
    expect(again.status).toBe('no_changes');
    const { result: gone } = await h.process((deps) => destroy(STACK, fileDeps(deps), { includeAdopted: false }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    expect(await readdir(join(dir, '.alb-fc'))).toEqual([]);
  });

  it('keeps the state of a full deploy free of code and credentials', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const text = h.disk.files.get(STACK) ?? '';
    expect(text).not.toMatch(/zipFile|accessKey|secret|UEsDB/i);
    expect(text).toContain('"clientToken"');
  });

  it('locks with pid, hostname and start time; a live holder refuses, a dead one is taken over', async () => {
    const dir = await tempDir('alb-fc-state-');
    const first = new FileStateStore({ baseDir: dir, clock });
    const held = await first.lock('prod', 'deploy');
    const lockFile = JSON.parse(await readFile(join(dir, '.alb-fc', 'prod.lock'), 'utf8')) as Record<string, unknown>;
    expect(lockFile).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'deploy' });
    expect(lockFile['startedAt']).toBe('2025-01-01T00:00:00.000Z');
    await expect(new FileStateStore({ baseDir: dir, clock }).lock('prod', 'destroy')).rejects.toMatchObject({
      exitCode: 7,
      code: 'STATE_LOCKED',
    });
    await held.release();
    // A lock left by a process that is gone.
    await writeFile(
      join(dir, '.alb-fc', 'prod.lock'),
      JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: 'then', command: 'deploy', token: 'x' }),
    );
    const taken = await new FileStateStore({ baseDir: dir, clock }).lock('prod', 'deploy');
    expect(taken.tookOverFrom?.command).toBe('deploy');
    await taken.release();
    // A holder on another machine cannot be checked: it counts as alive.
    await writeFile(
      join(dir, '.alb-fc', 'prod.lock'),
      JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: 'then', command: 'deploy', token: 'y' }),
    );
    await expect(new FileStateStore({ baseDir: dir, clock }).lock('prod', 'deploy')).rejects.toMatchObject({
      exitCode: 7,
      message: expect.stringContaining('on elsewhere') as unknown,
    });
  });

  it('refuses an unreadable state with exit 7 and how to recover, leaving the file untouched', async () => {
    const dir = await tempDir('alb-fc-state-');
    await mkdir(join(dir, '.alb-fc'), { recursive: true });
    const path = join(dir, '.alb-fc', 'prod.state.json');
    for (const [content, reason] of [
      ['{"schemaVersion": 1, "stack": "prod"', /not valid JSON/],
      ['{"schemaVersion": 1, "stack": "prod"}', /does not match the state schema/],
      ['{"schemaVersion": 9, "stack": "prod"}', /newer alb-fc/],
    ] as const) {
      await writeFile(path, content);
      const error = await new FileStateStore({ baseDir: dir, clock }).load('prod').catch((e: unknown) => e);
      expect(error).toMatchObject({
        exitCode: 7,
        code: 'STATE_UNREADABLE',
        message: expect.stringMatching(reason) as unknown,
      });
      expect(await readFile(path, 'utf8')).toBe(content);
    }
    await writeFile(path, '{ truncated');
    const error = await new FileStateStore({ baseDir: dir, clock }).load('prod').catch((e: unknown) => e);
    expect((error as { hint?: string }).hint).toMatch(/Move it away.*alb-fc deploy.*tags/);
  });

  it('reports an unreadable state from the engine as exit 7 without touching the cloud', async () => {
    const h = new Harness();
    h.disk.files.set(STACK, 'garbage');
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(7);
    expect(h.cloud.world.log).toEqual([]);
    expect(h.disk.files.get(STACK)).toBe('garbage');
  });

  it('rejects a stack name that is not a safe file name (exit 2)', async () => {
    const h = new Harness();
    const { result: report } = await h.process((deps) => deploy(stackInput({ stack: '../etc' }), deps));
    expect(report.exitCode).toBe(2);
    expect(report.error?.code).toBe('INVALID_STACK_NAME');
  });
});
