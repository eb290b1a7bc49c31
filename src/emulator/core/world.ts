import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';

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

export class World {
  data: WorldData;
  readonly blobs: BlobStore;
  private readonly file: string | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(data: WorldData, blobs: BlobStore, file: string | undefined) {
    this.data = data;
    this.blobs = blobs;
    this.file = file;
  }

  /** Loads `<dataDir>/state.json` when it exists; otherwise an empty world (persisted when dataDir is set). */
  static async open(dataDir: string | undefined): Promise<World> {
    const blobs = dataDir ? new FileBlobs(join(dataDir, 'blobs')) : new MemoryBlobs();
    const file = dataDir ? join(dataDir, 'state.json') : undefined;
    let data: WorldData = emptyData();
    if (file) {
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as WorldData;
        if (parsed.version === 1) data = parsed;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return new World(data, blobs, file);
  }

  /** The slice of one service, created by `init` the first time. */
  slice<T>(service: string, init: () => T): T {
    if (!(service in this.data.services)) this.data.services[service] = init();
    return this.data.services[service] as T;
  }

  reset(): void {
    this.data = emptyData();
  }

  /** Persists the current data; calls are serialised so renames never race. */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    const file = this.file;
    const snapshot = JSON.stringify(this.data);
    this.saving = this.saving.then(() => writeFileAtomic(file, snapshot));
    return this.saving;
  }
}

function emptyData(): WorldData {
  return { version: 1, services: {}, idempotency: {} };
}

class MemoryBlobs implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();
  async put(data: Buffer): Promise<string> {
    const key = createHash('sha256').update(data).digest('hex');
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
    const key = createHash('sha256').update(data).digest('hex');
    await writeFileAtomic(join(this.dir, key), data);
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
