// Helpers shared by the runtime and data plane tests: real ZIPs built with fflate, temp work dirs, pid checks.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { crc64 } from '../../../src/lib/crc64.js';
import type { FunctionConfig } from '../../../src/emulator/runtime/index.js';

// A fixed timestamp: the same files always make the same ZIP bytes (and the same FC codeChecksum).
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

export function makeZip(files: Record<string, string | Uint8Array>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) {
    entries[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  return Buffer.from(zipSync(entries, { mtime: FIXED_MTIME }));
}

/** A function's configuration; its key is its name unless `overrides` says otherwise, `zip` is what it loads. */
export function functionConfig(
  name: string,
  files: Record<string, string | Uint8Array>,
  overrides: Partial<FunctionConfig> = {},
): FunctionConfig & { zip: Buffer } {
  const zip = makeZip(files);
  return {
    key: name,
    name,
    runtime: 'nodejs20',
    handler: 'index.handler',
    timeoutSeconds: 10,
    memorySize: 256,
    environmentVariables: {},
    zip,
    loadZip: async () => zip,
    codeChecksum: crc64(zip),
    ...overrides,
  };
}

export async function tempWorkDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'alb-fc-runtime-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls until the process is gone; fails after the deadline (a bound, not a timing assertion). */
export async function waitUntilGone(pid: number, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (isAlive(pid)) {
    if (Date.now() > end) throw new Error(`process ${pid} still running after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
