// Unpacks a function's ZIP (as uploaded via CreateFunction `code.zipFile`) into its own directory. Entries that
// would land outside it (absolute paths, `..`: "zip slip") make the whole package invalid rather than being
// skipped, so a bad package never runs half-extracted.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { RuntimeError } from './runtime-error.js';

/** Assumption: FC's limit on a code package's unzipped size is in the hundreds of MB; 512 MB bounds the disk. */
const DEFAULT_MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;
const MAX_ENTRIES = 100_000;

export interface ZipLimits {
  maxUnzippedBytes?: number;
}

/** The entry's path relative to the code root (`/`-separated, `''` for the root itself); throws if unsafe. */
export function safeEntryPath(name: string): string {
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.includes('\0')) {
    throw new RuntimeError('InvalidCode', `code package entry '${name}' has an absolute path`);
  }
  const segments = unified.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    throw new RuntimeError('InvalidCode', `code package entry '${name}' points outside the code directory`);
  }
  return segments.join('/');
}

/**
 * Reads the ZIP's directory and checks every entry's path and the declared sizes; decompresses the entries
 * only when `decompress` is set. Throws `InvalidCode` when the package cannot be used.
 */
function readZip(
  zip: Buffer,
  limits: ZipLimits,
  decompress: boolean,
): { raw: Record<string, Uint8Array>; files: number } {
  const maxBytes = limits.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES;
  let total = 0;
  let count = 0;
  let files = 0;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), {
      filter: (file) => {
        if (safeEntryPath(file.name) !== '' && !/[/\\]$/.test(file.name)) files += 1;
        total += file.originalSize;
        count += 1;
        if (total > maxBytes || count > MAX_ENTRIES) {
          throw new RuntimeError('InvalidCode', `code package unzips to more than ${maxBytes} bytes`);
        }
        return decompress;
      },
    });
  } catch (error) {
    if (error instanceof RuntimeError) throw error;
    throw new RuntimeError('InvalidCode', `code package is not a readable ZIP file: ${String(error)}`, {
      cause: error,
    });
  }
  return { raw, files };
}

/** Decompresses and checks every entry. */
function readZipEntries(zip: Buffer, limits: ZipLimits): Map<string, Uint8Array> {
  const { raw } = readZip(zip, limits, true);
  const entries = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(raw)) {
    const relative = safeEntryPath(name);
    if (relative === '') continue;
    entries.set(name.endsWith('/') || name.endsWith('\\') ? `${relative}/` : relative, data);
  }
  return entries;
}

/**
 * Cheap check for the control plane (CreateFunction/UpdateFunction): is this ZIP usable? Reads its directory
 * only; the entries are decompressed once, when the code is first extracted to run.
 */
export function checkZip(
  zip: Buffer,
  limits: ZipLimits = {},
): { ok: true; files: number } | { ok: false; message: string } {
  try {
    return { ok: true, files: readZip(zip, limits, false).files };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Extracts the ZIP `loadZip` reads to `targetDir` unless it already exists (then the ZIP is not read).
 * Extraction goes to a sibling temporary directory that is renamed into place, so an existing `targetDir` is
 * always complete (it may survive from an earlier run when the work dir is the emulator's data dir).
 */
export async function extractZipTo(
  loadZip: () => Promise<Buffer>,
  targetDir: string,
  limits: ZipLimits = {},
): Promise<void> {
  if (await exists(targetDir)) return;
  const entries = readZipEntries(await loadZip(), limits);
  const staging = `${targetDir}.tmp-${randomBytes(6).toString('hex')}`;
  const root = path.resolve(staging);
  try {
    await mkdir(root, { recursive: true });
    for (const [relative, data] of entries) {
      const destination = path.resolve(root, ...relative.split('/'));
      if (!destination.startsWith(root + path.sep)) {
        throw new RuntimeError('InvalidCode', `code package entry '${relative}' points outside the code directory`);
      }
      if (relative.endsWith('/')) {
        await mkdir(destination, { recursive: true });
      } else {
        await mkdir(path.dirname(destination), { recursive: true });
        await writeFile(destination, data);
      }
    }
    try {
      await rename(root, targetDir);
    } catch (error) {
      // Another extraction of the same checksum won the race: its copy is identical.
      if (!(await exists(targetDir))) throw error;
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
