// The final block for humans: what exists, how to reach it, what to do next; or what failed and how to go on.
import type { ResultDocument } from '../../result.js';
import type { ErrorView } from './error-view.js';
import { guessExitCode, resumableExitCodes } from './error-view.js';
import { formatDuration } from './format.js';
import type { StepBoard } from './step-board.js';
import type { Style } from './style.js';
import type { NextStep, ResultExtras } from './types.js';

export interface SummaryContext {
  style: Style;
  board: StepBoard;
  verbose: boolean;
  /** The run used the local cloud, so follow-up commands need `--local` too. */
  local: boolean;
}

const labelWidth = 13;

function row(style: Style, label: string, value: string): string {
  return `  ${style.dim(label.padEnd(labelWidth))} ${value}`;
}

export function resultLines(doc: ResultDocument, extras: ResultExtras, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const lines: string[] = [''];
  const failed = doc.status === 'failed' || doc.status === 'partial';
  if (!failed) {
    const headline =
      doc.status === 'no_changes'
        ? `${doc.command}: no changes, everything is in place`
        : `${doc.command} succeeded in ${formatDuration(doc.durationMs)}`;
    lines.push(style.ok(`✔ ${headline}`));
  }
  lines.push(...resourceRows(doc, style));
  if (failed && doc.error !== undefined) {
    const exitCode = extras.exitCode ?? exitCodeFromRun(doc.error.code, ctx) ?? guessExitCode(doc.error.code);
    lines.push('');
    const view = { ...doc.error, exitCode: exitCode ?? (doc.status === 'partial' ? 6 : 1), internal: false };
    lines.push(...errorLines(view, doc.command, ctx, doc.status === 'partial'));
  }
  if (extras.configFile !== undefined) lines.push('', `Wrote ${extras.configFile}.`);
  if (extras.commandLine !== undefined) {
    lines.push('', 'The same, non-interactively (for CI and scripts):', `  ${style.accent(extras.commandLine)}`);
  }
  const next = extras.nextSteps ?? defaultNextSteps(doc, ctx.local);
  if (next.length > 0) {
    const width = Math.max(...next.map((s) => s.command.length));
    lines.push('', 'Next steps');
    for (const step of next) lines.push(`  ${style.accent(step.command.padEnd(width))}   ${style.dim(step.why)}`);
  }
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

function resourceRows(doc: ResultDocument, style: Style): string[] {
  const r = doc.resources;
  const rows: string[] = [];
  const act = (action: string): string => style.dim(`(${action})`);
  const url = doc.test?.url ?? urlFromResources(doc);
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
    const via = doc.test.via === 'dns' ? 'via DNS' : 'via the ALB DNS name with a Host header';
    const ok = doc.test.status >= 200 && doc.test.status < 300;
    const status = `HTTP ${doc.test.status}`;
    rows.push(
      row(
        style,
        'HTTP test',
        `${ok ? style.ok(status) : style.fail(status)}  ${bodyText(doc.test.body)}  ${style.dim(via)}`,
      ),
    );
    if (doc.test.curl !== undefined) rows.push(row(style, 'curl', style.accent(doc.test.curl)));
  }
  return rows;
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

function exitCodeFromRun(code: string, ctx: SummaryContext): number | undefined {
  return ctx.board.failures().find((e) => e.code === code)?.exitCode;
}

function defaultNextSteps(doc: ResultDocument, local: boolean): NextStep[] {
  if (doc.command !== 'init' && doc.command !== 'deploy') return [];
  if (doc.status === 'failed') return [];
  const suffix = `${doc.stack === 'default' ? '' : ` --stack ${doc.stack}`}${local ? ' --local' : ''}`;
  const steps: NextStep[] = [];
  if (doc.status === 'partial') {
    steps.push({ command: `alb-fc test${suffix}`, why: 'repeat the connectivity test (DNS can take a while)' });
  }
  steps.push(
    { command: `alb-fc status${suffix}`, why: 'what is deployed, and whether it drifted' },
    { command: `alb-fc destroy${suffix}`, why: 'remove what this stack created' },
  );
  return steps;
}
