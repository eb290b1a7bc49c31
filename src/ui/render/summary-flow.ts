// The summary of the flow (init, deploy, test, one step): the URL, each resource with what was done to it, the
// HTTP test and its curl line; steps cut short by Ctrl-C.
import type { ResultDocument } from '../../runner/result-document.js';
import { isChanging } from '../../steps/vocabulary.js';
import { formatDuration } from './format.js';
import { loadSummaryLines } from './load-view.js';
import type { Style } from './style.js';
import { isFailure, row, type SummaryContext } from './summary-layout.js';
import { hasRoutes, isMarked, treeLines } from './summary-tree.js';

export function flowResult(doc: ResultDocument, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const command = ctx.command ?? doc.command;
  const rows = [...resourceRows(doc, ctx), ...inFlightRows(ctx)];
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
export function declined(doc: ResultDocument): boolean {
  return (
    doc.status === 'no_changes' &&
    (doc.plan?.changes.some((c) => isChanging(c.action)) ?? false) &&
    !Object.values(doc.resources).some((r) => r !== undefined && r.action !== 'unchanged')
  );
}

function resourceRows(doc: ResultDocument, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const rows: string[] = [];
  // The URL of a failed run would be a promise it does not keep; the ids below are what matters then.
  const url = doc.status === 'failed' ? undefined : (doc.test?.url ?? urlFromResources(doc));
  if (url !== undefined) rows.push(row(style, 'URL', style.bold(url)));
  // Routes are drawn as the stack's tree; the single function keeps its one row per resource.
  const tree = doc.tree;
  if (tree !== undefined && hasRoutes(tree) && isMarked(tree)) rows.push(...treeLines(tree, style, ctx.glyphs));
  else rows.push(...singleFunctionRows(doc, style));
  rows.push(...testRows(doc, style));
  return rows;
}

function singleFunctionRows(doc: ResultDocument, style: Style): string[] {
  const r = doc.resources;
  const rows: string[] = [];
  const act = (action: string): string => style.dim(`(${action})`);
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
  return rows;
}

function testRows(doc: ResultDocument, style: Style): string[] {
  const rows: string[] = [];
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
    if (doc.test.load !== undefined) rows.push(...loadSummaryLines(doc.test.load, style));
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
