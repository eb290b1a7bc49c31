// A small HCL writer for the export: blocks, attributes and comments laid out the way `terraform fmt` lays them
// out (two-space indents, the `=` of consecutive attributes aligned, one blank line between top-level blocks), so
// that the exported file passes `terraform fmt -check` as written
// (https://developer.hashicorp.com/terraform/cli/commands/fmt, https://developer.hashicorp.com/terraform/language/syntax/style).

/** An expression written as is: a reference (`alicloud_alb_listener.this.id`) or a function call. */
export interface Raw {
  raw: string;
}

export type HclValue = string | number | boolean | Raw | HclValue[] | { [key: string]: HclValue };

export type HclItem =
  { attr: string; value: HclValue } | { block: string; labels?: string[]; body: HclItem[] } | { comment: string };

export function raw(expression: string): Raw {
  return { raw: expression };
}

/** A quoted HCL string: `\`, `"` and the template sequences `${` and `%{` are escaped. */
export function quote(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

function isRaw(value: HclValue): value is Raw {
  return typeof value === 'object' && !Array.isArray(value) && 'raw' in value && typeof value.raw === 'string';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One-line values only: lists and objects stay on their line, which `terraform fmt` keeps as written. */
function valueText(value: HclValue): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRaw(value)) return value.raw;
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  const entries = Object.entries(value).map(
    ([key, item]) => `${IDENTIFIER.test(key) ? key : quote(key)} = ${valueText(item)}`,
  );
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function bodyLines(items: HclItem[], depth: number): string[] {
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  // Consecutive attributes form one alignment group; a block or a comment ends it.
  let group: Array<{ attr: string; value: HclValue }> = [];
  const flush = () => {
    const width = Math.max(0, ...group.map((a) => a.attr.length));
    for (const a of group) lines.push(`${indent}${a.attr.padEnd(width)} = ${valueText(a.value)}`);
    group = [];
  };
  for (const item of items) {
    if ('attr' in item) {
      group.push(item);
      continue;
    }
    flush();
    if ('comment' in item) {
      for (const line of item.comment.split('\n')) lines.push(`${indent}#${line ? ` ${line}` : ''}`);
      continue;
    }
    lines.push(...blockLines(item, depth));
  }
  flush();
  return lines;
}

function blockLines(block: { block: string; labels?: string[]; body: HclItem[] }, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const head = [block.block, ...(block.labels ?? []).map(quote)].join(' ');
  if (block.body.length === 0) return [`${indent}${head} {}`];
  return [`${indent}${head} {`, ...bodyLines(block.body, depth + 1), `${indent}}`];
}

/**
 * A whole file: a header comment paragraph, then top-level items with a blank line between blocks, each comment
 * kept with the block it precedes.
 */
export function hclFile(header: string[], items: HclItem[]): string {
  const chunks: string[][] = header.length > 0 ? [bodyLines([{ comment: header.join('\n') }], 0)] : [];
  let pending: string[] = [];
  for (const item of items) {
    if ('comment' in item) {
      pending.push(...bodyLines([item], 0));
      continue;
    }
    chunks.push([...pending, ...bodyLines([item], 0)]);
    pending = [];
  }
  if (pending.length > 0) chunks.push(pending);
  return `${chunks.map((chunk) => chunk.join('\n')).join('\n\n')}\n`;
}
