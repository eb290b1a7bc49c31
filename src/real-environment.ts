// The real process as the CLI sees it, built once by src/bin.ts (the composition root): everything else is
// handed this environment, so in-process tests can hand their own.
import { homedir } from 'node:os';
import { systemClock } from './clock.js';
import type { CliEnvironment } from './cli/environment.js';

/** The real process: its env, working directory, streams, clock and signals. */
export function realEnvironment(signal: AbortSignal): CliEnvironment {
  return {
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
    stdin: process.stdin,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdout: process.stdout,
    stderr: process.stderr,
    clock: systemClock,
    signal,
    // A background local cloud started by --local reports readiness to its parent over IPC.
    onLocalCloudReady: process.send ? (info) => process.send?.(info) : undefined,
  };
}
