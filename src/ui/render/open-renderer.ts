import { selectRenderer, type RendererTestHooks } from './select-renderer.js';
import type { Renderer, RendererOptions } from './types.js';

/**
 * The renderer for `options`, as the CLI opens it: the terminal renderer, with ora and its two dozen modules, is
 * loaded only for a terminal, so `--json`, CI and piped runs start without it (docs/benchmarks.md).
 */
export async function openRenderer(options: RendererOptions, hooks: RendererTestHooks = {}): Promise<Renderer> {
  const Tty = options.tty ? (await import('./tty-renderer.js')).TtyRenderer : undefined;
  return selectRenderer(options, hooks, Tty);
}
