import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { localCloudPaths, takeSpawnLock, type LocalCloudPaths } from '../../src/cli/local-cloud.js';

// The lock that lets one alb-fc start the background local cloud while others wait. Regression: the lock
// file was created empty and its pid written after, so a second alb-fc reading in between saw no holder,
// removed the lock and started a second local cloud.

/** Waits take no time: each sleep moves the clock on. */
function instantClock(): Clock {
  let now = 1_000_000;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

let base: string;
let paths: LocalCloudPaths;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'alb-fc-lock-'));
  paths = localCloudPaths(base);
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('the spawn lock', () => {
  it('waits for a lock whose holder is still writing it, and never takes it over', async () => {
    await writeFile(paths.lock, '');
    await expect(takeSpawnLock(paths, instantClock())).rejects.toMatchObject({ code: 'LOCAL_CLOUD_UNAVAILABLE' });
    expect(await readFile(paths.lock, 'utf8')).toBe('');
  });

  it('waits for a live holder', async () => {
    await writeFile(paths.lock, `${process.pid} 0123456789abcdef\n`);
    await expect(takeSpawnLock(paths, instantClock())).rejects.toThrow(`pid ${process.pid}`);
  });

  it('takes over the lock of a dead holder, and releases only its own', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(paths.lock, `${dead}\n`);
    const release = await takeSpawnLock(paths, instantClock());
    expect(await readFile(paths.lock, 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f]+\\n$`));
    await release();
    await expect(readFile(paths.lock, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
