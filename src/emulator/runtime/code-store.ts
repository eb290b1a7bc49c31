// Where functions' code lives on disk: one directory per function name and code checksum under
// `<workDir>/functions/`, extracted from the ZIP once however many instances start from it, and removed when
// the last pool using it is gone.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractZipTo } from './extract-zip.js';
import { RuntimeError } from './runtime-error.js';
import type { FunctionConfig } from './types.js';

const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

export class CodeStore {
  private readonly extracting = new Map<string, Promise<void>>();
  private readonly removing = new Map<string, Promise<void>>();
  private functionsDir: Promise<string> | undefined;

  constructor(
    private readonly workDir: string,
    private readonly maxUnzippedBytes: number | undefined,
  ) {}

  /** The directory the function's code is extracted to: its name (hashed when unsafe) and its checksum. */
  dirFor(fn: FunctionConfig): string {
    if (!SAFE_SEGMENT.test(fn.codeChecksum)) {
      throw new RuntimeError('InvalidCode', `code checksum '${fn.codeChecksum}' cannot name a code directory`);
    }
    const name = SAFE_SEGMENT.test(fn.name) ? fn.name : `fn-${sha256(fn.name).slice(0, 16)}`;
    return path.join(this.workDir, 'functions', name, fn.codeChecksum);
  }

  /** Extracts the code into `codeDir` unless it is there already (or being extracted). */
  async ensure(fn: FunctionConfig, codeDir: string): Promise<void> {
    await this.removing.get(codeDir);
    let extraction = this.extracting.get(codeDir);
    if (extraction === undefined) {
      extraction = (async () => {
        await this.prepareFunctionsDir();
        await extractZipTo(() => fn.loadZip(), codeDir, { maxUnzippedBytes: this.maxUnzippedBytes });
      })();
      this.extracting.set(codeDir, extraction);
      extraction.catch(() => {
        if (this.extracting.get(codeDir) === extraction) this.extracting.delete(codeDir);
      });
    }
    await extraction;
  }

  /** No pool uses `codeDir` any more: delete it (a later `ensure` waits for the removal, then extracts again). */
  discard(codeDir: string): void {
    this.extracting.delete(codeDir);
    const removal = rm(codeDir, { recursive: true, force: true })
      .catch(() => undefined)
      .finally(() => {
        if (this.removing.get(codeDir) === removal) this.removing.delete(codeDir);
      });
    this.removing.set(codeDir, removal);
  }

  /** `functions/`, with a package.json written once per runtime. */
  private prepareFunctionsDir(): Promise<string> {
    this.functionsDir ??= (async () => {
      // Any package.json ends Node's search for a module's "type": this one keeps a project around the work dir
      // (e.g. `"type": "module"`) from changing how the function's `.js` files load (FC's /code has no parent).
      const functionsDir = path.join(this.workDir, 'functions');
      await mkdir(functionsDir, { recursive: true });
      await writeFile(path.join(functionsDir, 'package.json'), '{"type":"commonjs"}\n');
      return functionsDir;
    })();
    const preparing = this.functionsDir;
    // A failed write (I/O) is tried again by the next extraction.
    preparing.catch(() => {
      if (this.functionsDir === preparing) this.functionsDir = undefined;
    });
    return preparing;
  }
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
