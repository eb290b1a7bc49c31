// The summary of `status`: each resource present, missing, drifted, pending or retired, and how to repair.
import type { ResultDocument } from '../../runner/result-document.js';
import type { ResourceState } from '../../steps/vocabulary.js';
import type { Style } from './style.js';
import { isFailure, section, type SummaryContext } from './summary-layout.js';
import { nextStepLines } from './summary-next-steps.js';
import { treeLines } from './summary-tree.js';

const stateOrder: ResourceState[] = ['missing', 'drifted', 'pending', 'retired', 'present'];

function stateColour(state: ResourceState, style: Style): (text: string) => string {
  if (state === 'present') return style.ok;
  if (state === 'missing') return style.fail;
  if (state === 'retired') return style.dim;
  return style.warn;
}

export function statusResult(doc: ResultDocument, ctx: SummaryContext, followUp: string): string[] {
  const { style } = ctx;
  const entries = doc.resourceStatus ?? [];
  if (entries.length === 0) {
    if (isFailure(doc)) return [];
    return [
      style.bold(`· status: nothing deployed for stack ${doc.stack} from here (no state)`),
      '',
      ...nextStepLines(
        'To deploy it',
        [
          { command: `alb-fc init${followUp}`, why: 'asks for what is missing, shows the plan, deploys' },
          { command: `alb-fc deploy${followUp}`, why: 'the same from alb-fc.yaml and flags' },
        ],
        style,
      ),
    ];
  }
  const counts = new Map<ResourceState, number>();
  for (const e of entries) counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
  const problems = entries.length - (counts.get('present') ?? 0);
  const lines: string[] = [];
  if (!isFailure(doc)) {
    if (problems === 0) {
      lines.push(style.ok(`✔ status: all ${entries.length} resources present`));
    } else {
      const parts = stateOrder.filter((s) => (counts.get(s) ?? 0) > 0).map((s) => `${counts.get(s)} ${s}`);
      lines.push(style.warn(`! status: ${parts.join(', ')}`));
    }
  }
  // The picture (host → listener → route → group → function); with --verbose, each resource's row as well.
  if (doc.tree !== undefined) lines.push(...treeLines(doc.tree, style, ctx.glyphs));
  if (doc.tree === undefined || ctx.verbose) section(lines, resourceRows(entries, ctx));
  const alb = entries.find((e) => e.resource === 'lookup');
  if (alb !== undefined && alb.state !== 'present') {
    section(lines, [
      style.warn(
        `The ALB ${alb.id ?? ''} is not created by alb-fc: fix it in the ALB console, or deploy to another one with --alb-id.`,
      ),
    ]);
  }
  const repairs = repairWords(entries.filter((e) => e.resource !== 'lookup').map((e) => e.state));
  if (repairs.length > 0) {
    section(
      lines,
      nextStepLines(
        'To repair',
        [
          { command: `alb-fc plan${followUp}`, why: 'shows what deploy would change' },
          { command: `alb-fc deploy${followUp}`, why: repairs.join(', ') },
        ],
        style,
      ),
    );
  }
  return lines;
}

function repairWords(states: readonly ResourceState[]): string[] {
  const words: string[] = [];
  if (states.includes('missing')) words.push('recreates what is missing');
  if (states.includes('drifted')) words.push('puts back what drifted');
  if (states.includes('pending')) words.push('finishes the interrupted create');
  if (states.includes('retired')) words.push('deletes what an update replaced');
  return words;
}

/** One row per resource: its state, id, live status, and why it drifted. */
function resourceRows(entries: NonNullable<ResultDocument['resourceStatus']>, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const lines: string[] = [];
  const labels = entries.map((e) => (e.resource === 'lookup' ? 'ALB' : ctx.board.labelOf(e.resource)));
  const width = Math.max(...labels.map((l) => l.length));
  const stateWidth = Math.max(...entries.map((e) => e.state.length));
  const indent = ' '.repeat(2 + width + 2 + stateWidth + 2);
  entries.forEach((e, i) => {
    const cells = [`  ${(labels[i] ?? '').padEnd(width)}`, stateColour(e.state, style)(e.state.padEnd(stateWidth))];
    if (e.id !== undefined) cells.push(e.id);
    if (e.status !== undefined) cells.push(style.dim(e.status));
    if (e.owned === false) cells.push(style.dim('(adopted)'));
    lines.push(cells.join('  '));
    for (const detail of e.details) lines.push(`${indent}${style.dim(`↳ ${detail}`)}`);
  });
  return lines;
}
