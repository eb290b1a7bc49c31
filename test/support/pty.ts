// Runs a command in a real pseudo-terminal, so code that checks isTTY, draws spinners or reads raw keys behaves
// as it does for a person. Every session belongs to a scope whose dispose() kills what is still running: call it
// in afterEach so a failed assertion never leaves a process behind.
//
// The terminal comes from @lydell/node-pty, node-pty with its native addon prebuilt per platform and shipped as
// optional npm packages (@lydell/node-pty-linux-x64, …; see its README): `npm ci` then compiles nothing and needs
// no C++ toolchain nor Node headers, which node-pty's `node-gyp rebuild` install script did. Where no prebuilt
// binary loads (a platform it does not ship, or an install with --omit=optional), the tests declared with
// describePty/itPty are skipped, saying why, instead of failing the suite.
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import { describe, it } from 'vitest';
import type * as NodePty from '@lydell/node-pty';
import type { IPty } from '@lydell/node-pty';

type PtyModule = typeof NodePty;

function loadPty(): { pty: PtyModule; unavailable?: undefined } | { pty?: undefined; unavailable: string } {
  try {
    // A CommonJS package whose entry loads the platform's prebuilt pty.node, so it throws here if there is none.
    return { pty: createRequire(import.meta.url)('@lydell/node-pty') as PtyModule };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      unavailable: `no prebuilt pseudo-terminal loads on ${process.platform}-${process.arch}: ${detail}`,
    };
  }
}

const loaded = loadPty();

/** Why the pseudo-terminal tests cannot run on this machine; undefined when they can. */
export const ptyUnavailable: string | undefined = loaded.unavailable;

let warned = false;
function skipped(name: string, reason: string): string {
  if (!warned) {
    warned = true;
    console.warn(`pseudo-terminal tests skipped: ${reason}`);
  }
  return `${name} [skipped: ${reason}]`;
}

/** A describe block whose tests all need a pseudo-terminal: skipped, with the reason, where none loads. */
export function describePty(name: string, body: () => void): void {
  if (ptyUnavailable === undefined) describe(name, body);
  else describe.skip(skipped(name, ptyUnavailable), body);
}

/** A test that needs a pseudo-terminal, in a block whose other tests do not. */
export function itPty(name: string, body: () => Promise<void>): void {
  if (ptyUnavailable === undefined) it(name, body);
  else it.skip(skipped(name, ptyUnavailable), body);
}

export const keys = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  ctrlC: '\x03',
  backspace: '\x7f',
} as const;

export interface PtyOptions {
  /** Merged over process.env; `undefined` removes a variable (e.g. `{ CI: undefined }`). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  cols?: number;
  rows?: number;
}

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

export interface PtySession {
  readonly pid: number;
  /** Everything the process wrote so far, ANSI sequences and carriage returns removed. */
  text(): string;
  /** Everything written so far, as the terminal received it. */
  raw(): string;
  /**
   * Resolves with the matched text once it appears after the previous match (so a prompt redrawn after a keypress
   * is not mistaken for the one before it). Rejects with the output so far on timeout or if the process exits.
   */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  write(data: string): void;
  enter(): void;
  down(times?: number): void;
  up(times?: number): void;
  ctrlC(): void;
  /** Types text and presses Enter. */
  answer(text: string): void;
  readonly exit: Promise<PtyExit>;
  readonly exited: boolean;
  /** SIGHUP, then SIGKILL if it has not exited within `graceMs`. */
  kill(graceMs?: number): Promise<void>;
}

export interface PtyScope {
  spawn(file: string, args: string[], options?: PtyOptions): PtySession;
  dispose(): Promise<void>;
}

const defaultTimeoutMs = 10_000;
const screenTailChars = 2_000;

function cleanEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const merged: Record<string, string | undefined> = { ...process.env, ...overrides };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) if (value !== undefined) env[key] = value;
  return env;
}

function describePattern(pattern: string | RegExp): string {
  return typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern);
}

function screen(text: string): string {
  return text.length > screenTailChars ? `…${text.slice(-screenTailChars)}` : text;
}

function spawnPty(file: string, args: string[], options: PtyOptions = {}): PtySession {
  if (loaded.pty === undefined) throw new Error(`cannot open a pseudo-terminal: ${loaded.unavailable}`);
  const proc: IPty = loaded.pty.spawn(file, args, {
    name: 'xterm-256color',
    cols: options.cols ?? 120,
    rows: options.rows ?? 40,
    cwd: options.cwd ?? process.cwd(),
    env: cleanEnv(options.env),
  });
  let raw = '';
  let consumed = 0;
  let exited = false;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());

  proc.onData((data) => {
    raw += data;
    notify();
  });
  const exit = new Promise<PtyExit>((resolve) => {
    proc.onExit(({ exitCode, signal }) => {
      exited = true;
      resolve({ exitCode, signal: signal === 0 ? undefined : signal });
      notify();
    });
  });

  const text = (): string => stripVTControlCharacters(raw).replace(/\r/g, '');

  const find = (pattern: string | RegExp): { end: number; match: string } | undefined => {
    const rest = text().slice(consumed);
    if (typeof pattern === 'string') {
      const at = rest.indexOf(pattern);
      return at < 0 ? undefined : { end: consumed + at + pattern.length, match: pattern };
    }
    const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(rest);
    return m === null ? undefined : { end: consumed + m.index + m[0].length, match: m[0] };
  };

  const session: PtySession = {
    pid: proc.pid,
    text,
    raw: () => raw,
    get exited() {
      return exited;
    },
    exit,
    waitFor(pattern, timeoutMs = defaultTimeoutMs) {
      return new Promise<string>((resolve, reject) => {
        const settle = (error?: Error, match?: string): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error !== undefined) reject(error);
          else resolve(match ?? '');
        };
        const check = (): void => {
          const found = find(pattern);
          if (found !== undefined) {
            consumed = found.end;
            settle(undefined, found.match);
          } else if (exited) {
            settle(
              new Error(
                `process exited before ${describePattern(pattern)} appeared. Screen so far:\n${screen(text())}`,
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            settle(
              new Error(
                `timed out after ${timeoutMs}ms waiting for ${describePattern(pattern)}. Screen so far:\n${screen(text())}`,
              ),
            ),
          timeoutMs,
        );
        listeners.add(check);
        check();
      });
    },
    write: (data) => proc.write(data),
    enter: () => proc.write(keys.enter),
    down: (times = 1) => proc.write(keys.down.repeat(times)),
    up: (times = 1) => proc.write(keys.up.repeat(times)),
    ctrlC: () => proc.write(keys.ctrlC),
    answer: (value) => proc.write(value + keys.enter),
    async kill(graceMs = 2_000) {
      if (exited) return;
      proc.kill();
      const gone = await Promise.race([
        exit.then(() => true),
        new Promise<boolean>((r) => setTimeout(r, graceMs, false)),
      ]);
      if (!gone && !exited) {
        proc.kill('SIGKILL');
        await exit;
      }
    },
  };
  return session;
}

export function ptyScope(): PtyScope {
  const sessions = new Set<PtySession>();
  return {
    spawn(file, args, options) {
      const session = spawnPty(file, args, options);
      sessions.add(session);
      return session;
    },
    async dispose() {
      await Promise.all([...sessions].map((s) => s.kill()));
      sessions.clear();
    },
  };
}
