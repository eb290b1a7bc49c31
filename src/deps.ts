import { homedir } from 'node:os';
import { systemClock } from './clock.js';
import type { CliEnvironment } from './cli/environment.js';

/** The composition root's view of the real process: its env, streams, clock and signals. */
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
