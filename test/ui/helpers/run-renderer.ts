import { onTestFinished } from 'vitest';
import type { RunnerEvent } from '../../../src/runner/events.js';
import { createRenderer } from '../../../src/ui/index.js';
import type { Renderer } from '../../../src/ui/index.js';
import { streams } from './capture.js';
import type { CaptureStream } from './capture.js';
import { fixedNow } from './events.js';

export type Kind = 'tty' | 'plain' | 'json';
export const kinds: Kind[] = ['tty', 'plain', 'json'];

export interface Rendered {
  renderer: Renderer;
  stdout: CaptureStream;
  stderr: CaptureStream;
  /** What a person reads: the tty's final screen, or the plain lines, on both streams. */
  human(): string;
  /** Every byte written to either stream, escape codes included. */
  everything(): string;
}

/** Renders `events` for the running test; the renderer is closed when the test finishes (pass or fail). */
export function render(
  kind: Kind,
  events: RunnerEvent[],
  options: {
    verbose?: boolean;
    color?: boolean;
    secrets?: string[];
    command?: string;
    followUpFlags?: string[];
    signal?: AbortSignal;
  } = {},
): Rendered {
  const { stdout, stderr } = streams(kind === 'tty');
  const renderer = createRenderer(
    {
      json: kind === 'json',
      tty: kind === 'tty',
      color: options.color ?? false,
      verbose: options.verbose ?? false,
      stdout,
      stderr,
      now: fixedNow,
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
      ...(options.command === undefined ? {} : { command: options.command }),
      ...(options.followUpFlags === undefined ? {} : { followUpFlags: options.followUpFlags }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
    // Frames then depend on events only, never on how long a test takes.
    { spinnerIntervalMs: 2 ** 30 },
  );
  onTestFinished(() => renderer.close());
  for (const e of events) renderer.event(e);
  return {
    renderer,
    stdout,
    stderr,
    human: () => {
      const err = kind === 'tty' ? stderr.screen().join('\n') : stderr.text();
      return kind === 'json' ? err : `${err}\n${stdout.text()}`;
    },
    everything: () => stdout.raw() + stderr.raw(),
  };
}
