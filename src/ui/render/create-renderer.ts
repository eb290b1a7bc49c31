import { selectRenderer, type RendererTestHooks } from './select-renderer.js';
import { TtyRenderer } from './tty-renderer.js';
import type { Renderer, RendererOptions } from './types.js';

export type { RendererTestHooks } from './select-renderer.js';

/** The renderer for `options`, every kind at hand (tests, fixtures); the CLI opens one with `openRenderer`. */
export function createRenderer(options: RendererOptions, hooks: RendererTestHooks = {}): Renderer {
  return selectRenderer(options, hooks, TtyRenderer);
}
