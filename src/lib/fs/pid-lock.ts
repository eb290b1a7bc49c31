// A lock file that names the process holding it: one JSON document with the holder's pid, hostname, process
// start time and a random token, plus what the caller adds (the stack lock: the command and when it began).
// It is created with link(2) from a complete temp file, so it never exists half-written and only one process
// can create it. A holder that is a dead process on this host is taken over; a live holder, a holder on
// another host (it cannot be checked from here) and a file that cannot be read are left alone: the caller
// decides whether that means "refuse" (the stack lock, exit 7) or "wait" (the local cloud's start lock).
// Used by the stack lock (src/state/file-store.ts) and the background local cloud's start lock
// (src/cli/local-cloud.ts).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { fsyncDir, writeTempFile } from './atomic-write.js';
import { isCode } from './errno.js';

/** Who holds a lock, as its file says. */
export interface PidLockHolder {
  pid: number;
  hostname: string;
  /** The holder process's start time, when the platform tells it: a pid reused by another process is not it. */
  processStart?: string;
  /** Random per acquisition, so a process releases only the lock it holds. */
  token: string;
  /** What the caller recorded besides (string fields of the same document). */
  details: Record<string, string>;
}

/** The process taking a lock, and how it judges whether another process is alive. */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  processStart?: string;
  isAlive(pid: number, processStart?: string): boolean;
}

export type PidLockAttempt =
  | { acquired: true; release(): Promise<void>; tookOverFrom: PidLockHolder | undefined }
  /** `holder` undefined: the lock file cannot be read (being written without hard links, or left broken). */
  | { acquired: false; holder: PidLockHolder | undefined };

/** Linux's start time of a process (field 22 of /proc/<pid>/stat, in clock ticks since boot); else undefined. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs, and (where start times are known) is still the process that recorded `processStart`. */
export function processIsAlive(pid: number, processStart?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if (isCode(error, 'ESRCH')) return false;
  }
  if (processStart === undefined) return true;
  const now = processStartOf(pid);
  return now === undefined || now === processStart;
}

export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, hostname: hostname(), processStart: processStartOf(process.pid), isAlive: processIsAlive };
}

function encode(holder: PidLockHolder): string {
  const { details, ...owner } = holder;
  return JSON.stringify({ ...details, ...owner }) + '\n';
}

/** Who holds the lock at `path`: undefined when the file cannot be read, `gone` when there is none. */
export async function readHolder(path: string): Promise<PidLockHolder | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const { pid, hostname: host, token, processStart, ...rest } = parsed;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string') return undefined;
    const details: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) if (typeof value === 'string') details[key] = value;
    return { pid, hostname: host, token, details, ...(typeof processStart === 'string' ? { processStart } : {}) };
  } catch {
    return undefined;
  }
}

/** Creates the lock file with its content in one step; false when it already exists. */
async function createLockFile(path: string, text: string): Promise<boolean> {
  const temp = await writeTempFile(path, text, 0o600);
  try {
    await link(temp, path);
    await fsyncDir(dirname(path));
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    // File systems without hard links: an exclusive create, then the content (a reader may briefly see it
    // empty, which reads as "cannot be read": refused or waited for, never taken over).
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Moves a dead holder's file aside (only one contender's rename succeeds), then checks it was the file judged
 * dead. Resolves with undefined when the lock is free to try again, or the live holder that replaced it.
 */
async function removeDeadHolder(
  path: string,
  dead: PidLockHolder,
  myToken: string,
): Promise<PidLockHolder | undefined> {
  const aside = `${path}.stale.${myToken}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved !== 'gone' && moved !== undefined && moved.token !== dead.token) {
    // Another process took over between our read and our rename: give its lock back and stand down.
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return moved;
  }
  await unlink(aside).catch(() => undefined);
  return undefined;
}

/** One attempt at the lock at `path`; taking over a dead holder's lock is part of the attempt. */
export async function tryPidLock(
  path: string,
  details: Record<string, string>,
  me: ProcessIdentity = currentProcess(),
): Promise<PidLockAttempt> {
  const mine: PidLockHolder = {
    pid: me.pid,
    hostname: me.hostname,
    ...(me.processStart === undefined ? {} : { processStart: me.processStart }),
    token: randomBytes(8).toString('hex'),
    details,
  };
  let tookOverFrom: PidLockHolder | undefined;
  // Bounded: each round takes the lock, finds it held, or removes one dead holder's file.
  for (let round = 0; round < 5; round++) {
    if (await createLockFile(path, encode(mine))) {
      return { acquired: true, release: () => releaseIfMine(path, mine.token), tookOverFrom };
    }
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === undefined) return { acquired: false, holder: undefined };
    if (holder.hostname !== me.hostname || me.isAlive(holder.pid, holder.processStart)) {
      return { acquired: false, holder };
    }
    const replacedBy = await removeDeadHolder(path, holder, mine.token);
    if (replacedBy) return { acquired: false, holder: replacedBy };
    tookOverFrom = holder;
  }
  return { acquired: false, holder: undefined };
}

async function releaseIfMine(path: string, token: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder !== 'gone' && holder?.token === token) await unlink(path).catch(() => undefined);
}
