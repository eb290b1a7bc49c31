// `function invoke`: what the function answered, laid out as the console's "Test Function" shows it — the status,
// the response body, then the log tail FC returned (`x-fc-log-result`).
import type { ResultDocument } from '../../runner/result-document.js';
import { row, type SummaryContext } from './summary-layout.js';

/** Lines of a multi-line text, indented under their heading; an empty text says so. */
function block(text: string, dim: (s: string) => string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  return text === '' ? [dim('    (empty)')] : lines.map((line) => `    ${line}`);
}

export function invokeResult(doc: ResultDocument, ctx: SummaryContext): string[] {
  const { style } = ctx;
  const call = doc.invocation;
  if (call === undefined) return [];
  const name = `${call.function.name} (${call.function.qualifier})`;
  const took = call.durationMs === undefined ? '' : ` in ${call.durationMs} ms`;
  const lines = [
    call.errorType === undefined
      ? style.ok(`✔ ${name} answered${took}`)
      : style.fail(`✖ ${name} failed${took}: ${call.errorType}`),
    row(style, 'status', `HTTP ${call.statusCode}`),
  ];
  if (call.requestId !== undefined) lines.push(row(style, 'request id', call.requestId));
  lines.push(`  ${style.dim('response')}`);
  lines.push(...block(call.body ?? `(binary, base64) ${call.bodyBase64 ?? ''}`, style.dim));
  if (call.log !== undefined) lines.push(`  ${style.dim('log tail')}`, ...block(call.log, style.dim));
  return lines;
}
