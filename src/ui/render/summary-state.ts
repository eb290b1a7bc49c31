// `alb-fc state pull | push | unlock`: what was copied or removed, from where to where (docs/teams.md).
import type { Style } from './style.js';
import type { CommandOutput } from './types.js';
import { row } from './summary-layout.js';

export interface StateCommandResult {
  schemaVersion: 1;
  command: 'state pull' | 'state push' | 'state unlock';
  /** `no_changes`: the target already held that state, or there was no lock. */
  status: 'succeeded' | 'no_changes';
  stack: string;
  from?: string;
  to?: string;
  /** `state pull` / `push`: the copied state's last update. */
  updatedAt?: string;
  /** `state unlock`: the lock that was removed, and whose it was. */
  lock?: string;
  holder?: string;
}

export function stateOutput(result: StateCommandResult): CommandOutput {
  return { document: { ...result }, lines: (style) => stateLines(result, style) };
}

function stateLines(result: StateCommandResult, style: Style): string[] {
  if (result.command === 'state unlock') {
    if (result.status === 'no_changes') return [`No lock on stack ${result.stack} (${result.lock}).`];
    return [
      style.ok(`✔ removed the lock of stack ${result.stack}`),
      row(style, 'lock', result.lock ?? ''),
      row(style, 'was held by', result.holder ?? 'unreadable'),
    ];
  }
  const lines =
    result.status === 'no_changes'
      ? [`${result.to} already holds this state of stack ${result.stack}: nothing copied.`]
      : [style.ok(`✔ copied the state of stack ${result.stack}`)];
  lines.push(row(style, 'from', result.from ?? ''), row(style, 'to', result.to ?? ''));
  if (result.updatedAt) lines.push(row(style, 'updated', result.updatedAt));
  return lines;
}
