import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

// The local cloud as a child process: `node bin/alb-fc.js emulator start --json`, known by its ready line.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const binPath = join(repoRoot, 'bin', 'alb-fc.js');

export interface ReadyLine {
  event: 'ready';
  endpoint: string;
  region: string;
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
  loadBalancers: Array<{ id: string; dnsName: string; addressType: string }>;
  domains: string[];
  buckets: string[];
}

export interface Cloud {
  info: ReadyLine;
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** `127.0.0.1:PORT`, what the SDKs take as `endpoint` */
  host: string;
  /** Everything the process printed on stdout (exactly the ready line). */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then wait for the process to end (SIGKILL after 10 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: the process gets no chance to clean up. */
  kill9(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

/** `alb-fc emulator start --json --port 0 [args]`, resolved once its ready line is read. */
export async function startCloud(args: string[] = [], env: Record<string, string> = {}): Promise<Cloud> {
  const child = spawn(process.execPath, [binPath, 'emulator', 'start', '--json', '--port', '0', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (err += chunk));
  const info = await new Promise<ReadyLine>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no ready line within 20 s; stderr: ${err}`));
    }, 20_000);
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        ready(JSON.parse(out.slice(0, newline)) as ReadyLine);
      } catch (error) {
        child.kill('SIGKILL');
        fail(new Error(`the first stdout line is not JSON: ${out.slice(0, newline)} (${String(error)})`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited before ready (code ${code}, signal ${signal}): ${err}`));
    });
  });
  return {
    info,
    endpoint: info.endpoint,
    host: info.endpoint.replace(/^http:\/\//, ''),
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited(child);
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/**
 * One local cloud for the file's tests: started before them, stopped after them. Answers a stand-in whose
 * properties read the running cloud, so it can be used like the cloud itself (inside hooks and tests).
 */
export function useCloud(args: string[] = [], env: Record<string, string> = {}): Cloud {
  let started: Cloud | undefined;
  beforeAll(async () => {
    started = await startCloud(args, env);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const cloud = (): Cloud => {
    if (!started) throw new Error('the local cloud of useCloud() runs only inside hooks and tests');
    return started;
  };
  return {
    get info() {
      return cloud().info;
    },
    get endpoint() {
      return cloud().endpoint;
    },
    get host() {
      return cloud().host;
    },
    stdout: () => cloud().stdout(),
    stderr: () => cloud().stderr(),
    stop: () => cloud().stop(),
    kill9: () => cloud().kill9(),
  };
}

/** Runs `use` with `content` in a file of a fresh temp directory, removed afterwards whatever happens. */
export async function withTempFile<T>(content: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'alb-fc-outsider-'));
  try {
    const file = join(dir, 'input.json');
    writeFileSync(file, content);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
