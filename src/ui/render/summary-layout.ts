// What every summary block is drawn with: the context, aligned label rows, blank-line-separated sections.
import type { ResultDocument } from '../../runner/result-document.js';
import type { StepBoard } from './step-board.js';
import type { Style } from './style.js';
import type { TreeGlyphs } from './summary-tree.js';

export interface SummaryContext {
  style: Style;
  /** How the stack's tree is drawn: box-drawing characters, or ASCII for logs and --no-color. */
  glyphs: TreeGlyphs;
  board: StepBoard;
  verbose: boolean;
  /** The run used the local cloud, so follow-up commands need `--local` too (unless `followUpFlags` says). */
  local: boolean;
  /** A run began (`run-start` was seen); an interrupt before that changed nothing. */
  runStarted: boolean;
  /** The command the user typed, for headlines; the document's command otherwise. */
  command?: string;
  /** Flags for suggested commands, from the CLI; guessed from the run when absent. */
  followUpFlags?: readonly string[];
}

const labelWidth = 13;

/** `  label         value`: the label dimmed and padded so the values line up. */
export function row(style: Style, label: string, value: string): string {
  return `  ${style.dim(label.padEnd(labelWidth))} ${value}`;
}

/** A failure to show on stderr: `failed`, or `partial` with an error (a failed test). A drifted `status` is not. */
export function isFailure(doc: ResultDocument): boolean {
  return doc.status === 'failed' || (doc.status === 'partial' && doc.error !== undefined);
}

/** Appends `block` after a blank line, without ever writing two blank lines in a row. */
export function section(lines: string[], block: string[]): void {
  if (block.length === 0) return;
  if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  lines.push(...block);
}
