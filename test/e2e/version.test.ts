import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { main } from '../../src/main.js';

// `alb-fc --version`: the launcher answers a lone --version itself, without loading the CLI (docs/benchmarks.md);
// the CLI answers it everywhere else. Both print the same line: package.json's version.

const launcher = resolve(import.meta.dirname, '../../bin/alb-fc.js');
const run = promisify(execFile);

async function inProcess(argv: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await main(argv, {
    env: {},
    cwd: process.cwd(),
    home: process.cwd(),
    stdin: new PassThrough(),
    stdinIsTTY: false,
    stdout,
    stderr: new PassThrough(),
    clock: systemClock,
    signal: new AbortController().signal,
  });
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

describe('alb-fc --version', () => {
  it("prints package.json's version, from the launcher and from the CLI alike", async () => {
    const { version } = JSON.parse(await readFile(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const launched = await run(process.execPath, [launcher, flag]);
      expect(launched.stdout).toBe(`${version}\n`);
      expect(await inProcess([flag])).toEqual({ code: 0, stdout: `${version}\n` });
    }
    // Not alone: the CLI answers it.
    const withOther = await run(process.execPath, [launcher, '--no-color', '--version']);
    expect(withOther.stdout).toBe(`${version}\n`);
  });
});
