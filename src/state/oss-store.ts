// The state store of a team: each stack's state is the object `PREFIX/<stack>.state.json` of an OSS bucket
// (`--state oss://BUCKET/PREFIX`, docs/teams.md), guarded by the lock of oss-lock.ts. A write replaces the whole
// object in one PutObject (OSS stores an object whole or not at all; the body's Content-MD5 lets OSS refuse one
// damaged on the way), then reads it back and compares: a state is never partial, and never silently another's.
import { createHash, randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { Clock } from '../clock.js';
import type { ObjectStorePort } from '../cloud/object-store.js';
import { AlbFcError, ExitCode } from '../errors.js';
import {
  DEFAULT_LOCK_SETTINGS,
  OssLock,
  type LockOwner,
  type OssLockHandle,
  type OssLockSettings,
} from './oss-lock.js';
import type { StackState } from './schema.js';
import { formatStateLocation, keyOf, type OssStateLocation } from './state-location.js';
import {
  assertStackName,
  parseStateFile,
  type LoadedState,
  type LockAdmin,
  type LockHolder,
  type StateStore,
} from './store.js';

export interface OssStateStoreOptions {
  objects: ObjectStorePort;
  location: OssStateLocation;
  clock: Clock;
  /** Defaults to this process and its user. */
  owner?: LockOwner;
  lock?: Partial<OssLockSettings>;
  newId?: () => string;
}

export class OssStateStore implements StateStore, LockAdmin {
  private readonly objects: ObjectStorePort;
  private readonly location: OssStateLocation;
  private readonly locks = new Map<string, OssLockHandle>();

  constructor(private readonly options: OssStateStoreOptions) {
    this.objects = options.objects;
    this.location = options.location;
  }

  /** `oss://BUCKET/PREFIX/<stack>.state.json` */
  describe(stack: string): string {
    return `${formatStateLocation(this.location)}/${this.stateName(stack)}`;
  }

  async lock(stack: string, command: string): Promise<OssLockHandle> {
    const handle = await this.lockOf(stack).acquire(command);
    this.locks.set(stack, handle);
    return {
      tookOverFrom: handle.tookOverFrom,
      get lost() {
        return handle.lost;
      },
      release: async () => {
        this.locks.delete(stack);
        await handle.release();
      },
    };
  }

  describeLock(stack: string): string {
    assertStackName(stack);
    return `${formatStateLocation(this.location)}/${stack}.lock`;
  }

  /** Who holds the stack's lock, if anyone (`alb-fc state unlock`). */
  lockHolder(stack: string): Promise<LockHolder | 'unreadable' | undefined> {
    return this.lockOf(stack).holder();
  }

  /** Removes the stack's lock whoever holds it (`alb-fc state unlock --force`). */
  forceUnlock(stack: string): Promise<void> {
    return this.lockOf(stack).forceRemove();
  }

  async load(stack: string): Promise<LoadedState | undefined> {
    const object = await this.objects.get(this.stateKey(stack));
    if (!object) return undefined;
    return parseStateFile(object.body.toString('utf8'), this.describe(stack), stack);
  }

  async save(state: StackState): Promise<void> {
    const key = this.stateKey(state.stack);
    if (this.locks.get(state.stack)?.lost) {
      throw new AlbFcError({
        code: 'STATE_LOCK_LOST',
        message: `the lock of stack ${state.stack} was taken over by another run: this run stopped writing ${this.describe(state.stack)}`,
        exitCode: ExitCode.locked,
        hint: 'The run could not refresh its lock in time (suspended, or cut off from OSS). Run `alb-fc status` once the other run is done.',
      });
    }
    const body = Buffer.from(JSON.stringify(state, null, 2) + '\n', 'utf8');
    await this.objects.put(key, body);
    const back = await this.objects.get(key);
    if (!back || md5(back.body) !== md5(body)) {
      throw new AlbFcError({
        code: 'STATE_WRITE_UNVERIFIED',
        message: back
          ? `the state read back from ${this.describe(state.stack)} is not the state just written (MD5 ${md5(back.body)}, expected ${md5(body)})`
          : `the state just written to ${this.describe(state.stack)} cannot be read back`,
        exitCode: ExitCode.locked,
        hint: 'Another writer, or a damaged copy: run `alb-fc status` to see what the state holds now.',
      });
    }
  }

  async remove(stack: string): Promise<void> {
    await this.objects.delete(this.stateKey(stack));
  }

  private lockOf(stack: string): OssLock {
    assertStackName(stack);
    const key = keyOf(this.location, `${stack}.lock`);
    return new OssLock(
      {
        objects: this.objects,
        clock: this.options.clock,
        owner: this.options.owner ?? currentOwner(),
        settings: { ...DEFAULT_LOCK_SETTINGS, ...this.options.lock },
        newId: this.options.newId ?? randomUUID,
      },
      stack,
      key,
      this.describeLock(stack),
    );
  }

  private stateName(stack: string): string {
    assertStackName(stack);
    return `${stack}.state.json`;
  }

  private stateKey(stack: string): string {
    return keyOf(this.location, this.stateName(stack));
  }
}

function md5(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

function currentOwner(): LockOwner {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No user name on this system (a container without a passwd entry).
  }
  return { user, hostname: hostname(), pid: process.pid };
}
