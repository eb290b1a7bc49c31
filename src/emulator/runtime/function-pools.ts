// The warm instances of every function, one pool per function configuration (instance-pool.ts). Functions are
// told apart by `FunctionConfig.key` (account, region, name, qualifier), never by name alone: two accounts'
// `demo`, or a function's LATEST and its version 1, keep their own instances. A new configuration of a function
// (an update) retires its old pools: they take no new work and stop once their requests are answered.
import { sha256, type CodeStore } from './code-store.js';
import { InstancePool, type PoolLimits } from './instance-pool.js';
import type { Launcher, Prepared } from './launcher.js';
import type { FunctionConfig, InstanceInfo, Placement } from './types.js';

/** A live pool and the preparation of its code (shared by every instance it starts). */
export interface PoolEntry {
  pool: InstancePool;
  /** How instances of this configuration's language start. */
  launcher: Launcher;
  preparing: Promise<Prepared> | undefined;
  /** Set once `preparing` resolved; instances start only after that. */
  prepared: Prepared | undefined;
}

export class FunctionPools {
  /** Live pools by configuration key; a function has one, unless a stale request revived an older one. */
  private readonly live = new Map<string, PoolEntry>();
  /** Pools that take no new work but still have instances finishing. */
  private readonly retired = new Set<InstancePool>();
  private closed = false;

  constructor(
    private readonly limits: PoolLimits,
    private readonly code: CodeStore,
    private readonly launcherFor: (runtime: string) => Launcher,
  ) {}

  /** The pool for this exact configuration; a new configuration of the same function retires the old pools. */
  entryFor(fn: FunctionConfig, where: Placement): PoolEntry {
    const codeDir = this.code.dirFor(fn);
    const key = configKey(fn, codeDir, where);
    const existing = this.live.get(key);
    if (existing !== undefined) return existing;
    for (const other of [...this.live.values()]) {
      if (other.pool.functionKey === fn.key) void this.retire(other.pool);
    }
    const pool: InstancePool = new InstancePool(
      key,
      fn.key,
      fn.name,
      fn.codeChecksum,
      codeDir,
      this.limits,
      () => launcher.start(fn, where, codeDir, entry.prepared),
      (drained) => this.onDrained(drained),
    );
    const launcher = this.launcherFor(fn.runtime);
    const entry: PoolEntry = { pool, launcher, preparing: undefined, prepared: undefined };
    this.live.set(key, entry);
    return entry;
  }

  /** Retires every pool of the function `key` names. */
  async dispose(key: string): Promise<void> {
    const pools = [...this.live.values()].filter((e) => e.pool.functionKey === key).map((e) => e.pool);
    await Promise.all(pools.map((pool) => this.retire(pool)));
  }

  instances(): InstanceInfo[] {
    return this.all().flatMap((pool) => pool.info());
  }

  /** The live pools of the function `key` names (its current configuration; briefly an older one too). */
  liveOf(key: string): InstancePool[] {
    return [...this.live.values()].map((e) => e.pool).filter((pool) => pool.functionKey === key);
  }

  /** Kills every instance; resolves once they exited. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all().map((pool) => pool.close()));
  }

  private all(): InstancePool[] {
    return [...[...this.live.values()].map((e) => e.pool), ...this.retired];
  }

  private retire(pool: InstancePool): Promise<void> {
    const entry = this.live.get(pool.key);
    if (entry?.pool === pool) this.live.delete(pool.key);
    this.retired.add(pool);
    return pool.retire();
  }

  /** A retired pool's last instance exited: forget it and delete its code unless another pool still uses it. */
  private onDrained(pool: InstancePool): void {
    this.retired.delete(pool);
    if (this.closed) return;
    const inUse =
      [...this.live.values()].some((e) => e.pool.codeDir === pool.codeDir) ||
      [...this.retired].some((p) => p.codeDir === pool.codeDir);
    if (!inUse) this.code.discard(pool.codeDir);
  }
}

/** Everything an instance bakes in at start; a change means new instances (FC restarts instances on update). */
function configKey(fn: FunctionConfig, codeDir: string, where: Placement): string {
  const env = Object.entries(fn.environmentVariables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(
    JSON.stringify([
      fn.key,
      fn.name,
      fn.runtime,
      fn.handler,
      fn.memorySize ?? null,
      env,
      codeDir,
      where.accountId,
      where.region,
    ]),
  );
}
