// The stack's tree as a person reads it: after a deploy with routes and in `status`, box-drawing characters on a
// colour terminal and ASCII everywhere else, marks in one column, folded when a line's resources agree.
import { describe, expect, it } from 'vitest';
import type { StackTree } from '../../src/runner/stack-tree.js';
import { createStyle } from '../../src/ui/render/style.js';
import { ASCII_GLYPHS, BOX_GLYPHS, foldMarks, treeLines } from '../../src/ui/render/summary-tree.js';
import * as ev from './helpers/events.js';
import * as stackEv from './helpers/stack-command-events.js';
import { kinds, render } from './helpers/run-renderer.js';
import { routesDeployMarks, routesTree, singleTree } from './helpers/trees.js';

const plain = createStyle(false);
const BOX_CHARS = /[─│├└→↳]/;

/** The routes deploy of issue 9 as `deploy` reports it. */
const routesDoc = { ...ev.successDoc, tree: routesTree({ action: 'unchanged' }, routesDeployMarks) };

describe('the tree, drawn', () => {
  it('draws routes in match order with weights, the default last, each line marked in one column', () => {
    expect(treeLines(routesTree({ action: 'unchanged' }, routesDeployMarks), plain, ASCII_GLYPHS)).toEqual([
      '  hello.example.com, api.example.com, orders.example.com -> ALB alb-seed0001  unchanged, orders.example.com deleted',
      '  `- listener lsn-xyz789  HTTP:80                                             unchanged',
      '     |- users  host api.example.com  path /users/*  priority 10               updated',
      '     |  |-  90% -> sgp-users -> default-users                                 unchanged',
      '     |  `-  10% -> sgp-canary -> default-users-canary                         created',
      '     |- orders  host orders.example.com  priority 20                          deleted',
      '     |  `- sgp-orders -> default-orders                                       deleted',
      '     `- web  default action',
      '        `- sgp-web -> default-web                                             unchanged',
    ]);
  });

  it('uses box-drawing characters and arrows where asked', () => {
    const lines = treeLines(routesTree({ state: 'present' }), plain, BOX_GLYPHS);
    expect(lines[1]).toMatch(/^ {2}└─ listener lsn-xyz789 +HTTP:80 +present$/);
    expect(lines[2]).toMatch(/^ {5}├─ users +host api\.example\.com +path \/users\/\* +priority 10 +present$/);
    expect(lines[3]).toMatch(/^ {5}│ {2}├─ {2}90% → sgp-users → default-users +present$/);
    expect(lines[8]).toMatch(/^ {8}└─ sgp-web → default-web +present$/);
  });

  it('draws the catch-all 404, a rule still pending, an adopted function and what an update replaced', () => {
    const tree: StackTree = {
      hosts: [],
      listener: {
        resource: 'listener',
        id: 'lsn-1',
        port: 8080,
        state: 'present',
        routes: [
          {
            route: 'users',
            default: false,
            rule: { resource: 'rule:users', state: 'pending' },
            backends: [
              {
                canary: false,
                serverGroup: { resource: 'serverGroup:users', id: 'sgp-1', state: 'present' },
                function: { resource: 'function:users', name: 'theirs', state: 'present', owned: false },
              },
            ],
          },
          {
            route: '_fallback',
            default: true,
            priority: 20,
            fixedResponse: 404,
            rule: { resource: 'rule:_fallback', id: 'rule-f', state: 'present' },
            backends: [],
          },
        ],
      },
      retired: [{ resource: 'listener', id: 'lsn-0', state: 'retired' }],
    };
    expect(treeLines(tree, plain, ASCII_GLYPHS)).toEqual([
      '  ALB',
      '  `- listener lsn-1  HTTP:8080                                present',
      '     |- users                                                 pending',
      '     |  `- sgp-1 -> theirs (adopted)                          present',
      '     `- otherwise -> HTTP 404  no default route  priority 20  present',
      '  replaced: Listener lsn-0, still to be deleted',
    ]);
  });

  it('folds marks: one word when they agree, else the most common and each one that differs, by name', () => {
    const part = (name: string, word: string | undefined) => ({
      name,
      node: word === undefined ? undefined : { resource: name, action: word as 'created' },
    });
    expect(foldMarks([part('group', 'created'), part('function', 'created')], plain).plain).toBe('created');
    expect(
      foldMarks([part('group', 'unchanged'), part('backend', 'unchanged'), part('function', 'updated')], plain).plain,
    ).toBe('unchanged, function updated');
    expect(foldMarks([part('group', undefined), part('function', 'failed')], plain).plain).toBe('failed');
    expect(foldMarks([part('group', undefined)], plain).plain).toBe('');
  });

  it('colours each mark by what it means', () => {
    const colour = createStyle(true);
    const tree = singleTree({ state: 'present' }, { function: { state: 'missing' } });
    const text = treeLines(tree, colour, BOX_GLYPHS).join('\n');
    expect(text).toContain(colour.fail('missing'));
    expect(text).toContain(colour.ok('present'));
  });
});

