import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { localCloudPaths, takeSpawnLock, type LocalCloudPaths } from '../../src/cli/local-cloud.js';
import { tempDir } from '../support/temp-dir.js';

// The lock that lets one alb-fc start the background local cloud while others wait. Regression: the lock
// file was created empty and its pid written after, so a second alb-fc reading in between saw no holder,
// removed the lock and started a second local cloud.

/** Waits take no time: each sleep moves the clock on. */
function instantClock(): Clock {
  let now = 1_000_000;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

/** A lock file as alb-fc writes it (src/lib/fs/pid-lock.ts), held by `pid` on this host. */
function lockFile(pid: number | undefined): string {
  return JSON.stringify({ pid, hostname: hostname(), token: '0123456789abcdef', command: 'emulator start' });
}

let base: string;
let paths: LocalCloudPaths;
beforeEach(async () => {
  base = await tempDir('alb-fc-lock-');
  paths = localCloudPaths(base);
});

describe('the spawn lock', () => {
  it('waits for a lock whose holder is still writing it, and never takes it over', async () => {
    await writeFile(paths.lock, '');
    await expect(takeSpawnLock(paths, instantClock())).rejects.toMatchObject({ code: 'LOCAL_CLOUD_UNAVAILABLE' });
    expect(await readFile(paths.lock, 'utf8')).toBe('');
  });

  it('waits for a live holder', async () => {
    await writeFile(paths.lock, lockFile(process.pid));
    await expect(takeSpawnLock(paths, instantClock())).rejects.toThrow(`pid ${process.pid}`);
  });

  it('takes over the lock of a dead holder, and releases only its own', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(paths.lock, lockFile(dead));
    const release = await takeSpawnLock(paths, instantClock());
    expect(JSON.parse(await readFile(paths.lock, 'utf8'))).toMatchObject({ pid: process.pid, token: /^[0-9a-f]+$/ });
    await release();
    await expect(readFile(paths.lock, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
