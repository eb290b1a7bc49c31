// The real prompter in a real pseudo-terminal: raw keys, isTTY detection and Ctrl-C as a terminal sends it.
// The fixture imports src/ through test/fixtures/ui/register-ts.mjs (in-memory TypeScript), so no build is needed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { describePty, itPty, ptyScope } from '../support/pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeArgs = ['--import', './test/fixtures/ui/register-ts.mjs', 'test/fixtures/ui/prompter-fixture.mjs'];
// Interactive only if nothing says otherwise: the suite itself may run under CI=true.
const interactiveEnv = { CI: undefined, NO_COLOR: '1' };

const ptys = ptyScope();
afterEach(() => ptys.dispose());

function startFixture(): ReturnType<typeof ptys.spawn> {
  return ptys.spawn(process.execPath, nodeArgs, { cwd: root, env: interactiveEnv });
}

describe('prompter in a pty', () => {
  itPty('asks, validates, selects with the arrows, and defaults the confirmation to No', async () => {
    const term = startFixture();
    await term.waitFor('Custom domain (--domain)');
    term.answer('nodot');
    await term.waitFor('a domain name has at least one dot');
    term.write('\x7f'.repeat(5));
    term.answer('api.example.com');
    await term.waitFor('alb-two (intranet)');
    term.down();
    term.enter();
    await term.waitFor('Apply these 5 changes? (y/N)');
    term.enter();
    await term.waitFor('ANSWERS');
    expect(term.text()).toContain('ANSWERS {"domain":"api.example.com","albId":"alb-two","apply":false}');
    expect((await term.exit).exitCode).toBe(0);
  });

  itPty('applies only on an explicit yes', async () => {
    const term = startFixture();
    await term.waitFor('Custom domain');
    term.answer('api.example.com');
    await term.waitFor('ALB instance');
    term.enter();
    await term.waitFor('(y/N)');
    term.answer('y');
    await term.waitFor(/ANSWERS .*"apply":true/);
    expect(term.text()).toContain('"albId":"alb-one"');
    expect((await term.exit).exitCode).toBe(0);
  });

  itPty('turns Ctrl-C at a prompt into the interrupted error and exit 130', async () => {
    const term = startFixture();
    await term.waitFor('Custom domain');
    term.ctrlC();
    await term.waitFor('ERROR INTERRUPTED 130');
    expect((await term.exit).exitCode).toBe(130);
  });

  it('without a terminal, fails fast with exit 2 naming the flag and env var, without reading stdin', async () => {
    const child = spawn(process.execPath, nodeArgs, { cwd: root, env: { ...process.env, CI: '' }, stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Piped answers must be ignored: non-interactive mode never reads stdin.
    child.stdin.end('api.example.com\n\ny\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stdout).toContain('ERROR MISSING_VALUE 2 missing --domain (cannot prompt: stdin is not a TTY)');
    expect(stdout).toContain('ALB_FC_DOMAIN');
  });
});

describePty('pty harness', () => {
  it('fails a wait with the screen so far', async () => {
    const term = ptys.spawn(process.execPath, [
      '-e',
      'console.log("hello from the fixture"); setInterval(() => {}, 1000)',
    ]);
    await term.waitFor('hello from the fixture');
    const error = await term.waitFor('never printed', 200).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/timed out after 200ms waiting for "never printed"/);
    expect(String(error)).toContain('hello from the fixture');
  });

  it('fails a wait at once when the process exits first', async () => {
    const term = ptys.spawn(process.execPath, ['-e', 'console.log("bye"); process.exitCode = 3']);
    const error = await term.waitFor('never printed', 60_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/process exited before "never printed" appeared[\s\S]*bye/);
    expect((await term.exit).exitCode).toBe(3);
  });

  it('kills what is still running on dispose', async () => {
    const scope = ptyScope();
    const term = scope.spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await scope.dispose();
    expect(term.exited).toBe(true);
  });
});
