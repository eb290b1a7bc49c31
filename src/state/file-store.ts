// The CLI's state store: `<baseDir>/.alb-fc/<stack>.state.json` (mode 0600, directory 0700), written
// atomically, guarded by `<stack>.lock` (a pid lock naming the run that holds it: a dead holder on this host is
// taken over, a live or unverifiable one → exit 7). An unreadable or unknown file is never overwritten: exit 7
// with how to recover.
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import { fsyncDir, writeFileAtomic } from '../lib/fs/atomic-write.js';
import { isCode } from '../lib/fs/errno.js';
import {
  currentProcess,
  readHolder,
  tryPidLock,
  type PidLockHolder,
  type ProcessIdentity,
} from '../lib/fs/pid-lock.js';
import type { StackState } from './schema.js';
import {
  assertStackName,
  lockedError,
  parseStateFile,
  unreadableStateError,
  type LoadedState,
  type LockAdmin,
  type LockHandle,
  type LockHolder,
  type StateStore,
} from './store.js';

export interface FileStateStoreOptions {
  /** The directory that holds `.alb-fc/` (the project directory). */
  baseDir: string;
  clock: Clock;
  /** Overridable for tests; defaults to this process. */
  identity?: ProcessIdentity;
}

export const STATE_DIR = '.alb-fc';

export class FileStateStore implements StateStore, LockAdmin {
  private readonly dir: string;
  private readonly identity: ProcessIdentity;

  constructor(private readonly options: FileStateStoreOptions) {
    this.dir = join(options.baseDir, STATE_DIR);
    this.identity = options.identity ?? currentProcess();
  }

  path(stack: string): string {
    assertStackName(stack);
    return join(this.dir, `${stack}.state.json`);
  }

  describe(stack: string): string {
    return this.path(stack);
  }

  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  async lock(stack: string, command: string): Promise<LockHandle> {
    assertStackName(stack);
    await this.ensureDir();
    const startedAt = new Date(this.options.clock.now()).toISOString();
    const lockPath = this.describeLock(stack);
    const attempt = await tryPidLock(lockPath, { startedAt, command }, this.identity);
    if (!attempt.acquired) throw lockedError(stack, attempt.holder && lockHolder(attempt.holder), lockPath);
    return { tookOverFrom: attempt.tookOverFrom && lockHolder(attempt.tookOverFrom), release: attempt.release };
  }

  describeLock(stack: string): string {
    assertStackName(stack);
    return join(this.dir, `${stack}.lock`);
  }

  async lockHolder(stack: string): Promise<LockHolder | 'unreadable' | undefined> {
    const holder = await readHolder(this.describeLock(stack));
    if (holder === 'gone') return undefined;
    return holder ? lockHolder(holder) : 'unreadable';
  }

  async forceUnlock(stack: string): Promise<void> {
    try {
      await unlink(this.describeLock(stack));
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }

  async load(stack: string): Promise<LoadedState | undefined> {
    const path = this.path(stack);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw unreadableStateError(path, error instanceof Error ? error.message : String(error));
    }
    return parseStateFile(text, path, stack);
  }

  async save(state: StackState): Promise<void> {
    const path = this.path(state.stack);
    await this.ensureDir();
    await writeFileAtomic(path, JSON.stringify(state, null, 2) + '\n', 0o600);
  }

  async remove(stack: string): Promise<void> {
    const path = this.path(stack);
    try {
      await unlink(path);
      await fsyncDir(this.dir);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }
}

function lockHolder(holder: PidLockHolder): LockHolder {
  return {
    pid: holder.pid,
    hostname: holder.hostname,
    startedAt: holder.details['startedAt'] ?? 'unknown',
    command: holder.details['command'] ?? 'unknown',
  };
}
