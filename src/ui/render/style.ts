// The only place colours are chosen. A Chalk instance per renderer (never the global one) so colour follows
// the renderer's options, not whatever stdout happened to be when chalk was first imported.
import { Chalk } from 'chalk';

export interface Style {
  ok(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
}

export function createStyle(color: boolean): Style {
  // Level 1 (16 colours) is all this palette needs and renders the same on every terminal.
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    ok: (text) => chalk.green(text),
    fail: (text) => chalk.red(text),
    warn: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    accent: (text) => chalk.cyan(text),
  };
}
