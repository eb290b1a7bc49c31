// What the CLI loads to start a command's UI: the mode, the prompter, and the renderer for that mode. Not
// src/ui/index.ts, whose createRenderer has every renderer at hand, ora included (src/ui/render/open-renderer.ts).
export { detectUiMode } from './mode.js';
export { openRenderer } from './render/open-renderer.js';
export { createPrompter } from './prompt/create-prompter.js';
