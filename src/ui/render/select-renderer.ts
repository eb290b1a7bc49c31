import { createRedactor } from '../redact.js';
import { JsonRenderer } from './json-renderer.js';
import { PlainRenderer } from './plain-renderer.js';
import { createStyle } from './style.js';
import type { TtyRenderer } from './tty-renderer.js';
import type { Renderer, RendererOptions } from './types.js';

export interface RendererTestHooks {
  /** Spinner frame interval for the tty renderer. */
  spinnerIntervalMs?: number;
}

/**
 * json → plain lines on stderr + one document on stdout; tty → spinner and step list on stderr;
 * otherwise plain lines on stderr. Success summaries go to stdout outside json mode. The terminal renderer's class
 * is handed in: it brings ora and its dependencies, which only a terminal needs (src/ui/render/open-renderer.ts).
 */
export function selectRenderer(
  options: RendererOptions,
  hooks: RendererTestHooks,
  Tty: typeof TtyRenderer | undefined,
): Renderer {
  const redact = createRedactor(options.secrets);
  const now = options.now ?? Date.now;
  const base = {
    verbose: options.verbose,
    redact,
    progress: options.stderr,
    ...(options.command === undefined ? {} : { command: options.command }),
    ...(options.followUpFlags === undefined ? {} : { followUpFlags: options.followUpFlags }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  if (options.json) {
    const human = new PlainRenderer({ ...base, style: createStyle(false), ascii: true, summary: options.stderr }, now);
    return new JsonRenderer(human, options.stdout, redact, now, options.command);
  }
  if (options.tty) {
    if (!Tty) throw new Error('the terminal renderer was not loaded');
    return new Tty(
      // Box-drawing characters where a person reads colour; a terminal asked for no colour gets ASCII too.
      { ...base, style: createStyle(options.color), ascii: !options.color, summary: options.stdout },
      {
        color: options.color,
        ...(hooks.spinnerIntervalMs === undefined ? {} : { intervalMs: hooks.spinnerIntervalMs }),
      },
    );
  }
  return new PlainRenderer({ ...base, style: createStyle(false), ascii: true, summary: options.stdout }, now);
}
