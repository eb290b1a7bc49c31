import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processStartOf, tryPidLock } from '../../src/lib/fs/pid-lock.js';
import { tempDir } from '../support/temp-dir.js';

// The one pid lock behind the stack lock and the local cloud's start lock. A pid is reused once its process
// is gone: where the platform tells a process's start time, a holder whose pid now names another process is
// dead, and its lock is taken over.

const startTimesKnown = processStartOf(process.pid) !== undefined;

describe('the pid lock', () => {
  it('records pid, hostname, start time and the caller details, and releases only its own lock', async () => {
    const path = join(await tempDir('alb-fc-pid-lock-'), 'x.lock');
    const first = await tryPidLock(path, { command: 'deploy' });
    expect(first.acquired).toBe(true);
    const content = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(content).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'deploy' });
    if (startTimesKnown) expect(content['processStart']).toBe(processStartOf(process.pid));
    const second = await tryPidLock(path, { command: 'destroy' });
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid, details: { command: 'deploy' } } });
    if (first.acquired) await first.release();
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(startTimesKnown)('takes over a lock whose pid now names another process (a reused pid)', async () => {
    const path = join(await tempDir('alb-fc-pid-lock-'), 'x.lock');
    const reused = { pid: process.pid, hostname: hostname(), processStart: '1', token: 'old', command: 'deploy' };
    await writeFile(path, JSON.stringify(reused));
    const attempt = await tryPidLock(path, { command: 'deploy' });
    expect(attempt).toMatchObject({ acquired: true, tookOverFrom: { pid: process.pid, token: 'old' } });
  });

  it('leaves a live holder with the same start time alone', async () => {
    const path = join(await tempDir('alb-fc-pid-lock-'), 'x.lock');
    const live = { pid: process.pid, hostname: hostname(), processStart: processStartOf(process.pid), token: 't' };
    await writeFile(path, JSON.stringify(live));
    expect(await tryPidLock(path, {})).toMatchObject({ acquired: false, holder: { token: 't' } });
  });
});
