// The stack drawn as a tree (issue 9, "A picture"), the way a request goes: its host's CNAME to the ALB, the
// listener, each route's rule in match order, the server groups it forwards to and the function in each. Every
// line ends with the mark of what it shows — live state in `status`, what the run did in `deploy` — folded to one
// word when its resources agree ("present"), else naming the odd ones ("present, function missing").
// Box-drawing characters on a colour terminal; plain ASCII in logs, pipes and --no-color.
import type { StackTree, TreeBackend, TreeResource, TreeRoute } from '../../runner/stack-tree.js';
import { stepTitle } from '../../steps/vocabulary.js';
import type { Style } from './style.js';

export interface TreeGlyphs {
  branch: string;
  last: string;
  pipe: string;
  space: string;
  arrow: string;
  detail: string;
}

export const BOX_GLYPHS: TreeGlyphs = {
  branch: '├─ ',
  last: '└─ ',
  pipe: '│  ',
  space: '   ',
  arrow: '→',
  detail: '↳',
};
export const ASCII_GLYPHS: TreeGlyphs = {
  branch: '|- ',
  last: '`- ',
  pipe: '|  ',
  space: '   ',
  arrow: '->',
  detail: '>',
};

/** One resource's share of a line's mark: `group`, `function`, a host… and its word. */
interface Part {
  name: string;
  node: TreeResource | undefined;
}

interface Line {
  /** The tree's drawing before the text. */
  prefix: string;
  /** The text, styled; `plain` is the same without style, for widths. */
  text: string;
  plain: string;
  parts: Part[];
  /** The drawing before the lines of details under this one, connecting its children below them. */
  under: string;
}

/** The word a resource is marked with: its live state, else what the run did to it. */
function markOf(node: TreeResource | undefined): string | undefined {
  return node?.state ?? node?.action;
}

function colourOf(word: string, style: Style): (text: string) => string {
  switch (word) {
    case 'present':
    case 'created':
    case 'updated':
    case 'adopted':
    case 'deleted':
      return style.ok;
    case 'missing':
    case 'failed':
      return style.fail;
    case 'drifted':
    case 'pending':
    case 'blocked':
      return style.warn;
    default:
      return style.dim;
  }
}

