// The final block for humans: what exists, how to reach it, what to do next; or what failed and how to go on.
// Each command has its own: the flow (init, deploy, test, one step), `plan`, `status` and `destroy`.
import { ExitCode } from '../../errors.js';
import type { ResultDocument } from '../../runner/result-document.js';
import { isChanging, type ResourceState, type StepAction } from '../../steps/vocabulary.js';
import type { ErrorView } from './error-view.js';
import { resumableExitCodes } from './error-view.js';
import { countActions, formatDuration, planMarker, planSummaryText } from './format.js';
import type { StepBoard, StepView } from './step-board.js';
import type { Style } from './style.js';
import type { NextStep, ResultExtras } from './types.js';

export interface SummaryContext {
  style: Style;
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

function row(style: Style, label: string, value: string): string {
  return `  ${style.dim(label.padEnd(labelWidth))} ${value}`;
}

/** A failure to show on stderr: `failed`, or `partial` with an error (a failed test). A drifted `status` is not. */
export function isFailure(doc: ResultDocument): boolean {
  return doc.status === 'failed' || (doc.status === 'partial' && doc.error !== undefined);
}

/** Appends `block` after a blank line, without ever writing two blank lines in a row. */
function section(lines: string[], block: string[]): void {
  if (block.length === 0) return;
  if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  lines.push(...block);
}

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

// ── init / deploy / test / one step ──────────────────────────────────────────────────────────────────────

function flowResult(doc: ResultDocument, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const command = ctx.command ?? doc.command;
  const rows = [...resourceRows(doc, style), ...inFlightRows(ctx)];
  if (isFailure(doc)) return rows;
  if (declined(doc)) return [style.warn(`■ ${command}: not applied, nothing was changed`)];
  let headline: string;
  if (doc.command === 'test' && doc.test !== undefined) {
    headline = style.ok(`✔ ${command} passed: HTTP ${doc.test.status} ${viaText(doc.test.via)}`);
  } else if (doc.status === 'no_changes') {
    headline = style.ok(style.bold(`✔ ${command}: nothing to change, everything is already in place`));
  } else {
    headline = style.ok(`✔ ${command} succeeded in ${formatDuration(doc.durationMs)}`);
  }
  return [headline, ...rows];
}

/** The plan had changes and the run ended without any: the confirmation was answered No. */
function declined(doc: ResultDocument): boolean {
  return (
    doc.status === 'no_changes' &&
    (doc.plan?.changes.some((c) => isChanging(c.action)) ?? false) &&
    !Object.values(doc.resources).some((r) => r !== undefined && r.action !== 'unchanged')
  );
}

function resourceRows(doc: ResultDocument, style: Style): string[] {
  const r = doc.resources;
  const rows: string[] = [];
  const act = (action: string): string => style.dim(`(${action})`);
  // The URL of a failed run would be a promise it does not keep; the ids below are what matters then.
  const url = doc.status === 'failed' ? undefined : (doc.test?.url ?? urlFromResources(doc));
  if (url !== undefined) rows.push(row(style, 'URL', style.bold(url)));
  if (r.function) rows.push(row(style, 'Function', `${r.function.name}  ${r.function.arn}  ${act(r.function.action)}`));
  if (r.serverGroup) rows.push(row(style, 'Server group', `${r.serverGroup.id}  ${act(r.serverGroup.action)}`));
  if (r.server) {
    const fn = r.function?.arn === r.server.functionArn ? r.function.name : r.server.functionArn;
    rows.push(row(style, 'Backend', `${fn} → ${r.server.serverGroupId}  ${act(r.server.action)}`));
  }
  if (r.listener)
    rows.push(row(style, 'Listener', `${r.listener.id}  HTTP:${r.listener.port}  ${act(r.listener.action)}`));
  if (r.dnsRecord) {
    const d = r.dnsRecord;
    rows.push(row(style, 'DNS CNAME', `${d.domain} → ${d.value}  ${act(d.action)}`));
  }
  if (doc.test !== undefined) {
    const ok = doc.test.status >= 200 && doc.test.status < 300;
    const status = `HTTP ${doc.test.status}`;
    rows.push(
      row(
        style,
        'HTTP test',
        `${ok ? style.ok(status) : style.fail(status)}  ${bodyText(doc.test.body)}  ${style.dim(viaText(doc.test.via))}`,
      ),
    );
    if (doc.test.curl !== undefined) rows.push(row(style, 'curl', style.accent(doc.test.curl)));
  }
  return rows;
}

/** Steps cut short by Ctrl-C, with the resource id they had, so the user knows what may exist half-made. */
function inFlightRows(ctx: SummaryContext): string[] {
  const views = ctx.board.all().filter((v) => v.state === 'interrupted' || v.state === 'running');
  const width = Math.max(0, ...views.map((v) => ctx.board.label(v).length));
  return views.map((v) =>
    row(ctx.style, 'interrupted', `${ctx.board.label(v).padEnd(width)}  ${v.resourceId ?? ''}`.trimEnd()),
  );
}

function viaText(via: 'dns' | 'alb-host-header'): string {
  return via === 'dns' ? 'via DNS' : 'via the ALB DNS name with a Host header';
}

function urlFromResources(doc: ResultDocument): string | undefined {
  const domain = doc.resources.dnsRecord?.domain;
  if (domain === undefined) return undefined;
  const port = doc.resources.listener?.port ?? 80;
  return port === 80 ? `http://${domain}/` : `http://${domain}:${port}/`;
}

// A body is shown on one line, and a huge one must not flood the summary.
function bodyText(body: string): string {
  const trimmed = body.trim();
  const oneLine = /[\r\n]/.test(trimmed) || trimmed === '' ? JSON.stringify(trimmed) : trimmed;
  return oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
}

// ── plan ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface PlanBlockEntry {
  label: string;
  action: StepAction;
  detail: string;
  reasons: readonly string[];
  hint?: string;
}

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

