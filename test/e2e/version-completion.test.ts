import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startTestCloud } from '../support/local-cloud.js';
import { tempDir } from '../support/temp-dir.js';

// `alb-fc --version` and `alb-fc completion bash|zsh|fish` as a shell user meets them: the compiled CLI, and the
// scripts run by the shells themselves (each skipped, saying so, where that shell is not installed).

const exec = promisify(execFile);
const launcher = resolve(import.meta.dirname, '../../bin/alb-fc.js');
const version = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;

function albFc(args: string[], env: Record<string, string> = {}) {
  return exec(process.execPath, [launcher, ...args], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
    timeout: 60_000,
    // NODE_DEBUG=module is verbose once the SDKs load.
    maxBuffer: 256 * 1024 * 1024,
  });
}

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** Runs `script` in `shell`, returning its stdout. */
async function run(shell: string, script: string): Promise<string> {
  const dir = await tempDir('alb-fc-completion-');
  const file = join(dir, `script.${shell}`);
  await writeFile(file, script);
  return (await exec(shell, [file], { timeout: 60_000 })).stdout;
}

describe('--version', () => {
  it('prints the version of package.json, -V too, and loads none of the SDKs', async () => {
    for (const flag of ['--version', '-V']) {
      const { stdout, stderr } = await albFc([flag], { NODE_DEBUG: 'module' });
      expect(stdout).toBe(`${version}\n`);
      // NODE_DEBUG=module names every CommonJS module loaded: the SDKs are CommonJS packages.
      expect(stderr).not.toContain('@alicloud');
    }
  });

  it('(the check above sees the SDKs when a command does load them)', async () => {
    const cloud = await startTestCloud();
    const { stderr } = await albFc(['whoami', '--endpoint', cloud.endpoint], { NODE_DEBUG: 'module' });
    expect(stderr).toContain('@alicloud');
  });
});

describe('completion', () => {
  it('refuses a shell it does not know (exit 2)', async () => {
    const failed = await albFc(['completion', 'powershell']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('bash, zsh, fish');
  });

  it.skipIf(!installed('bash'))(
    'bash completes commands, subcommands, flags, regions, runtimes and files',
    async () => {
      const script = (await albFc(['completion', 'bash'])).stdout;
      const out = await run(
        'bash',
        `${script}
t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _alb_fc; echo "\${COMPREPLY[*]}"; }
t alb-fc de
t alb-fc function ''
t alb-fc function invoke --pa
t alb-fc deploy --region cn-hang
t alb-fc --region cn-hangzhou deploy --runtime nodejs2
t alb-fc deploy --alb-id ''
t alb-fc completion ''
t alb-fc emulator start --latency r
`,
      );
      expect(out.split('\n')).toEqual([
        'deploy destroy',
        expect.stringMatching(/^create invoke --region .*--local/),
        '--payload',
        'cn-hangzhou cn-hangzhou-finance',
        'nodejs22 nodejs20',
        '',
        expect.stringMatching(/^bash zsh fish /),
        'realistic',
        '',
      ]);
    },
  );

  it.skipIf(!installed('fish'))('fish completes through `complete -C`', async () => {
    const script = (await albFc(['completion', 'fish'])).stdout;
    const out = await run(
      'fish',
      `${script}
complete -C 'alb-fc function ' | string replace -r '\\t.*' '' | string join ' '
complete -C 'alb-fc deploy --region cn-hang' | string replace -r '\\t.*' '' | string join ' '
complete -C 'alb-fc completion ' | string join ' '
`,
    );
    expect(out.split('\n')).toEqual(['create invoke', 'cn-hangzhou cn-hangzhou-finance', 'bash fish zsh', '']);
  });

  it.skipIf(!installed('zsh'))('zsh: the script parses, registers itself, and offers the same candidates', async () => {
    const script = (await albFc(['completion', 'zsh'])).stdout;
    expect(script.startsWith('#compdef alb-fc\n')).toBe(true);
    // compsys itself needs a terminal; its functions are stood in for, recording what the script asks of them.
    const out = await run(
      'zsh',
      `_describe() { local arr=\${@[-1]}; print -r -- "\${(j: :)\${(@)\${(P)arr}%%:*}}"; }
compadd() { shift; print -r -- "$*"; }
_files() { print -r -- files; }
_message() { print -r -- message; }
compdef() { print -r -- "compdef $*"; }
${script}
t() { words=("$@"); CURRENT=\${#words}; _alb_fc; }
t alb-fc function ''
t alb-fc deploy --region ''
t alb-fc deploy --code ''
`,
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe('compdef _alb_fc alb-fc');
    expect(lines[1]).toMatch(/^create invoke --region /);
    expect(lines[2]).toContain('cn-hangzhou');
    expect(lines[3]).toBe('files');
  });
});
