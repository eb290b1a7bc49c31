// The deployment package of step 1: the built-in sample or --code DIR zipped in memory, or --code file.zip
// as is. The ZIP must be byte-for-byte stable for the same files, because its crc64 is compared with FC's
// `codeChecksum` to decide between "update" and "unchanged": entries are sorted, and every entry gets the
// same timestamp (built from local-time parts, since ZIP stores local time and fflate reads it that way).
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { usageError } from '../errors.js';
import { crc64 } from '../lib/crc64.js';
import type { CodeSource } from '../stack-input.js';
import { SAMPLE_INDEX_JS } from './sample-code.js';

export interface CodePackage {
  zip: Buffer;
  checksum: string;
  /** For messages: `built-in sample`, `directory ./app (3 files)`, `app.zip`. */
  description: string;
}

const FIXED_MTIME = new Date(1980, 0, 1, 12, 0, 0);
const SKIPPED = new Set(['.git', '.alb-fc']);

export function zipFiles(files: { path: string; data: Uint8Array; mode?: number }[]): Buffer {
  const tree: Zippable = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    // Unix permissions survive (os 3), so an executable `bootstrap` of a custom runtime stays executable.
    tree[file.path] = [file.data, { mtime: FIXED_MTIME, os: 3, attrs: ((file.mode ?? 0o644) & 0o777) << 16 }];
  }
  return Buffer.from(zipSync(tree, { level: 6, mtime: FIXED_MTIME }));
}

async function listFiles(root: string, dir: string, out: { path: string; absolute: string }[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (SKIPPED.has(entry.name)) continue;
    const absolute = join(dir, entry.name);
    const info = await stat(absolute); // follows symlinks: the package holds what they point to
    if (info.isDirectory()) await listFiles(root, absolute, out);
    else if (info.isFile()) out.push({ path: relative(root, absolute).split(sep).join('/'), absolute });
  }
}

export async function packageCode(source: CodeSource): Promise<CodePackage> {
  if (source.kind === 'sample') {
    const zip = zipFiles([{ path: 'index.js', data: Buffer.from(SAMPLE_INDEX_JS, 'utf8') }]);
    return { zip, checksum: crc64(zip), description: 'built-in sample' };
  }
  if (source.kind === 'zip') {
    let zip: Buffer;
    try {
      zip = await readFile(source.path);
    } catch (error) {
      throw usageError('CODE_UNREADABLE', `--code ${source.path}: ${(error as Error).message}`);
    }
    // A ZIP starts with a local file header (PK\3\4), or is an empty archive (PK\5\6).
    if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) {
      throw usageError(
        'CODE_NOT_ZIP',
        `--code ${source.path} is not a ZIP archive`,
        'Pass a directory or a .zip file.',
      );
    }
    return { zip, checksum: crc64(zip), description: source.path };
  }
  const found: { path: string; absolute: string }[] = [];
  try {
    await listFiles(source.path, source.path, found);
  } catch (error) {
    throw usageError('CODE_UNREADABLE', `--code ${source.path}: ${(error as Error).message}`);
  }
  if (found.length === 0) throw usageError('CODE_EMPTY', `--code ${source.path} contains no files`);
  const files = await Promise.all(
    found.map(async (f) => ({ path: f.path, data: await readFile(f.absolute), mode: (await stat(f.absolute)).mode })),
  );
  const zip = zipFiles(files);
  return { zip, checksum: crc64(zip), description: `directory ${source.path} (${files.length} files)` };
}

/**
 * A code source's package, zipped once per run (plan and apply, and the connectivity test that compares the sample
 * with what was deployed, share it); each route's own code is its own.
 */
export function packagedCode(
  ctx: { memo<T>(key: string, compute: () => Promise<T>): Promise<T> },
  source: CodeSource,
): Promise<CodePackage> {
  return ctx.memo(`function-code:${JSON.stringify(source)}`, () => packageCode(source));
}
