// The Terraform export of states as deploy leaves them, read back through HashiCorp's HCL parser
// (@cdktf/hcl2json): every resource the stack created, an import block per resource with its real id, references
// that name declared resources, and a layout that `terraform fmt` leaves as is.
import { spawnSync } from 'node:child_process';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { buildExportModel, type LiveFacts } from '../../../src/export/model.js';
import { terraformExport } from '../../../src/export/terraform.js';
import type { StackState } from '../../../src/state/schema.js';
import { adoptedFunctionState, FIXTURE, routesState, singleState } from './fixtures.js';
import { hclReferences } from './references.js';

type Blocks = Record<string, Record<string, Array<Record<string, unknown>>>>;
interface Parsed {
  resource?: Blocks;
  import?: Array<{ to: string; id: string }>;
  variable?: Record<string, Array<{ default?: unknown }>>;
}

async function exportOf(state: StackState, live: LiveFacts = {}) {
  const model = buildExportModel(state, live, { notFoundBody: 'not here' });
  const { text, resources } = terraformExport(model);
  return { text, resources, parsed: (await parse('main.tf', text)) as Parsed };
}

/** Real ids of the state's records that the stack created, by kind. */
function ownedIds(state: StackState): string[] {
  return Object.values(state.steps).flatMap((record) => {
    if (!record?.owned || !record.outputs) return [];
    const o = record.outputs as Record<string, unknown>;
    if ('mode' in o) return o.mode === 'create' ? [o.name as string] : [];
    if ('functionArn' in o) return []; // a membership is part of its server group
    return [(o.recordId ?? o.id) as string];
  });
}

function expectReferencesResolve(parsed: Parsed): void {
  const declared = new Set(
    Object.entries(parsed.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)),
  );
  const variables = new Set(Object.keys(parsed.variable ?? {}));
  // The code's `filebase64("${path.module}/…")` is a function call, not a reference to a declaration.
  const references = hclReferences(parsed.resource).filter((r) => !r.startsWith('filebase64('));
  expect(references.length).toBeGreaterThan(0);
  for (const reference of references) {
    const [first, second] = reference.split('.');
    if (first === 'var') expect(variables, reference).toContain(second);
    else expect(declared, reference).toContain(`${first}.${second}`);
  }
  for (const block of parsed.import ?? []) expect(declared).toContain(block.to.replace(/^\$\{(.*)\}$/, '$1'));
}

