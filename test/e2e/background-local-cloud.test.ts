import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIsAlive } from '../../src/lib/fs/pid-lock.js';

// The quick start as a new user runs it: the compiled CLI (npm test builds it first), `--local` starting a
// background local cloud detached from the command's output, which a second command finds again and
// `emulator stop` ends — leaving no process behind.

const exec = promisify(execFile);
const launcher = resolve(import.meta.dirname, '../../bin/alb-fc.js');
let cwd: string;

function albFc(args: string[]) {
  return exec(process.execPath, [launcher, ...args], {
    cwd,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
}

const alive = processIsAlive;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'alb-fc-e2e-'));
});
afterAll(async () => {
  await albFc(['emulator', 'stop']).catch(() => undefined);
  // Should `emulator stop` itself fail, the detached local cloud must still not outlive the test.
  const record = await readFile(join(cwd, '.alb-fc', 'emulator.json'), 'utf8').catch(() => undefined);
  const pid = record === undefined ? undefined : (JSON.parse(record) as { pid: number }).pid;
  if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
  await rm(cwd, { recursive: true, force: true });
});

describe('init --local --yes with the background local cloud', () => {
  it('deploys, is found again by the next command, and is stopped by emulator stop', async () => {
    const first = await albFc(['init', '--local', '--yes']);
    expect(first.stdout).toContain('hello world');

    const record = JSON.parse(await readFile(join(cwd, '.alb-fc', 'emulator.json'), 'utf8')) as {
      pid: number;
      endpoint: string;
    };
    expect(alive(record.pid)).toBe(true);
    expect(JSON.stringify(record)).not.toContain('secret');

    const second = await albFc(['init', '--local', '--yes', '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'no_changes', test: { body: 'hello world' } });
    const status = JSON.parse((await albFc(['emulator', 'status', '--json'])).stdout) as {
      running: boolean;
      pid: number;
    };
    expect(status).toMatchObject({ running: true, pid: record.pid });

    await albFc(['emulator', 'stop']);
    expect(alive(record.pid)).toBe(false);
    expect(JSON.parse((await albFc(['emulator', 'status', '--json'])).stdout)).toEqual({ running: false });
  });

  it('keeps what was deployed across a restart of the local cloud (data in .alb-fc/)', async () => {
    await albFc(['init', '--local', '--yes']);
    await albFc(['emulator', 'stop']);
    const again = await albFc(['deploy', '--local', '--yes', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'no_changes', test: { body: 'hello world' } });
  });
});