/** One word when the parts agree; else the most common word, then each part that differs, by name. */
export function foldMarks(parts: readonly Part[], style: Style): { text: string; plain: string } {
  const marked = parts.flatMap((p) => {
    const word = markOf(p.node);
    return word === undefined ? [] : [{ name: p.name, word }];
  });
  if (marked.length === 0) return { text: '', plain: '' };
  const counts = new Map<string, number>();
  for (const { word } of marked) counts.set(word, (counts.get(word) ?? 0) + 1);
  const [common] = [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  const odd = marked.filter((m) => m.word !== common);
  const plain = [common, ...odd.map((m) => `${m.name} ${m.word}`)];
  const text = [colourOf(common, style)(common), ...odd.map((m) => `${m.name} ${colourOf(m.word, style)(m.word)}`)];
  return { text: text.join(', '), plain: plain.join(', ') };
}

/** ` (adopted)` after a resource the stack found instead of creating it. */
function adopted(node: TreeResource | undefined, style: Style): [string, string] {
  return node?.owned === false ? [` ${style.dim('(adopted)')}`, ' (adopted)'] : ['', ''];
}

/** Builds a line from segments: plain strings, or `[styled, plain]` pairs. */
function line(prefix: string, under: string, segments: Array<string | [string, string]>, parts: Part[]): Line {
  const text = segments.map((s) => (typeof s === 'string' ? s : s[0])).join('');
  const plain = segments.map((s) => (typeof s === 'string' ? s : s[1])).join('');
  return { prefix, under, text, plain, parts };
}

function dimmed(style: Style, text: string): [string, string] {
  return [style.dim(text), text];
}

function rootLine(tree: StackTree, g: TreeGlyphs, style: Style): Line {
  const hosts = tree.hosts.map((h) => h.host);
  const alb = tree.alb;
  const segments: Array<string | [string, string]> = [];
  if (hosts.length > 0) segments.push(`${hosts.join(', ')} ${g.arrow} `);
  segments.push(alb?.id === undefined ? 'ALB' : `ALB ${alb.id}`);
  if (alb?.status !== undefined) segments.push('  ', dimmed(style, alb.status));
  const parts: Part[] = [{ name: 'ALB', node: alb }, ...tree.hosts.map((h) => ({ name: h.host, node: h }))];
  return line('', g.pipe, segments, parts);
}

function listenerLine(tree: StackTree, g: TreeGlyphs, style: Style): Line {
  const listener = tree.listener;
  const segments: Array<string | [string, string]> = [];
  if (listener.id === undefined) segments.push('listener ', dimmed(style, '(not recorded)'));
  else segments.push(`listener ${listener.id}${listener.port === undefined ? '' : `  HTTP:${listener.port}`}`);
  segments.push(adopted(listener, style));
  if (listener.status !== undefined) segments.push('  ', dimmed(style, listener.status));
  const under = g.space + (listener.routes.length > 0 ? g.pipe : g.space);
  return line(g.last, under, segments, [{ name: 'listener', node: listener }]);
}

function routeText(route: TreeRoute, g: TreeGlyphs, style: Style): Array<string | [string, string]> {
  const priority: Array<string | [string, string]> =
    route.priority === undefined ? [] : ['  ', dimmed(style, `priority ${route.priority}`)];
  if (route.fixedResponse !== undefined) {
    return [`otherwise ${g.arrow} HTTP ${route.fixedResponse}`, '  ', dimmed(style, 'no default route'), ...priority];
  }
  const match = [route.host && `host ${route.host}`, route.path && `path ${route.path}`].filter(Boolean).join('  ');
  if (match !== '') return [route.route, '  ', match, ...priority];
  if (!route.default) return [route.route, ...priority];
  const what = route.rule ? 'everything else' : 'default action';
  return route.route === 'default' ? [what, ...priority] : [route.route, '  ', dimmed(style, what), ...priority];
}

function backendLine(
  backend: TreeBackend,
  share: boolean,
  g: TreeGlyphs,
  style: Style,
): Array<string | [string, string]> {
  const segments: Array<string | [string, string]> = [];
  if (share && backend.weight !== undefined) segments.push(`${String(backend.weight).padStart(3)}% ${g.arrow} `);
  const group = backend.serverGroup;
  segments.push(group?.id ?? 'server group', adopted(group, style));
  const fn = backend.function;
  const name = fn?.name ?? fn?.id ?? 'function';
  segments.push(` ${g.arrow} ${name}`, adopted(fn, style));
  return segments;
}

function routeLines(tree: StackTree, g: TreeGlyphs, style: Style): Line[] {
  const lines: Line[] = [];
  const routes = tree.listener.routes;
  routes.forEach((route, i) => {
    const lastRoute = i === routes.length - 1;
    const prefix = g.space + (lastRoute ? g.last : g.branch);
    const children = g.space + (lastRoute ? g.space : g.pipe);
    const under = children + (route.backends.length > 0 ? g.pipe : g.space);
    lines.push(line(prefix, under, routeText(route, g, style), [{ name: 'rule', node: route.rule }]));
    route.backends.forEach((backend, j) => {
      const lastBackend = j === route.backends.length - 1;
      lines.push(
        line(
          children + (lastBackend ? g.last : g.branch),
          children + (lastBackend ? g.space : g.pipe),
          backendLine(backend, route.backends.length > 1, g, style),
          [
            { name: 'group', node: backend.serverGroup },
            { name: 'backend', node: backend.server },
            { name: 'function', node: backend.function },
          ],
        ),
      );
    });
  });
  return lines;
}

/** The tree's lines, each `indent`ed, marks aligned in one column, details (why drifted) under their line. */
export function treeLines(tree: StackTree, style: Style, g: TreeGlyphs, indent = '  '): string[] {
  const lines = [rootLine(tree, g, style), listenerLine(tree, g, style), ...routeLines(tree, g, style)];
  const width = Math.max(...lines.map((l) => l.prefix.length + l.plain.length));
  const out: string[] = [];
  for (const l of lines) {
    const mark = foldMarks(l.parts, style);
    const left = `${indent}${style.dim(l.prefix)}${l.text}`;
    const pad = ' '.repeat(width - l.prefix.length - l.plain.length);
    out.push(mark.plain === '' ? left : `${left}${pad}  ${mark.text}`);
    const named = l.parts.filter((p) => (p.node?.details?.length ?? 0) > 0);
    for (const part of named) {
      for (const detail of part.node?.details ?? []) {
        const who = l.parts.length > 1 ? `${part.name}: ` : '';
        out.push(`${indent}${style.dim(`${l.under}${g.detail} ${who}${detail}`)}`);
      }
    }
  }
  for (const retired of tree.retired) {
    const what = `${stepTitle(retired.resource)} ${retired.id ?? ''}`.trimEnd();
    out.push(`${indent}${style.dim(`replaced: ${what}, still to be deleted`)}`);
  }
  return out;
}

/** Whether the stack is more than the single function of the flags: several routes, hosts or weights. */
export function hasRoutes(tree: StackTree): boolean {
  const routes = tree.listener.routes;
  return (
    tree.hosts.length > 1 ||
    routes.length > 1 ||
    routes.some((r) => r.rule !== undefined || r.route !== 'default' || r.backends.length > 1)
  );
}

/** Whether the run marked anything in the tree (a `test` acts on nothing; `status` reads everything). */
export function isMarked(tree: StackTree): boolean {
  const routes = tree.listener.routes;
  const nodes: Array<TreeResource | undefined> = [
    tree.listener,
    ...tree.hosts,
    ...routes.flatMap((r) => [r.rule, ...r.backends.flatMap((b) => [b.serverGroup, b.server, b.function])]),
  ];
  return nodes.some((n) => markOf(n) !== undefined);
}
