import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDeps } from '../../src/emulator/admin/admin.js';
import type { PipelineDeps } from '../../src/emulator/pipeline/deps.js';
import { World } from '../../src/emulator/core/world.js';
import { startLocalCloud, type LocalCloud } from '../../src/emulator/index.js';
import { createLocalCloudServer } from '../../src/emulator/server.js';

// The local cloud's core under bad input and failures: a write that fails, a path that does not decode, a
// port in use, a client that leaves mid-upload, malformed fault rules, an oversized body.

const dirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** One raw HTTP exchange: the path goes out exactly as given (no URL normalisation). */
function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; headers: Record<string, unknown>; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('persistence', () => {
  it('saves again after a failed write (regression: one failure made every later save fail)', async () => {
    const dir = await tempDir('alb-fc-world-');
    const world = await World.open(dir);
    // state.json cannot be replaced while it is a non-empty directory.
    await mkdir(join(dir, 'state.json', 'in-the-way'), { recursive: true });
    world.data.services.probe = 1;
    await expect(world.save()).rejects.toThrow();
    await rm(join(dir, 'state.json'), { recursive: true });
    world.data.services.probe = 2;
    await world.save();
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toMatchObject({ services: { probe: 2 } });
  });

  it('writes the latest data once concurrent saves settle, and nothing when nothing changed', async () => {
    const dir = await tempDir('alb-fc-world-');
    const world = await World.open(dir);
    const saves: Array<Promise<void>> = [];
    for (let i = 1; i <= 5; i++) {
      world.data.services.counter = i;
      saves.push(world.save());
    }
    await Promise.all(saves);
    const file = join(dir, 'state.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ services: { counter: 5 } });
    // Each write renames a new file into place: an unchanged world leaves the same file.
    const before = (await stat(file)).ino;
    await world.save();
    expect((await stat(file)).ino).toBe(before);
  });
});

describe('the API endpoint', () => {
  let cloud: LocalCloud;
  const internalErrors: unknown[] = [];
  beforeAll(async () => {
    cloud = await startLocalCloud({
      behaviour: { maxBodyBytes: 1024 },
      onInternalError: (error) => internalErrors.push(error),
    });
  });
  afterAll(async () => {
    await cloud.close();
  });
  afterEach(() => {
    expect(internalErrors).toEqual([]);
  });

  it('answers 400 for a path with a malformed escape (regression: 500)', async () => {
    const answer = await raw(cloud.port, { path: '/2023-03-30/functions/%E0%A4%A' });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ Code: 'InvalidArgument' });
    expect(answer.json.RequestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('refuses fault rules with fields of the wrong type (regression: "delayMs":"100" was taken)', async () => {
    for (const rule of [
      { delayMs: '100' },
      { count: '2' },
      { count: 1.5 },
      { service: 7 },
      { service: 'ecs' },
      { action: ['CreateListener'] },
      { error: { status: 429, code: 'Throttling', headers: { 'x-acs-retry-after': 1000 } } },
    ]) {
      const answer = await raw(cloud.port, {
        method: 'POST',
        path: '/_emulator/faults',
        body: Buffer.from(JSON.stringify(rule)),
      });
      expect([JSON.stringify(rule), answer.status]).toEqual([JSON.stringify(rule), 400]);
      expect(String(answer.json.error)).toMatch(/^invalid fault rule: /);
    }
    const listed = await raw(cloud.port, { path: '/_emulator/faults' });
    expect(listed.json).toEqual({ rules: [] });
  });

  it('refuses an oversized body in the product’s error shape, logged, closing the connection', async () => {
    const refused = await new Promise<{ status: number; connection: unknown; json: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port: cloud.port,
          method: 'POST',
          path: '/2023-03-30/functions',
          headers: { 'content-length': '4096', 'content-type': 'application/json' },
          agent: false,
        });
        // The answer comes from the declared length; the body is sent only if none came (as curl does).
        const timer = setTimeout(() => req.end(Buffer.alloc(4096, 32)), 2000);
        req.on('response', (res) => {
          clearTimeout(timer);
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              connection: res.headers.connection,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
            });
            req.destroy();
          });
        });
        req.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        req.flushHeaders();
      },
    );
    expect(refused).toMatchObject({
      status: 400,
      connection: 'close',
      json: { Code: 'EntityTooLarge', Message: 'payload size exceeds maximum allowed size (1024 bytes)' },
    });
    expect(refused.json.RequestId).toMatch(/^1-/);
    const calls = (await raw(cloud.port, { path: '/_emulator/calls' })).json.calls as Array<Record<string, unknown>>;
    expect(calls.at(-1)).toMatchObject({
      service: 'fc',
      action: 'CreateFunction',
      status: 400,
      code: 'EntityTooLarge',
    });
  });
});

describe('start and connections', () => {
  it('a start that fails on a port in use leaves no server and no temp dir behind (regression: leaked)', async () => {
    const blocker = createServer();
    const port = await listen(blocker);
    const scratch = await tempDir('alb-fc-tmp-');
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
      const before = servers();
      await expect(startLocalCloud({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(servers()).toBe(before);
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      await close(blocker);
    }
  });

  it('lets a client that aborts its upload go without reporting an internal error', async () => {
    const internalErrors: unknown[] = [];
    const server = createLocalCloudServer(
      {
        options: { maxBodyBytes: 1024 },
        onInternalError: (error: unknown) => internalErrors.push(error),
      } as unknown as PipelineDeps,
      {} as AdminDeps,
    );
    const port = await listen(server);
    try {
      const received = new Promise<void>((resolve) => server.once('request', () => resolve()));
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('POST /2023-03-30/functions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 100\r\n\r\npartial');
      await received;
      socket.destroy();
      // The server has seen the connection close once it counts none; then its handlers have run.
      for (;;) {
        const open = await new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count)));
        if (open === 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(internalErrors).toEqual([]);
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });
});
