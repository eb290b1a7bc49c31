import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../lib/fs/atomic-write.js';

// The local cloud's whole state. `data` is plain JSON, one slice per service, so it can be persisted
// after every change and restored after a restart or a kill -9. Function code lives beside it as blobs
// addressed by their sha256.

export interface WorldData {
  version: 1;
  /** Each service owns its slice and its shape. */
  services: Record<string, unknown>;
  /** ClientToken records (src/emulator/core/idempotency.ts). */
  idempotency: Record<string, unknown>;
}

export interface BlobStore {
  put(data: Buffer): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
}

interface Waiters {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export class World {
  data: WorldData;
  readonly blobs: BlobStore;
  private readonly file: string | undefined;
  /** The text on disk: a save that would write the same text writes nothing. */
  private written: string | undefined;
  private writing = false;
  /** Saves asked for while a write runs: one more write, with the data as it is then, answers them all. */
  private next: Waiters | undefined;

  private constructor(data: WorldData, blobs: BlobStore, file: string | undefined, written: string | undefined) {
    this.data = data;
    this.blobs = blobs;
    this.file = file;
    this.written = written;
  }

  /** Loads `<dataDir>/state.json` when it exists; otherwise an empty world (persisted when dataDir is set). */
  static async open(dataDir: string | undefined): Promise<World> {
    if (!dataDir) return new World(emptyData(), new MemoryBlobs(), undefined, undefined);
    const blobDir = join(dataDir, 'blobs');
    await mkdir(blobDir, { recursive: true });
    const file = join(dataDir, 'state.json');
    let data = emptyData();
    let written: string | undefined;
    try {
      const text = await readFile(file, 'utf8');
      const parsed = JSON.parse(text) as WorldData;
      if (parsed.version === 1) {
        data = parsed;
        written = text;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new World(data, new FileBlobs(blobDir), file, written);
  }

  /** The slice of one service, created by `init` the first time. */
  slice<T>(service: string, init: () => T): T {
    if (!(service in this.data.services)) this.data.services[service] = init();
    return this.data.services[service] as T;
  }

  reset(): void {
    this.data = emptyData();
  }

  /**
   * Persists the current data, when it changed since the last write. One write at a time: saves asked for
   * meanwhile share the next write, which takes the data as it is when it starts. A failed write rejects
   * its own callers only; the next save writes again.
   */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    if (this.writing) {
      this.next ??= waiters();
      return this.next.promise;
    }
    return this.write(this.file);
  }

  private async write(file: string): Promise<void> {
    const text = JSON.stringify(this.data);
    if (text === this.written) return;
    this.writing = true;
    try {
      await writeFileAtomic(file, text);
      this.written = text;
    } finally {
      this.writing = false;
      const next = this.next;
      this.next = undefined;
      if (next) this.write(file).then(next.resolve, next.reject);
    }
  }
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function emptyData(): WorldData {
  return { version: 1, services: {}, idempotency: {} };
}

function blobKey(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

class MemoryBlobs implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();
  async put(data: Buffer): Promise<string> {
    const key = blobKey(data);
    this.blobs.set(key, data);
    return key;
  }
  async get(key: string): Promise<Buffer | undefined> {
    return this.blobs.get(key);
  }
}

class FileBlobs implements BlobStore {
  constructor(private readonly dir: string) {}
  async put(data: Buffer): Promise<string> {
    const key = blobKey(data);
    const path = join(this.dir, key);
    // Named by its content and written atomically: a blob that exists is this one, complete.
    const present = await access(path).then(
      () => true,
      () => false,
    );
    if (!present) await writeFileAtomic(path, data);
    return key;
  }
  async get(key: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{64}$/.test(key)) return undefined;
    try {
      return await readFile(join(this.dir, key));
    } catch {
      return undefined;
    }
  }
}