function planResult(doc: ResultDocument, ctx: SummaryContext): string[] {
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

function pendingChanges(doc: ResultDocument): number {
  return doc.plan?.changes.filter((c) => isChanging(c.action)).length ?? 0;
}

// ── status ───────────────────────────────────────────────────────────────────────────────────────────────

const stateOrder: ResourceState[] = ['missing', 'drifted', 'pending', 'retired', 'present'];

function stateColour(state: ResourceState, style: Style): (text: string) => string {
  if (state === 'present') return style.ok;
  if (state === 'missing') return style.fail;
  if (state === 'retired') return style.dim;
  return style.warn;
}

function statusResult(doc: ResultDocument, ctx: SummaryContext, followUp: string): string[] {
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

// ── destroy ──────────────────────────────────────────────────────────────────────────────────────────────

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

function destroyResult(doc: ResultDocument, ctx: SummaryContext, followUp: string): string[] {
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

// ── next steps ───────────────────────────────────────────────────────────────────────────────────────────

function nextStepLines(title: string, steps: readonly NextStep[], style: Style): string[] {
  const width = Math.max(...steps.map((s) => s.command.length));
  return [title, ...steps.map((s) => `  ${style.accent(s.command.padEnd(width))}   ${style.dim(s.why)}`)];
}

/** ` --stack blue --local`: what a suggested command needs to reach the same stack in the same cloud. */
function followUpSuffix(doc: ResultDocument, ctx: SummaryContext): string {
  const flags = ctx.followUpFlags ?? [
    ...(doc.stack === 'default' ? [] : ['--stack', doc.stack]),
    ...(ctx.local ? ['--local'] : []),
  ];
  return flags.length === 0 ? '' : ` ${flags.join(' ')}`;
}

function withFollowUp(step: NextStep, followUp: string): NextStep {
  const ours = /^alb-fc /.test(step.command);
  const hasContext = /\s--(local|endpoint|stack|config)\b/.test(step.command);
  return ours && !hasContext ? { ...step, command: `${step.command}${followUp}` } : step;
}

function defaultNextSteps(doc: ResultDocument, ctx: SummaryContext, followUp: string): NextStep[] {
  if (doc.status === 'failed') return [];
  const command = ctx.command ?? doc.command;
  switch (doc.command) {
    case 'plan':
      return pendingChanges(doc) > 0 ? [{ command: `alb-fc deploy${followUp}`, why: 'apply this plan' }] : [];
    case 'init':
    case 'deploy': {
      if (declined(doc)) {
        return [{ command: `alb-fc ${command}${followUp}`, why: 'start again, and answer y to apply the plan' }];
      }
      const steps: NextStep[] = [];
      if (doc.status === 'partial') {
        steps.push({ command: `alb-fc test${followUp}`, why: 'repeat the connectivity test (DNS can take a while)' });
      }
      steps.push(
        { command: `alb-fc status${followUp}`, why: 'what is deployed, and whether it drifted' },
        { command: `alb-fc destroy${followUp}`, why: 'remove what this stack created' },
      );
      return steps;
    }
    default:
      return [];
  }
}
