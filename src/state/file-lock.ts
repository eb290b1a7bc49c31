// The stack lock is a file `<stack>.lock` holding the holder's pid, hostname and start time. It is created
// with link(2) from a complete temp file, so it never exists half-written and only one run can create it.
// A lock whose holder is a dead process on this host is taken over; a live (or unverifiable) holder → exit 7.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { fsyncDir, isCode, writeTempFile } from './atomic-write.js';
import { dirname } from 'node:path';
import { lockedError, type LockHandle, type LockHolder } from './store.js';

export interface ProcessIdentity {
  pid: number;
  hostname: string;
  isAlive(pid: number): boolean;
}

interface LockFileContent extends LockHolder {
  /** Random per acquisition, so a run releases only the lock it holds. */
  token: string;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return !isCode(error, 'ESRCH');
  }
}

async function readHolder(path: string): Promise<LockFileContent | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockFileContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.token === 'string') {
      return {
        pid: parsed.pid,
        hostname: parsed.hostname,
        startedAt: String(parsed.startedAt ?? 'unknown'),
        command: String(parsed.command ?? 'unknown'),
        token: parsed.token,
      };
    }
  } catch {
    // fall through: unreadable content
  }
  return undefined;
}

function holderOf(content: LockFileContent): LockHolder {
  return { pid: content.pid, hostname: content.hostname, startedAt: content.startedAt, command: content.command };
}

/** Creates the lock file with its content in one step; false when it already exists. */
async function createLockFile(lockPath: string, text: string): Promise<boolean> {
  const temp = await writeTempFile(lockPath, text, 0o600);
  try {
    await link(temp, lockPath);
    await fsyncDir(dirname(lockPath));
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    // File systems without hard links: an exclusive create, then the content (a reader may briefly see it
    // empty, which reads as "cannot be read" and refuses, never as free).
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
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

export async function acquireFileLock(
  lockPath: string,
  stack: string,
  command: string,
  me: ProcessIdentity,
  nowIso: string,
): Promise<LockHandle> {
  const content: LockFileContent = {
    pid: me.pid,
    hostname: me.hostname,
    startedAt: nowIso,
    command,
    token: randomBytes(8).toString('hex'),
  };
  let tookOverFrom: LockHolder | undefined;
  // Bounded: each round either takes the lock, fails, or removes one dead holder's file.
  for (let round = 0; round < 5; round++) {
    if (await createLockFile(lockPath, JSON.stringify(content) + '\n')) {
      return fileLockHandle(lockPath, content.token, tookOverFrom);
    }
    const holder = await readHolder(lockPath);
    if (holder === 'gone') continue;
    if (holder === undefined) throw lockedError(stack, undefined, lockPath);
    // A holder on another host cannot be checked from here: treat it as alive.
    if (holder.hostname !== me.hostname || me.isAlive(holder.pid)) {
      throw lockedError(stack, holderOf(holder), lockPath);
    }
    // Dead holder: move its file aside (only one contender can), then check it was the file we judged dead.
    const aside = `${lockPath}.stale.${content.token}`;
    try {
      await rename(lockPath, aside);
    } catch (error) {
      if (isCode(error, 'ENOENT')) continue;
      throw error;
    }
    const moved = await readHolder(aside);
    if (moved !== 'gone' && moved !== undefined && moved.token !== holder.token) {
      // Another run took over between our read and our rename: give its lock back and stand down.
      await link(aside, lockPath).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      throw lockedError(stack, holderOf(moved), lockPath);
    }
    await unlink(aside).catch(() => undefined);
    tookOverFrom = holderOf(holder);
  }
  throw lockedError(stack, undefined, lockPath);
}

function fileLockHandle(lockPath: string, token: string, tookOverFrom: LockHolder | undefined): LockHandle {
  let released = false;
  return {
    tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      const holder = await readHolder(lockPath);
      if (holder !== 'gone' && holder?.token === token) await unlink(lockPath).catch(() => undefined);
    },
  };
}
