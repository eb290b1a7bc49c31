// Helpers shared by the runtime and data plane tests: function configurations, temp work dirs, pid checks.
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { crc64 } from '../../../src/lib/crc64.js';
import {
  createFunctionRuntime,
  type FunctionConfig,
  type FunctionRuntime,
  type FunctionRuntimeOptions,
} from '../../../src/emulator/runtime/index.js';
import { processIsAlive } from '../../../src/lib/fs/pid-lock.js';
import { makeZip } from '../../support/zip.js';

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

/** Polls until the process is gone; fails after the deadline (a bound, not a timing assertion). */
export async function waitUntilGone(pid: number, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (processIsAlive(pid)) {
    if (Date.now() > end) throw new Error(`process ${pid} still running after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One function runtime in a temp work dir for the tests of a describe, closed and removed after them. */
export function useFunctionRuntime(options: Omit<FunctionRuntimeOptions, 'workDir'> = {}): {
  readonly runtime: FunctionRuntime;
} {
  let workDir: string | undefined;
  let runtime: FunctionRuntime | undefined;
  beforeAll(async () => {
    workDir = await tempWorkDir();
    runtime = createFunctionRuntime({ workDir, ...options });
  });
  afterAll(async () => {
    await runtime?.close();
    if (workDir !== undefined) await removeDir(workDir);
  });
  return {
    get runtime() {
      if (runtime === undefined) throw new Error('useFunctionRuntime(): the runtime exists only inside tests');
      return runtime;
    },
  };
}
