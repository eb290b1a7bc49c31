// The OSS state store as the CLI builds it — the ali-oss adapter over loopback HTTP to an in-process local cloud —
// with a chosen lock owner, lock settings and clock, so a test plays several runs on several machines.
import type { Clock } from '../../../src/clock.js';
import type { ObjectStorePort } from '../../../src/cloud/object-store.js';
import { observedCall } from '../../../src/cloud/sdk/call.js';
import { resolveCredential } from '../../../src/cloud/sdk/index.js';
import { createOssAdapter } from '../../../src/cloud/sdk/oss-adapter.js';
import type { LocalCloud } from '../../../src/emulator/index.js';
import type { LockOwner, OssLockSettings } from '../../../src/state/oss-lock.js';
import { OssStateStore } from '../../../src/state/oss-store.js';
import type { OssStateLocation } from '../../../src/state/state-location.js';

export const TEAM: OssStateLocation = { kind: 'oss', bucket: 'alb-fc-state', prefix: 'team' };

export function objectStore(cloud: LocalCloud, bucket = TEAM.bucket): ObjectStorePort {
  const credential = resolveCredential({
    kind: 'static',
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    source: 'test',
  }).credential;
  return createOssAdapter(
    { region: cloud.info.region, endpoint: cloud.endpoint, credential, readTimeoutMs: 10_000, connectTimeoutMs: 5_000 },
    bucket,
    observedCall(() => undefined),
  );
}

export interface RunOptions {
  owner: LockOwner;
  clock: Clock;
  lock?: Partial<OssLockSettings>;
  /** Wraps the object store (to damage what it reads back). */
  objects?: (objects: ObjectStorePort) => ObjectStorePort;
}

/** One machine's view of the team's state. Refreshes are off unless `lock.refreshMs` says otherwise. */
export function teamStore(cloud: LocalCloud, options: RunOptions): OssStateStore {
  const objects = objectStore(cloud);
  return new OssStateStore({
    objects: options.objects ? options.objects(objects) : objects,
    location: TEAM,
    clock: options.clock,
    owner: options.owner,
    lock: { refreshMs: Infinity, ...options.lock },
  });
}

/**
 * A clock whose sleeps last until `tick()` (or until their signal aborts): a lock refresh happens exactly when
 * the test says.
 */
export class TickClock implements Clock {
  private readonly sleeping = new Set<() => void>();
  private readonly waiters: Array<() => void> = [];

  now(): number {
    return Date.now();
  }

  sleep(_ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        this.sleeping.delete(wake);
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = (): void => {
        this.sleeping.delete(wake);
        reject(signal?.reason);
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.sleeping.add(wake);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  /** Resolves once something sleeps. */
  asleep(): Promise<void> {
    if (this.sleeping.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Wakes every sleeper (a refresh runs); `asleep()` then tells when the next sleep began. */
  async tick(): Promise<void> {
    await this.asleep();
    for (const wake of [...this.sleeping]) wake();
  }
}
