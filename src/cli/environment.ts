import type { Clock } from '../clock.js';
import type { ReadyInfo } from '../local-cloud-contract.js';
import type { OutputStream } from '../ui/index.js';

/**
 * Everything the CLI takes from the outside world, injected so in-process tests can run commands with
 * their own streams, environment, clock and local cloud. src/real-environment.ts builds the real one.
 */
export interface CliEnvironment {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
  stdin: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
  stdout: OutputStream;
  stderr: OutputStream;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: the run stops between API calls with its state saved. */
  signal: AbortSignal;
  /** How `--local` obtains a running local cloud (default: the background one in .alb-fc/). */
  localCloud?: (baseDir: string) => Promise<ReadyInfo>;
  /** Called when the foreground local cloud is ready (the background child reports over IPC). */
  onLocalCloudReady?: (info: ReadyInfo) => void;
}