describe('terraform export', () => {
  it('declares every created resource of a stack with routes, and imports each by its real id', async () => {
    const state = routesState();
    const { parsed, resources } = await exportOf(state);
    const types = Object.fromEntries(Object.entries(parsed.resource ?? {}).map(([t, b]) => [t, Object.keys(b).sort()]));
    expect(types).toEqual({
      alicloud_fcv3_function: ['orders', 'users', 'users_canary'],
      alicloud_alb_server_group: ['orders', 'users', 'users_canary'],
      alicloud_alb_listener: ['this'],
      alicloud_alb_rule: ['fallback', 'orders', 'users'],
      alicloud_alidns_record: ['api_example_com', 'orders_example_com', 'www_example_com'],
    });
    const importIds = (parsed.import ?? []).map((i) => i.id).sort();
    expect(importIds).toEqual(ownedIds(state).sort());
    expect(resources.map((r) => r.id).sort()).toEqual(importIds);
    expectReferencesResolve(parsed);
  });

  it('writes the canary as weighted tuples and the missing default route as a 404 rule', async () => {
    const { parsed } = await exportOf(routesState());
    const rules = parsed.resource!.alicloud_alb_rule!;
    const users = rules.users![0]!;
    expect(users.priority).toBe(10);
    expect(users.rule_conditions).toEqual([
      { type: 'Host', host_config: [{ values: ['api.example.com'] }] },
      { type: 'Path', path_config: [{ values: ['/users/*'] }] },
    ]);
    const action = (users.rule_actions as Array<Record<string, unknown>>)[0]!;
    expect(action.type).toBe('ForwardGroup');
    expect((action.forward_group_config as Array<{ server_group_tuples: unknown }>)[0]!.server_group_tuples).toEqual([
      { server_group_id: '${alicloud_alb_server_group.users.id}', weight: 90 },
      { server_group_id: '${alicloud_alb_server_group.users_canary.id}', weight: 10 },
    ]);
    const fallback = rules.fallback![0]!;
    expect(fallback.rule_conditions).toEqual([{ type: 'Path', path_config: [{ values: ['/*'] }] }]);
    expect(fallback.rule_actions).toEqual([
      {
        order: 1,
        type: 'FixedResponse',
        fixed_response_config: [{ content: 'not here', content_type: 'text/plain', http_code: '404' }],
      },
    ]);
    const listener = parsed.resource!.alicloud_alb_listener!.this![0]!;
    expect(listener.load_balancer_id).toBe('${var.alb_id}');
    expect(parsed.variable?.alb_id?.[0]?.default).toBe(FIXTURE.ALB);
  });

  it('puts each function in its Fc server group by reference, with its code from the ZIP beside the file', async () => {
    const { parsed } = await exportOf(routesState());
    const group = parsed.resource!.alicloud_alb_server_group!.users![0]!;
    expect(group.server_group_type).toBe('Fc');
    expect(group.health_check_config).toEqual([{ health_check_enabled: false }]);
    expect(group.servers).toEqual([{ server_id: '${alicloud_fcv3_function.users.function_arn}', server_type: 'Fc' }]);
    const fn = parsed.resource!.alicloud_fcv3_function!.users_canary![0]!;
    expect(fn).toMatchObject({ function_name: 'shop-users-canary', runtime: 'nodejs20', handler: 'index.handler' });
    expect(fn.code).toEqual([{ zip_file: '${filebase64("${path.module}/alb-fc-export/shop-users-canary.zip")}' }]);
  });

  it('takes settings the state does not record from the live read: health check, tags, description', async () => {
    const state = singleState();
    const { parsed } = await exportOf(state, {
      serverGroups: {
        'sgp-1': {
          id: 'sgp-1',
          name: 'alb-fc-shop',
          type: 'Fc',
          status: 'Available',
          healthCheckEnabled: true,
          tags: FIXTURE.TAGS,
        },
      },
    });
    const group = parsed.resource!.alicloud_alb_server_group!.default![0]!;
    expect(group.health_check_config).toEqual([{ health_check_enabled: true }]);
    expect(group.tags).toEqual(FIXTURE.TAGS);
  });

  it('references an adopted function by its ARN and manages neither it nor a DNS record under --skip-dns', async () => {
    const { parsed, text } = await exportOf(adoptedFunctionState());
    expect(Object.keys(parsed.resource ?? {}).sort()).toEqual(['alicloud_alb_listener', 'alicloud_alb_server_group']);
    const group = parsed.resource!.alicloud_alb_server_group!.default![0]!;
    expect(group.servers).toEqual([
      { server_id: 'acs:fc:cn-hangzhou:1000000000000001:functions/legacy', server_type: 'Fc' },
    ]);
    expect(text).toMatch(
      /# Adopted by the stack[^\n]*\n#\s+- function acs:fc:cn-hangzhou:1000000000000001:functions\/legacy/,
    );
    expect((parsed.import ?? []).map((i) => i.id).sort()).toEqual(['lsn-1', 'sgp-1']);
  });

  it('says what it does not manage: capacity set through separate FC calls', async () => {
    const { text } = await exportOf(routesState());
    expect(text).toContain('# Not managed here: reserved concurrency 4 of function shop-users-canary.');
  });

  it('passes terraform fmt -check', async (ctx) => {
    const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
    // `terraform` is optional on a developer's machine: without it the layout is only checked by the parser above.
    if (probe.error) ctx.skip('terraform is not on PATH');
    for (const state of [routesState(), adoptedFunctionState(), singleState()]) {
      const { text } = await exportOf(state);
      const fmt = spawnSync('terraform', ['fmt', '-check', '-diff', '-'], { input: text, encoding: 'utf8' });
      expect(fmt.stdout, fmt.stderr).toBe('');
      expect(fmt.status).toBe(0);
    }
  });
});