describe.each(kinds)('%s renderer', (kind) => {
  it('draws a deploy with routes as the tree, with box-drawing characters only on a colour terminal', () => {
    const color = kind === 'tty';
    const r = render(kind, ev.success, { color });
    r.renderer.result(routesDoc, { nextSteps: [] });
    const out = r.human();
    expect(out).toMatch(/URL +http:\/\/api\.example\.com\//);
    expect(out).toMatch(/users +host api\.example\.com +path \/users\/\* +priority 10 +updated/);
    expect(out).toMatch(/10% (→|->) sgp-canary (→|->) default-users-canary +created/);
    expect(out).toMatch(/HTTP test +HTTP 200 +hello world/);
    // The tree replaces the single function's rows.
    expect(out).not.toMatch(/Function +hello-api/);
    const start = out.indexOf(`orders.example.com ${color ? '→' : '->'} ALB`);
    expect(start).toBeGreaterThanOrEqual(0);
    const treeText = out.slice(start, out.indexOf('HTTP test', start));
    if (color) expect(treeText).toMatch(/└─ listener lsn-xyz789[^\n]+\n +├─ users/);
    else expect(treeText).not.toMatch(BOX_CHARS);
  });

  it('draws the tree in ASCII on a terminal without colour too', () => {
    const r = render(kind, stackEv.statusRun, { command: 'status', color: false });
    r.renderer.result(stackEv.statusDoc, { nextSteps: [] });
    expect(r.human()).toMatch(/`- listener lsn-xyz789/);
    expect(r.human()).not.toMatch(/[─│├└]/);
  });

  it('keeps the single function rows after a deploy, without a tree', () => {
    const r = render(kind, ev.success);
    r.renderer.result(ev.successDoc, { nextSteps: [] });
    const out = r.human();
    expect(out).toMatch(/Function +hello-api/);
    expect(out).toMatch(/Listener +lsn-xyz789 +HTTP:80 +\(created\)/);
    expect(out).not.toMatch(/listener lsn-xyz789/);
  });

  it('draws no tree for a run that acted on nothing (alb-fc test)', () => {
    const r = render(kind, ev.success);
    r.renderer.result({ ...routesDoc, command: 'test', resources: {}, tree: routesTree({}) }, { nextSteps: [] });
    expect(r.human()).not.toMatch(/listener lsn-xyz789/);
    expect(r.human()).toMatch(/HTTP test +HTTP 200/);
  });

  it('draws the routes in status with each live state', () => {
    const r = render(kind, stackEv.statusRun, { command: 'status' });
    const tree = routesTree(
      { state: 'present' },
      { lookup: { state: 'present', status: 'Active' }, 'function:orders': { state: 'missing' } },
    );
    r.renderer.result({ ...stackEv.statusDoc, tree }, { nextSteps: [] });
    const out = r.human();
    expect(out).toMatch(
      /hello\.example\.com, api\.example\.com, orders\.example\.com -> ALB alb-seed0001 +Active +present/,
    );
    expect(out).toMatch(/`- sgp-orders -> default-orders +present, function missing/);
    expect(out).toMatch(/`- web +default action\n +`- sgp-web -> default-web +present/);
  });
});
