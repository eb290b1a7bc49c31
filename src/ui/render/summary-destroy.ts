// The summary of `destroy`: what was deleted, already absent, kept (adopted or blocked), failed or interrupted.
import type { ResultDocument } from '../../runner/result-document.js';
import { formatDuration } from './format.js';
import type { StepView } from './step-board.js';
import { isFailure, section, type SummaryContext } from './summary-layout.js';

type DestroyOutcome = 'deleted' | 'already absent' | 'kept' | 'kept (blocked)' | 'failed' | 'interrupted';

/** What destroy did to a step, from the board (the runner's skip events say why, in `outcome` and `action`). */
function destroyOutcome(view: StepView): DestroyOutcome | undefined {
  switch (view.state) {
    case 'done':
      return view.action === 'deleted' ? 'deleted' : view.action === 'absent' ? 'already absent' : undefined;
    case 'failed':
      return 'failed';
    case 'interrupted':
    case 'running':
      return 'interrupted';
    case 'skipped':
      if (view.skipOutcome === 'blocked') return 'kept (blocked)';
      return view.skipAction === 'absent' ? 'already absent' : view.skipAction === 'skipped' ? 'kept' : undefined;
    default:
      return undefined;
  }
}

export function destroyResult(doc: ResultDocument, ctx: SummaryContext, followUp: string): string[] {
  const { style, board } = ctx;
  const outcomes = board
    .all()
    .filter((v) => v.id !== 'lookup' && v.id !== 'test')
    .map((view) => ({ view, outcome: destroyOutcome(view) }))
    .filter((o): o is { view: StepView; outcome: DestroyOutcome } => o.outcome !== undefined);
  const count = (outcome: DestroyOutcome): number => outcomes.filter((o) => o.outcome === outcome).length;
  const parts = (['deleted', 'already absent', 'kept', 'kept (blocked)'] as const)
    .filter((o) => count(o) > 0)
    .map((o) => `${count(o)} ${o}`);
  const lines: string[] = [];
  if (!isFailure(doc)) {
    if (count('deleted') > 0) {
      lines.push(style.ok(`✔ destroy succeeded in ${formatDuration(doc.durationMs)}: ${parts.join(', ')}`));
    } else {
      const already = parts.length === 0 ? '' : ` (${parts.join(', ')})`;
      lines.push(style.ok(`✔ destroy: nothing to delete${already}`));
    }
  }
  const width = Math.max(0, ...outcomes.map((o) => board.label(o.view).length));
  const wordWidth = Math.max(0, ...outcomes.map((o) => o.outcome.length));
  for (const { view, outcome } of outcomes) {
    const colour =
      outcome === 'deleted'
        ? style.ok
        : outcome === 'failed'
          ? style.fail
          : outcome === 'kept'
            ? style.warn
            : style.dim;
    const what =
      view.state === 'done'
        ? (view.summary ?? view.resourceId ?? '')
        : view.state === 'skipped'
          ? (view.skipReason ?? '')
          : [view.resourceId, view.error === undefined ? undefined : `${view.error.code}: ${view.error.message}`]
              .filter(Boolean)
              .join('  ');
    lines.push(`  ${colour(outcome.padEnd(wordWidth))}  ${board.label(view).padEnd(width)}  ${what}`.trimEnd());
  }
  if (outcomes.some((o) => o.outcome === 'kept' && /adopted/.test(o.view.skipReason ?? ''))) {
    section(lines, [
      `Adopted resources were kept: ${style.accent(`alb-fc destroy --include-adopted${followUp}`)} deletes them too.`,
    ]);
  }
  return lines;
}
