import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.js';
import { probeLocalCloud } from '../cloud/network/local-network.js';
import type { ReadyInfo } from '../emulator/index.js';
import { AlbFcError, ExitCode } from '../errors.js';
import { fsyncDir, isCode, writeFileAtomic, writeTempFile } from '../state/atomic-write.js';
import { processIsAlive } from '../state/file-lock.js';

// The background local cloud that `--local` uses: started on first use, detached from the terminal and
// from the command's stdout/stderr (a process holding CI's output open keeps the run from ending), its
// log and data in .alb-fc/, recorded in .alb-fc/emulator.json so later commands find it, and ended by
// `alb-fc emulator stop`. The record holds no secret: the local cloud's key is a fixed, public value.

export interface LocalCloudRecord {
  pid: number;
  endpoint: string;
  dataDir: string;
  logFile: string;
  startedAt: string;
  region: string;
  accountId: string;
}

export interface LocalCloudPaths {
  record: string;
  lock: string;
  dataDir: string;
  logFile: string;
}

export function localCloudPaths(baseDir: string): LocalCloudPaths {
  return {
    record: join(baseDir, 'emulator.json'),
    lock: join(baseDir, 'emulator.lock'),
    dataDir: join(baseDir, 'local-cloud'),
    logFile: join(baseDir, 'local-cloud.log'),
  };
}

/** The launcher that runs the compiled CLI, from src/ (tests) as from dist/ (installed). */
export function cliLauncher(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/alb-fc.js');
}

export async function readRecord(paths: LocalCloudPaths): Promise<LocalCloudRecord | undefined> {
  try {
    return JSON.parse(await readFile(paths.record, 'utf8')) as LocalCloudRecord;
  } catch {
    return undefined;
  }
}

/** Whether a pid is running (shared with the state lock's dead-holder check). */
export const isAlive = processIsAlive;

/** The running background local cloud, or a new one. */
export async function ensureLocalCloud(
  baseDir: string,
  options: { clock: Clock; timeoutMs?: number; launcher?: string },
): Promise<{ info: ReadyInfo; started: boolean; record: LocalCloudRecord }> {
  const paths = localCloudPaths(baseDir);
  const running = await findRunning(paths);
  if (running) return { ...running, started: false };

  await mkdir(baseDir, { recursive: true });
  const release = await takeSpawnLock(paths, options.clock);
  try {
    const again = await findRunning(paths);
    if (again) return { ...again, started: false };
    const { info, record } = await spawnLocalCloud(
      paths,
      options.launcher ?? cliLauncher(),
      options.timeoutMs ?? 30_000,
    );
    return { info, record, started: true };
  } finally {
    await release();
  }
}

async function findRunning(paths: LocalCloudPaths): Promise<{ info: ReadyInfo; record: LocalCloudRecord } | undefined> {
  const record = await readRecord(paths);
  if (!record || !isAlive(record.pid)) return undefined;
  const info = await probeLocalCloud(record.endpoint);
  return info ? { info, record } : undefined;
}

async function spawnLocalCloud(
  paths: LocalCloudPaths,
  launcher: string,
  timeoutMs: number,
): Promise<{ info: ReadyInfo; record: LocalCloudRecord }> {
  const log = await open(paths.logFile, 'a', 0o600);
  try {
    const child = spawn(process.execPath, [launcher, 'emulator', 'start', '--json', '--data-dir', paths.dataDir], {
      detached: true,
      stdio: ['ignore', log.fd, log.fd, 'ipc'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const info = await new Promise<ReadyInfo>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGTERM');
        reject(failure(`the local cloud did not start within ${timeoutMs} ms`, paths));
      }, timeoutMs);
      child.once('message', (message) => {
        clearTimeout(timer);
        resolvePromise(message as ReadyInfo);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(failure(`the local cloud exited during start-up (exit ${code})`, paths));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(failure(`the local cloud could not be started: ${error.message}`, paths));
      });
    });
    child.removeAllListeners();
    child.disconnect();
    child.unref();
    const record: LocalCloudRecord = {
      pid: child.pid!,
      endpoint: info.endpoint,
      dataDir: paths.dataDir,
      logFile: paths.logFile,
      startedAt: new Date().toISOString(),
      region: info.region,
      accountId: info.accountId,
    };
    await writeFileAtomic(paths.record, JSON.stringify(record, null, 2) + '\n');
    return { info, record };
  } finally {
    await log.close();
  }
}

