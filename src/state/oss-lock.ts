// The lock of a stack whose state is on OSS: the object `PREFIX/<stack>.lock`, created with OSS's create-only
// write (`x-oss-forbid-overwrite: true`; a second writer gets 409 FileAlreadyExists,
// https://help.aliyun.com/en/oss/user-guide/0026-00000002), holding who runs what since when. docs/teams.md
// describes it for users.
//
// Expiry. A run refreshes its lock (rewrites it) every `refreshMs`; a lock not rewritten for `ttlMs` is stale and
// the next run takes it over, so a CI job killed mid-run blocks the stack for at most `ttlMs`. Staleness is judged
// with the server's clock only (the lock's Last-Modified against the Date of the same answer), so a laptop whose
// clock is off cannot take over a live lock early.
//
// Taking over, and the race of two runs taking over at once. OSS has no conditional delete, so "delete the stale
// lock, then create mine" lets run B delete the lock run A has just created. Before deleting, a run must first
// create `PREFIX/<stack>.lock.takeover-<ETag of the stale lock>` create-only: for one stale version of the lock
// only one run can create that marker, and the others exit 7. The winner reads the lock again (it must still be
// that version), deletes it, and creates its own create-only, which fails if anyone got in between. A marker left
// by a run that died mid-takeover is itself stale after `markerTtlMs` and is removed by the next run.
import type { Clock } from '../clock.js';
import type { ObjectStorePort, StoredObject } from '../cloud/object-store.js';
import { AlbFcError, ExitCode } from '../errors.js';
import { describeHolder, type LockHandle, type LockHolder } from './store.js';

/** Who takes the lock: shown to whoever finds it held. */
export interface LockOwner {
  user: string;
  hostname: string;
  pid: number;
}

export interface OssLockSettings {
  /** A lock not refreshed for this long is taken over (default 10 minutes). */
  ttlMs: number;
  /** How often a holder rewrites its lock (default 1 minute: ten chances per ttl); Infinity never. */
  refreshMs: number;
  /** A takeover marker older than this belongs to a run that died mid-takeover (default 1 minute). */
  markerTtlMs: number;
}

export const DEFAULT_LOCK_SETTINGS: OssLockSettings = { ttlMs: 600_000, refreshMs: 60_000, markerTtlMs: 60_000 };

/** The lock object's content. */
interface LockDocument {
  /** Random per acquisition: a run recognises (and releases) only its own lock. */
  id: string;
  command: string;
  user: string;
  hostname: string;
  pid: number;
  startedAt: string;
  refreshedAt: string;
  ttlSeconds: number;
}

export interface OssLockHandle extends LockHandle {
  /** True once a refresh found the lock gone or someone else's: this run must not write the state any more. */
  readonly lost: boolean;
}

export interface OssLockDeps {
  objects: ObjectStorePort;
  clock: Clock;
  owner: LockOwner;
  settings: OssLockSettings;
  newId(): string;
}

/** The stack's lock at `key` (`where` names it in messages). */
export class OssLock {
  constructor(
    private readonly deps: OssLockDeps,
    private readonly stack: string,
    private readonly key: string,
    private readonly where: string,
  ) {}

  async acquire(command: string): Promise<OssLockHandle> {
    const { objects, clock, owner, settings } = this.deps;
    const startedAt = new Date(clock.now()).toISOString();
    const mine: LockDocument = {
      id: this.deps.newId(),
      command,
      ...owner,
      startedAt,
      refreshedAt: startedAt,
      ttlSeconds: Math.round(settings.ttlMs / 1000),
    };
    let tookOverFrom: LockHolder | undefined;
    // Bounded: each round creates the lock, finds it held, or clears one stale lock or marker.
    for (let round = 0; round < 6; round++) {
      if ((await objects.put(this.key, encode(mine), { createOnly: true })) !== 'exists') {
        return this.held(mine, tookOverFrom);
      }
      const current = await objects.get(this.key);
      if (!current) continue;
      const holder = decode(current.body);
      // A create-only write whose answer was lost and that was sent again finds itself.
      if (holder?.id === mine.id) return this.held(mine, tookOverFrom);
      if (!this.isStale(current, holder?.ttlSeconds)) throw this.lockedError(current, holder);
      if (await this.takeOver(current, mine)) tookOverFrom = holderOf(current, holder);
    }
    throw this.lockedError(undefined, undefined);
  }

  /** Who holds the lock now, or undefined when nobody does (`state unlock`). */
  async holder(): Promise<LockHolder | 'unreadable' | undefined> {
    const current = await this.deps.objects.get(this.key);
    if (!current) return undefined;
    return holderOf(current, decode(current.body)) ?? 'unreadable';
  }

