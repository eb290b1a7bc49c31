import { spawn } from 'node:child_process';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.js';
import { probeLocalCloud } from '../cloud/network/local-network.js';
import type { ReadyInfo } from '../local-cloud-contract.js';
import { AlbFcError, ExitCode } from '../errors.js';
import { writeFileAtomic } from '../lib/fs/atomic-write.js';
import { processIsAlive, tryPidLock } from '../lib/fs/pid-lock.js';

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
  if (!record || !processIsAlive(record.pid)) return undefined;
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
  if (processIsAlive(record.pid)) {
    process.kill(record.pid, 'SIGTERM');
    const deadline = clock.now() + timeoutMs;
    while (processIsAlive(record.pid) && clock.now() < deadline) await clock.sleep(50);
    if (processIsAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
    stopped = record.pid;
  }
  await rm(paths.record, { force: true });
  return stopped;
}

/**
 * The lock that lets one alb-fc start the local cloud while others wait for it: the same pid lock as the stack
 * lock (src/lib/fs/pid-lock.ts). A holder that died is taken over; a live holder, or a lock that cannot be
 * read (being written by a file system without hard links, or left by a crash), is waited for, never taken.
 */
export async function takeSpawnLock(paths: LocalCloudPaths, clock: Clock): Promise<() => Promise<void>> {
  const deadline = clock.now() + 30_000;
  for (;;) {
    const attempt = await tryPidLock(paths.lock, { command: 'emulator start' });
    if (attempt.acquired) return attempt.release;
    if (clock.now() > deadline) {
      throw failure(
        attempt.holder === undefined
          ? `another alb-fc is starting the local cloud (${paths.lock} cannot be read; remove it if no alb-fc runs)`
          : `another alb-fc (pid ${attempt.holder.pid}) is starting the local cloud`,
        paths,
      );
    }
    await clock.sleep(100);
  }
}

function failure(message: string, paths: LocalCloudPaths): AlbFcError {
  return new AlbFcError({
    code: 'LOCAL_CLOUD_UNAVAILABLE',
    message,
    hint: `See its log: ${paths.logFile}`,
    exitCode: ExitCode.internal,
  });
}
