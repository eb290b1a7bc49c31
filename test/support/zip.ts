// Function code packages for the tests: real ZIPs built with fflate. Imports nothing from src/, so the
// outsider suite can use it too.
import { zipSync } from 'fflate';

// A fixed timestamp: the same files always make the same ZIP bytes (and the same FC codeChecksum).
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

export function makeZip(files: Record<string, string | Uint8Array>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) {
    entries[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  return Buffer.from(zipSync(entries, { mtime: FIXED_MTIME }));
}
