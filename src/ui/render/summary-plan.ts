// The plan block: one line per step in the procedure's order, its action and why, and the totals.
import type { PlanEntry } from '../../runner/events.js';
import type { ResultDocument } from '../../runner/result-document.js';
import { isChanging, type StepAction } from '../../steps/vocabulary.js';
import { countActions, planMarker, planSummaryText } from './format.js';
import type { Style } from './style.js';
import { isFailure, type SummaryContext } from './summary-layout.js';

/** A plan row as shown: the step's label (`1/5 FC function`) in place of its id and title. */
export type PlanBlockEntry = Omit<PlanEntry, 'step' | 'title'> & { label: string };

/**
 * `Plan: 3 to create, 1 to update, 2 unchanged` and one line per step in the procedure's order; under each
 * entry that changes something (or conflicts), why.
 */
export function planBlock(entries: readonly PlanBlockEntry[], style: Style): string[] {
  const counts = countActions(entries.map((e) => e.action));
  const changes = entries.some((e) => isChanging(e.action) || e.action === 'conflict');
  const header = changes
    ? style.bold(`Plan: ${planSummaryText(counts)}`)
    : style.bold(`Plan: nothing to change (${planSummaryText(counts)})`);
  const width = Math.max(0, ...entries.map((e) => e.label.length));
  const indent = ' '.repeat(2 + planMarker('unchanged').length + 1 + width + 2);
  const lines = [header];
  for (const e of entries) {
    const detail = e.detail === '' ? '' : `  ${e.detail}`;
    lines.push(`  ${planColour(e.action, style)(planMarker(e.action))} ${e.label.padEnd(width)}${detail}`.trimEnd());
    if (e.action === 'unchanged') continue;
    for (const reason of e.reasons) lines.push(`${indent}${style.dim(`↳ ${reason}`)}`);
    if (e.hint !== undefined) lines.push(`${indent}${style.dim(`hint: ${e.hint}`)}`);
  }
  return lines;
}

function planColour(action: StepAction, style: Style): (text: string) => string {
  if (action === 'create' || action === 'adopt') return style.ok;
  if (action === 'update') return style.warn;
  if (action === 'conflict' || action === 'delete') return style.fail;
  return style.dim;
}

export function planResult(doc: ResultDocument, ctx: SummaryContext): string[] {
  const plan = doc.plan;
  if (plan === undefined) return [];
  const entries = plan.changes.map((c) => ({
    label: ctx.board.labelOf(c.resource),
    action: c.action,
    detail: c.detail,
    reasons: c.reasons,
    ...(c.hint === undefined ? {} : { hint: c.hint }),
  }));
  const lines = planBlock(entries, ctx.style);
  const counts = countActions(entries.map((e) => e.action));
  if (!isFailure(doc) && !entries.some((e) => isChanging(e.action) || e.action === 'conflict')) {
    lines[0] = ctx.style.ok(ctx.style.bold(`✔ Plan: nothing to change (${planSummaryText(counts)})`));
  }
  return lines;
}

export function pendingChanges(doc: ResultDocument): number {
  return doc.plan?.changes.filter((c) => isChanging(c.action)).length ?? 0;
}
