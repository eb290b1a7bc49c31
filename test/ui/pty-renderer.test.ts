// The renderer the CLI would pick for real streams: spinner and colour in a terminal, plain lines through pipes,
// one document with --json. Uses the same in-memory TypeScript loading as pty-prompter.test.ts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { itPty, ptyScope } from '../support/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeArgs = ['--import', './test/fixtures/ui/register-ts.mjs', 'test/fixtures/ui/renderer-fixture.mjs'];
const terminalEnv = { CI: undefined, NO_COLOR: undefined, TERM: 'xterm-256color' };

const ptys = ptyScope();
afterEach(() => ptys.dispose());

async function piped(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env: { ...process.env, CI: '', NO_COLOR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('renderer chosen for real streams', () => {
  itPty('in a terminal: spinner, colour, step lines and the summary', async () => {
    const term = ptys.spawn(process.execPath, nodeArgs, { cwd: root, env: terminalEnv });
    await term.waitFor('MODE tty=true color=true');
    await term.waitFor(/✔ 1\/5 FC function +created +hello-api/);
    await term.waitFor(/✔ 4\/5 Listener +created +lsn-xyz789/);
    await term.waitFor('HTTP 200  hello world');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.raw()).toContain('\x1b[?25l');
    expect(term.raw()).toContain('\x1b[32m✔');
  });

  it('through pipes: timestamped plain lines without ANSI, summary on stdout', async () => {
    const { code, stdout, stderr } = await piped([]);
    expect(code).toBe(0);
    expect(stderr).toContain('MODE tty=false color=false');
    expect(stderr).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z 4\/5 Listener: lsn-xyz789 Provisioning, waiting \[35s \/ 10m\]$/m,
    );
    expect(stdout).toContain('hello world');
    expect(stdout + stderr).not.toContain('\x1b[');
  });

  itPty('with --json: one document on stdout, even in a terminal', async () => {
    const { stdout } = await piped(['--json']);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'succeeded', test: { body: 'hello world' } });

    const term = ptys.spawn(process.execPath, [...nodeArgs, '--json', '--fail'], { cwd: root, env: terminalEnv });
    await term.waitFor('MODE tty=false');
    await term.waitFor('"status":"failed"');
    expect((await term.exit).exitCode).toBe(1);
  });
});
