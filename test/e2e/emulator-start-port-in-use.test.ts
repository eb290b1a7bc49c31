import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `alb-fc emulator start --port <busy>` as a user runs it (the compiled CLI). Regression: the local cloud
// had opened its load balancers' loopback ports before the endpoint's port failed, and left them open, so
// the command printed the error and then never exited.

const launcher = resolve(import.meta.dirname, '../../bin/alb-fc.js');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'alb-fc-e2e-port-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('alb-fc emulator start on a port in use', () => {
  it('reports the port and exits, leaving no temp dir behind', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as AddressInfo).port;
    const temp = join(scratch, 'tmp');
    await mkdir(temp);
    try {
      const outcome = await new Promise<{ code: number | null; killed: boolean; stderr: string }>((done) => {
        execFile(
          process.execPath,
          [launcher, 'emulator', 'start', '--port', String(port)],
          {
            cwd: scratch,
            env: { ...process.env, TMPDIR: temp, NO_COLOR: '1', CI: 'true' },
            // A bound for a hanging process, not a duration under test.
            timeout: 20_000,
          },
          (error, _stdout, stderr) =>
            done({
              code: error ? ((error as { code?: number | null }).code ?? null) : 0,
              killed: error?.killed ?? false,
              stderr,
            }),
        );
      });
      expect(outcome.killed).toBe(false);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain(`--port ${port} is already in use`);
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });
});