  /** Removes the lock and any takeover marker, whoever holds it (`state unlock --force`). */
  async forceRemove(): Promise<void> {
    const { objects } = this.deps;
    for (const object of await objects.list(this.key)) {
      if (object.key === this.key || object.key.startsWith(`${this.key}.takeover-`)) await objects.delete(object.key);
    }
  }

  /**
   * One attempt to clear `stale`: true when this run removed it (its create-only write comes next), false when the
   * lock changed meanwhile (the caller looks again). Exit 7 when another run is taking it over.
   */
  private async takeOver(stale: StoredObject, mine: LockDocument): Promise<boolean> {
    const { objects } = this.deps;
    const marker = `${this.key}.takeover-${stale.etag}`;
    if ((await objects.put(marker, encode(mine), { createOnly: true })) === 'exists') {
      const other = await objects.get(marker);
      const otherHolder = other && decode(other.body);
      if (otherHolder?.id === mine.id) {
        // Our own marker, its first answer lost: carry on.
      } else if (other && this.isStale(other, this.deps.settings.markerTtlMs / 1000)) {
        await objects.delete(marker);
        return false;
      } else if (other) {
        throw this.lockedError(stale, decode(stale.body), otherHolder);
      } else return false;
    }
    try {
      const again = await objects.get(this.key);
      if (again?.etag !== stale.etag) return false;
      await objects.delete(this.key);
      return true;
    } finally {
      await objects.delete(marker).catch(() => undefined);
    }
  }

  private isStale(object: StoredObject, ttlSeconds: number | undefined): boolean {
    const ttlMs = ttlSeconds !== undefined && ttlSeconds > 0 ? ttlSeconds * 1000 : this.deps.settings.ttlMs;
    const now = object.serverTime ?? this.deps.clock.now();
    return now - object.lastModified > ttlMs;
  }

  private held(mine: LockDocument, tookOverFrom: LockHolder | undefined): OssLockHandle {
    const { objects, clock, settings } = this.deps;
    const stop = new AbortController();
    let lost = false;
    const refresh = async (): Promise<void> => {
      while (!stop.signal.aborted) {
        try {
          await clock.sleep(settings.refreshMs, stop.signal);
        } catch {
          return;
        }
        try {
          const current = await objects.get(this.key);
          if (decode(current?.body)?.id !== mine.id) {
            lost = true;
            return;
          }
          mine.refreshedAt = new Date(clock.now()).toISOString();
          await objects.put(this.key, encode(mine));
        } catch {
          // A failed refresh is tried again at the next tick; the lock lasts ten of them.
        }
      }
    };
    const refreshing = Number.isFinite(settings.refreshMs) && settings.refreshMs > 0 ? refresh() : Promise.resolve();
    return {
      tookOverFrom,
      get lost() {
        return lost;
      },
      release: async () => {
        stop.abort();
        await refreshing;
        const current = await objects.get(this.key);
        if (decode(current?.body)?.id === mine.id) await objects.delete(this.key);
      },
    };
  }

  private lockedError(
    current: StoredObject | undefined,
    holder: LockDocument | undefined,
    takingOver?: LockDocument,
  ): AlbFcError {
    const named = current ? holderOf(current, holder) : undefined;
    const by = takingOver ? `, and ${describeHolder(holderOf(current!, takingOver)!)} is taking it over` : '';
    return new AlbFcError({
      code: 'STATE_LOCKED',
      message: named
        ? `stack ${this.stack} is locked by ${describeHolder(named)}${by}`
        : `stack ${this.stack} is locked (the lock ${this.where} cannot be read or keeps changing)`,
      exitCode: ExitCode.locked,
      hint:
        'Wait for that run to finish: a lock whose run stopped is taken over once it expires. If that run is ' +
        'certainly gone, `alb-fc state unlock --force` removes the lock now.',
    });
  }
}

function encode(document: LockDocument): Buffer {
  return Buffer.from(JSON.stringify(document, null, 2) + '\n', 'utf8');
}

function decode(body: Buffer | undefined): LockDocument | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Partial<LockDocument>;
    const text = (value: unknown) => typeof value === 'string';
    if (!text(parsed.id) || !text(parsed.command) || typeof parsed.pid !== 'number') return undefined;
    return parsed as LockDocument;
  } catch {
    return undefined;
  }
}

function holderOf(object: StoredObject, holder: LockDocument | undefined): LockHolder | undefined {
  if (!holder) return undefined;
  const ttlMs = (holder.ttlSeconds > 0 ? holder.ttlSeconds : 0) * 1000;
  return {
    pid: holder.pid,
    hostname: holder.hostname,
    user: holder.user,
    startedAt: holder.startedAt,
    command: holder.command,
    // The server's time of the last refresh plus the ttl: when the next run may take the lock over.
    ...(ttlMs > 0 && object.lastModified > 0 ? { expiresAt: new Date(object.lastModified + ttlMs).toISOString() } : {}),
  };
}