/** Stops the background local cloud; resolves with its pid, or undefined when none was running. */
export async function stopLocalCloud(baseDir: string, clock: Clock, timeoutMs = 10_000): Promise<number | undefined> {
  const paths = localCloudPaths(baseDir);
  const record = await readRecord(paths);
  if (!record) return undefined;
  let stopped: number | undefined;
  if (isAlive(record.pid)) {
    process.kill(record.pid, 'SIGTERM');
    const deadline = clock.now() + timeoutMs;
    while (isAlive(record.pid) && clock.now() < deadline) await clock.sleep(50);
    if (isAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
    stopped = record.pid;
  }
  await rm(paths.record, { force: true });
  return stopped;
}

/**
 * The lock that lets one alb-fc start the local cloud while others wait for it. Like the state lock
 * (src/state/file-lock.ts) the file is created whole: a temp file holding `<pid> <token>` is linked into
 * place, so a reader never sees it empty. A lock whose holder died is moved aside (one contender wins the
 * rename) and checked to be the one judged dead before it is dropped; a lock that cannot be read is being
 * written by a file system without hard links, or left by a crash: it is waited for, never taken.
 */
export async function takeSpawnLock(paths: LocalCloudPaths, clock: Clock): Promise<() => Promise<void>> {
  const token = randomBytes(8).toString('hex');
  const content = `${process.pid} ${token}\n`;
  const deadline = clock.now() + 30_000;
  for (;;) {
    if (await createLock(paths.lock, content)) {
      return async () => {
        const held = await readLock(paths.lock);
        if (held !== 'gone' && held?.token === token) await unlink(paths.lock).catch(() => undefined);
      };
    }
    const holder = await readLock(paths.lock);
    if (holder === 'gone') continue;
    if (holder !== undefined && !isAlive(holder.pid)) {
      if (await dropDeadLock(paths.lock, holder.token, token)) continue;
    }
    if (clock.now() > deadline) {
      throw failure(
        holder === undefined
          ? `another alb-fc is starting the local cloud (${paths.lock} cannot be read; remove it if no alb-fc runs)`
          : `another alb-fc (pid ${holder.pid}) is starting the local cloud`,
        paths,
      );
    }
    await clock.sleep(100);
  }
}

/** Creates the lock file with its content in one step; false when it already exists. */
async function createLock(lock: string, content: string): Promise<boolean> {
  const temp = await writeTempFile(lock, content, 0o600);
  try {
    await link(temp, lock);
    await fsyncDir(dirname(lock));
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  // No hard links here: an exclusive create, then the content (readers wait while it is empty).
  let handle;
  try {
    handle = await open(lock, 'wx', 0o600);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

/** The lock's holder; undefined when its content cannot be read (yet), `gone` when there is no lock. */
async function readLock(lock: string): Promise<{ pid: number; token: string } | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(lock, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    throw error;
  }
  // `<pid>` alone: written by an alb-fc before tokens.
  const match = /^(\d+)(?: ([0-9a-f]+))?\n?$/.exec(text);
  return match ? { pid: Number(match[1]), token: match[2] ?? '' } : undefined;
}

/** Removes the lock of a dead holder; false when another contender replaced it meanwhile (it is put back). */
async function dropDeadLock(lock: string, deadToken: string, myToken: string): Promise<boolean> {
  const aside = `${lock}.stale.${myToken}`;
  try {
    await rename(lock, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return true;
    throw error;
  }
  const moved = await readLock(aside);
  if (moved !== 'gone' && moved?.token !== deadToken) {
    await link(aside, lock).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

function failure(message: string, paths: LocalCloudPaths): AlbFcError {
  return new AlbFcError({
    code: 'LOCAL_CLOUD_UNAVAILABLE',
    message,
    hint: `See its log: ${paths.logFile}`,
    exitCode: ExitCode.internal,
  });
}
