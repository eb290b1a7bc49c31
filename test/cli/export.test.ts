// `alb-fc export` through the CLI in-process: a two-route stack (one with a canary, no default route) deployed on
// the local cloud, then exported as Terraform and as ROS; the ids in the documents are the cloud's, the ZIPs are
// the deployed code, and nothing was written to the cloud.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { beforeEach, describe, expect, it } from 'vitest';
import { crc64 } from '../../src/lib/crc64.js';
import { cli, useWorkspace, writeCalls } from './harness.js';

const ws = useWorkspace();

const STACK_FILE = `routes:
  - name: users
    host: api.example.com
    path: /users/*
    code: ./users
    canary:
      code: ./users-v2
      weight: 10
  - name: orders
    host: orders.example.com
    code: ./orders
`;

interface CloudState {
  services: {
    fc: { functions: Array<{ name: string; codeChecksum: string }> };
    alb: {
      serverGroups: Array<{ serverGroupId: string }>;
      listeners: Array<{ listenerId: string }>;
      rules: Array<{ ruleId: string }>;
    };
    alidns: { records: Array<{ recordId: string }> };
  };
}

async function cloudIds(): Promise<{ ids: string[]; checksums: Record<string, string> }> {
  const state = (await (await fetch(`${ws.cloud.endpoint}/_emulator/state`)).json()) as CloudState;
  const { fc, alb, alidns } = state.services;
  return {
    ids: [
      ...fc.functions.map((f) => f.name),
      ...alb.serverGroups.map((g) => g.serverGroupId),
      ...alb.listeners.map((l) => l.listenerId),
      ...alb.rules.map((r) => r.ruleId),
      ...alidns.records.map((r) => r.recordId),
    ].sort(),
    checksums: Object.fromEntries(fc.functions.map((f) => [f.name, f.codeChecksum])),
  };
}

const flags = () => ['--endpoint', ws.cloud.endpoint];

beforeEach(async () => {
  for (const name of ['users', 'users-v2', 'orders']) {
    await mkdir(join(ws.cwd, name), { recursive: true });
    await writeFile(join(ws.cwd, name, 'index.js'), `exports.handler = async () => 'hello from ${name}';\n`);
  }
  await writeFile(join(ws.cwd, 'alb-fc.yaml'), STACK_FILE);
});

async function deploy(): Promise<void> {
  const albId = ws.cloud.info.loadBalancers[0]!.id;
  const run = await cli(['deploy', ...flags(), '--alb-id', albId, '--domain', 'www.example.com', '--yes', '--json'], {
    cwd: ws.cwd,
  });
  expect(run.code, run.stderr).toBe(0);
}

describe('alb-fc export', () => {
  it('exports a deployed two-route stack as Terraform: the cloud ids in import blocks, the deployed ZIPs beside', async () => {
    await deploy();
    const writesBefore = writeCalls(ws.cloud).length;
    const run = await cli(['export', ...flags(), '--format', 'terraform', '--out', 'infra/main.tf', '--json'], {
      cwd: ws.cwd,
    });
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json<{ status: string; file: string; files: string[]; resources: Array<{ id: string }> }>();
    expect(doc.status).toBe('succeeded');
    expect(doc.file).toBe('infra/main.tf');
    const parsed = (await parse('main.tf', await readFile(join(ws.cwd, 'infra/main.tf'), 'utf8'))) as {
      import: Array<{ id: string }>;
      resource: Record<string, Record<string, unknown>>;
    };
    const { ids, checksums } = await cloudIds();
    // Every resource in the cloud is the stack's (the seeded ALB and zone are not resources of the document).
    expect(parsed.import.map((i) => i.id).sort()).toEqual(ids);
    expect(doc.resources.map((r) => r.id).sort()).toEqual(ids);
    expect(Object.keys(parsed.resource.alicloud_alb_rule!).sort()).toEqual(['fallback', 'orders', 'users']);
    // The ZIPs are the packages FC runs: their CRC-64 is the checksum FC reports.
    const zips = doc.files.filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(3);
    for (const zip of zips) {
      const name = zip.replace(/^infra\/alb-fc-export\//, '').replace(/\.zip$/, '');
      expect(crc64(await readFile(join(ws.cwd, zip)))).toBe(checksums[name]);
    }
    expect(writeCalls(ws.cloud).length).toBe(writesBefore);
  });

  it('exports the same stack as a ROS template on stdout, and as YAML to a .yaml file', async () => {
    await deploy();
    const run = await cli(['export', ...flags(), '--format', 'ros'], { cwd: ws.cwd });
    expect(run.code, run.stderr).toBe(0);
    const template = JSON.parse(run.stdout) as {
      Metadata: { 'alb-fc': { ResourcesToImport: Array<{ ResourceIdentifier: Record<string, string> }> } };
    };
    const imported = template.Metadata['alb-fc'].ResourcesToImport.map((i) => Object.values(i.ResourceIdentifier)[0]!);
    const { ids } = await cloudIds();
    // A server group's id twice: the group and its backend attachment.
    expect([...new Set(imported)].sort()).toEqual(ids);
    const yaml = await cli(['export', ...flags(), '--format', 'ros', '--out', 'stack.yaml'], { cwd: ws.cwd });
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.stdout).toContain('wrote stack.yaml');
    expect(await readFile(join(ws.cwd, 'stack.yaml'), 'utf8')).toMatch(/^ROSTemplateFormatVersion: "2015-09-01"\n/);
  });

  it('refuses a stack with nothing deployed (exit 2), naming what to do', async () => {
    const run = await cli(['export', ...flags(), '--format', 'terraform', '--json'], { cwd: ws.cwd });
    expect(run.code).toBe(2);
    const doc = run.json<{ error: { code: string; hint: string } }>();
    expect(doc.error.code).toBe('NOTHING_DEPLOYED');
    expect(doc.error.hint).toContain('alb-fc deploy');
  });

  it('refuses a missing or unknown --format (exit 2)', async () => {
    const run = await cli(['export', ...flags(), '--format', 'pulumi'], { cwd: ws.cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format must be terraform or ros, not pulumi');
  });
});
