// The state store for tests: the same contract as the file store (JSON round trip through the schema and the
// migrations, a lock with a liveness check), kept in a Map that several store instances can share to play
// several processes working on the same "disk".
import type { Clock } from '../clock.js';
import type { StackState } from './schema.js';
import {
  assertStackName,
  lockedError,
  parseStateFile,
  type LoadedState,
  type LockHandle,
  type LockHolder,
  type StateStore,
} from './store.js';

export interface MemoryDisk {
  files: Map<string, string>;
  locks: Map<string, LockHolder & { token: number }>;
  nextToken: number;
}

export function memoryDisk(): MemoryDisk {
  return { files: new Map(), locks: new Map(), nextToken: 1 };
}

export interface MemoryStateStoreOptions {
  disk?: MemoryDisk;
  clock?: Clock;
  pid?: number;
  hostname?: string;
  /** Which pids are alive; defaults to "every pid". */
  isAlive?: (pid: number) => boolean;
}

export class MemoryStateStore implements StateStore {
  readonly disk: MemoryDisk;
  private readonly pid: number;
  private readonly hostname: string;
  private readonly isAlive: (pid: number) => boolean;
  /** Number of successful saves, for tests. */
  saves = 0;

  constructor(private readonly options: MemoryStateStoreOptions = {}) {
    this.disk = options.disk ?? memoryDisk();
    this.pid = options.pid ?? 1000;
    this.hostname = options.hostname ?? 'test-host';
    this.isAlive = options.isAlive ?? (() => true);
  }

  describe(stack: string): string {
    return `memory:.alb-fc/${stack}.state.json`;
  }

  async lock(stack: string, command: string): Promise<LockHandle> {
    assertStackName(stack);
    const held = this.disk.locks.get(stack);
    let tookOverFrom: LockHolder | undefined;
    if (held) {
      if (held.hostname !== this.hostname || this.isAlive(held.pid)) {
        throw lockedError(stack, held, this.describe(stack).replace('.state.json', '.lock'));
      }
      tookOverFrom = { pid: held.pid, hostname: held.hostname, startedAt: held.startedAt, command: held.command };
    }
    const token = this.disk.nextToken++;
    const startedAt = new Date(this.options.clock?.now() ?? 0).toISOString();
    this.disk.locks.set(stack, { pid: this.pid, hostname: this.hostname, startedAt, command, token });
    const disk = this.disk;
    return {
      tookOverFrom,
      async release() {
        if (disk.locks.get(stack)?.token === token) disk.locks.delete(stack);
      },
    };
  }

  async load(stack: string): Promise<LoadedState | undefined> {
    assertStackName(stack);
    const text = this.disk.files.get(stack);
    if (text === undefined) return undefined;
    return parseStateFile(text, this.describe(stack), stack);
  }

  async save(state: StackState): Promise<void> {
    assertStackName(state.stack);
    this.disk.files.set(state.stack, JSON.stringify(state));
    this.saves++;
  }

  async remove(stack: string): Promise<void> {
    this.disk.files.delete(stack);
  }

  /** The raw saved document, for assertions. */
  peek(stack: string): StackState | undefined {
    const text = this.disk.files.get(stack);
    return text === undefined ? undefined : (JSON.parse(text) as StackState);
  }
}
