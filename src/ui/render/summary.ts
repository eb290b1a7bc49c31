// The final block for humans: what exists, how to reach it, what to do next; or what failed and how to go on.
// Each command has its own block (summary-flow, -plan, -status, -destroy); this picks it and adds the failure,
// the files written and the next steps (summary-next-steps).
import { ExitCode } from '../../errors.js';
import type { ResultDocument } from '../../runner/result-document.js';
import { resumableExitCodes, type ErrorView } from './error-view.js';
import { destroyResult } from './summary-destroy.js';
import { flowResult } from './summary-flow.js';
import { invokeResult } from './summary-invoke.js';
import { isFailure, row, section, type SummaryContext } from './summary-layout.js';
import { defaultNextSteps, followUpSuffix, nextStepLines, withFollowUp } from './summary-next-steps.js';
import { planResult } from './summary-plan.js';
import { statusResult } from './summary-status.js';
import type { ResultExtras } from './types.js';

export function resultLines(doc: ResultDocument, extras: ResultExtras, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const followUp = followUpSuffix(doc, ctx);
  const lines: string[] = [''];
  switch (doc.command) {
    case 'plan':
      section(lines, planResult(doc, ctx));
      break;
    case 'status':
      section(lines, statusResult(doc, ctx, followUp));
      break;
    case 'destroy':
      section(lines, destroyResult(doc, ctx, followUp));
      break;
    case 'function invoke':
      section(lines, invokeResult(doc, ctx));
      break;
    default:
      section(lines, flowResult(doc, ctx));
  }
  if (isFailure(doc) && doc.error !== undefined) {
    // The CLI always passes the exit code it ends with; a failure without one reads as partial or internal.
    const exitCode = extras.exitCode ?? (doc.status === 'partial' ? ExitCode.partial : ExitCode.internal);
    const view = { ...doc.error, exitCode, internal: false };
    section(lines, errorLines(view, ctx.command ?? doc.command, ctx, doc.status === 'partial'));
  }
  if (extras.configFile !== undefined) section(lines, [`Wrote ${extras.configFile}.`]);
  if (extras.commandLine !== undefined) {
    section(lines, ['The same, non-interactively (for CI and scripts):', `  ${style.accent(extras.commandLine)}`]);
  }
  const next = extras.nextSteps?.map((s) => withFollowUp(s, followUp)) ?? defaultNextSteps(doc, ctx, followUp);
  if (next.length > 0) section(lines, nextStepLines('Next steps', next, style));
  return lines;
}

export function errorLines(
  view: ErrorView,
  command: string | undefined,
  ctx: SummaryContext,
  partial = false,
): string[] {
  const { style } = ctx;
  const what = command === undefined ? '' : `${command} `;
  if (view.code === 'INTERRUPTED') return interruptLines(what, ctx);
  const headline = partial
    ? style.warn(`! ${what}incomplete: ${view.code}`)
    : style.fail(`✖ ${what}failed: ${view.code}`);
  const lines = [headline, row(style, 'error', view.message)];
  if (view.step !== undefined) lines.push(row(style, 'step', ctx.board.labelOf(view.step)));
  if (view.cloudCode !== undefined || view.requestId !== undefined) {
    const parts = [view.cloudCode ?? 'unknown'];
    if (view.requestId !== undefined) parts.push(`(RequestId ${view.requestId})`);
    lines.push(row(style, 'cloud code', parts.join(' ')));
  }
  if (view.hint !== undefined) lines.push(row(style, 'hint', view.hint));
  if (resumableExitCodes.has(view.exitCode) && !/run the same command again/i.test(view.message)) {
    lines.push('  State is saved: run the same command again to resume.');
  }
  if (view.internal && view.stack !== undefined) {
    if (ctx.verbose) lines.push(...view.stack.split('\n').map((l) => style.dim(`  ${l}`)));
    else lines.push(style.dim('  Run again with --verbose for the stack trace.'));
  }
  return lines;
}

/**
 * Ctrl-C is not a failure to explain: say whether anything may have changed. Before the first step of the
 * procedure started (at a prompt, during the lookup or the plan, at the confirmation) nothing did.
 */
function interruptLines(what: string, ctx: SummaryContext): string[] {
  const headline = ctx.style.warn(`■ ${what}interrupted`);
  if (!ctx.runStarted || !ctx.board.anyResourceStarted()) return [headline, '  Nothing was changed.'];
  return [headline, '  State is saved: run the same command again to resume.'];
}
