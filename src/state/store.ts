// Where a stack's state lives, and the lock that keeps two runs off the same stack. The runner only sees this
// interface: the file store serves the CLI, the memory store serves tests.
import { ZodError } from 'zod';
import { AlbFcError, ExitCode, usageError } from '../errors.js';
import { migrateState, StateVersionError } from './migrations.js';
import type { StackState } from './schema.js';

/** Who holds a stack's lock: enough to tell whether it is still running, and to name it in messages. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  command: string;
  /** The user that ran it, when the lock says (shared locks on OSS: `user@host`). */
  user?: string;
  /** When a shared lock is taken over if its holder stops refreshing it (ISO time). */
  expiresAt?: string;
}

export interface LockHandle {
  /** Set when the lock was left by a run that is no longer alive and this run took it over. */
  readonly tookOverFrom: LockHolder | undefined;
  release(): Promise<void>;
}

export interface LoadedState {
  state: StackState;
  /** The schema version the file was migrated from, when it was older. */
  migratedFrom?: number;
}

export interface StateStore {
  /** Where the stack's state lives, for messages (`.alb-fc/default.state.json`). */
  describe(stack: string): string;
  /** Takes the stack's lock; AlbFcError exit 7 naming the holder when a live run holds it. */
  lock(stack: string, command: string): Promise<LockHandle>;
  /** The stack's state, undefined when there is none; AlbFcError exit 7 when it cannot be read. */
  load(stack: string): Promise<LoadedState | undefined>;
  /** Replaces the stack's state, atomically. */
  save(state: StackState): Promise<void>;
  /** Removes the stack's state (after a complete destroy). */
  remove(stack: string): Promise<void>;
}

/** What `alb-fc state unlock` needs of a store: who holds a stack's lock, and removing it whoever does. */
export interface LockAdmin {
  /** Where the stack's lock lives, for messages. */
  describeLock(stack: string): string;
  /** The holder; `unreadable` when there is a lock that cannot be read; undefined when there is none. */
  lockHolder(stack: string): Promise<LockHolder | 'unreadable' | undefined>;
  forceUnlock(stack: string): Promise<void>;
}

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Stack names become file names: keep them to a safe alphabet (exit 2 otherwise). */
export function assertStackName(stack: string): void {
  if (!STACK_NAME.test(stack) || stack.includes('..')) {
    throw usageError(
      'INVALID_STACK_NAME',
      `invalid stack name ${JSON.stringify(stack)}`,
      'Use 1-64 letters, digits, "-", "_" or "." starting with a letter or digit (--stack / ALB_FC_STACK).',
    );
  }
}

export function describeHolder(holder: LockHolder): string {
  const where = holder.user ? `${holder.user}@${holder.hostname}` : holder.hostname;
  const expiry = holder.expiresAt ? `, lock expires ${holder.expiresAt}` : '';
  return `alb-fc ${holder.command} (pid ${holder.pid} on ${where}, started ${holder.startedAt}${expiry})`;
}

export function lockedError(stack: string, holder: LockHolder | undefined, lockPath: string): AlbFcError {
  return new AlbFcError({
    code: 'STATE_LOCKED',
    message: holder
      ? `stack ${stack} is locked by ${describeHolder(holder)}`
      : `stack ${stack} is locked (lock file ${lockPath} cannot be read)`,
    exitCode: ExitCode.locked,
    hint: holder
      ? `Wait for that run to finish. If it is certainly gone (e.g. another machine that crashed), remove ${lockPath}.`
      : `If no other alb-fc run is working on this stack, remove ${lockPath}.`,
  });
}

export function unreadableStateError(path: string, reason: string, newer = false): AlbFcError {
  return new AlbFcError({
    code: 'STATE_UNREADABLE',
    message: `the state file ${path} cannot be read: ${reason}`,
    exitCode: ExitCode.locked,
    hint: newer
      ? 'Use the newer alb-fc that wrote it.'
      : `Move it away (mv ${path} ${path}.broken), then run \`alb-fc deploy\`: it rebuilds the state from the ` +
        "cloud, finding this stack's resources by their alb-fc:stack tags.",
  });
}

/**
 * The state of `stack` from the text of its file at `path` (any known schema version, migrated), or the
 * STATE_UNREADABLE error (exit 7) saying what is wrong with it: not JSON, another stack's, a newer alb-fc's, or
 * not matching the schema.
 */
export function parseStateFile(text: string, path: string, stack: string): LoadedState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw unreadableStateError(path, 'it is not valid JSON (truncated or edited?)');
  }
  try {
    const loaded = migrateState(raw);
    if (loaded.state.stack !== stack) {
      throw unreadableStateError(path, `it belongs to stack ${JSON.stringify(loaded.state.stack)}`);
    }
    return loaded;
  } catch (error) {
    if (error instanceof StateVersionError) throw unreadableStateError(path, error.message, error.newer);
    if (error instanceof ZodError) {
      const first = error.issues[0];
      const where = first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'schema mismatch';
      throw unreadableStateError(path, `it does not match the state schema (${where})`);
    }
    throw error;
  }
}
