// Changed inputs: new code or settings → UpdateFunction; a new port → a new listener, then the old one
// removed; a new domain → a new record, then the old one removed; a renamed function → swapped in the group,
// then the old one deleted. `plan` shows each first.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy, plan } from '../../src/runner/engine.js';
import type { StackInput } from '../../src/stack-input.js';
import { LB_DNS } from '../support/fake-cloud.js';
import { Harness, stackInput } from '../support/harness.js';
import { describeReport } from '../support/invariants.js';
import { tempDir } from '../support/temp-dir.js';

async function deployed(): Promise<Harness> {
  const h = new Harness();
  const { result } = await h.process((deps) => deploy(stackInput(), deps));
  expect(result.exitCode).toBe(0);
  return h;
}

async function planThenDeploy(
  h: Harness,
  input: StackInput,
): Promise<{ planned: Record<string, string>; actions: Record<string, string | undefined> }> {
  const { result: planReport } = await h.process((deps) => plan(input, deps));
  const { result: report } = await h.process((deps) => deploy(input, deps));
  expect(report.exitCode, describeReport(report)).toBe(0);
  return {
    planned: Object.fromEntries(
      (planReport.plan ?? []).filter((p) => p.action !== 'unchanged').map((p) => [p.step, p.action]),
    ),
    actions: Object.fromEntries(report.steps.map((s) => [s.step, s.action])),
  };
}

describe('updates', () => {
  it('updates the function when its code or settings change, and only then', async () => {
    const h = await deployed();
    const dir = await tempDir('alb-fc-code-');
    await writeFile(join(dir, 'index.js'), "exports.handler = async () => 'hello again';\n");
    const input = stackInput({ function: { code: { kind: 'dir', path: dir }, memorySize: 256 } });
    const { planned, actions } = await planThenDeploy(h, input);
    expect(planned).toEqual({ function: 'update' });
    expect(actions['function']).toBe('updated');
    expect(h.mutations().filter((m) => m === 'UpdateFunction')).toHaveLength(1);
    expect(h.cloud.functions.items.get('hello')?.memorySize).toBe(256);
    // Same directory again: the ZIP is byte-for-byte the same, so nothing changes.
    const { result: again } = await h.process((deps) => deploy(input, deps));
    expect(again.status).toBe('no_changes');
  });

  it('moves to a new port with a new listener, then removes the old one', async () => {
    const h = await deployed();
    const old = h.state()?.steps.listener?.outputs?.id;
    const { planned, actions } = await planThenDeploy(h, stackInput({ listener: { port: 8080, protocol: 'HTTP' } }));
    expect(planned).toEqual({ listener: 'update' });
    expect(actions['listener']).toBe('updated');
    const listeners = h.inventory().listeners;
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatch(/:8080:/);
    expect(listeners[0]).not.toContain(`${old}:`);
    expect(h.state()?.steps.listener?.retired).toBeUndefined();
    const creates = h.mutations().indexOf('CreateListener', h.mutations().indexOf('CreateListener') + 1);
    expect(h.mutations().indexOf('DeleteListener')).toBeGreaterThan(creates);
  });

  it('moves to a new domain with a new record, then removes the old one', async () => {
    const h = await deployed();
    const { planned } = await planThenDeploy(
      h,
      stackInput({ dns: { domain: 'www.example.com', ttl: 600, force: false } }),
    );
    expect(planned).toEqual({ dnsRecord: 'create' });
    expect(h.inventory().records).toEqual([`www.example.com CNAME ${LB_DNS}`]);
    expect(h.state()?.steps.dnsRecord?.outputs?.domain).toBe('www.example.com');
  });

  it('swaps a renamed function into the server group and deletes the old one', async () => {
    const h = await deployed();
    const input = stackInput({ function: { name: 'hello2' } });
    const { planned } = await planThenDeploy(h, input);
    expect(planned).toMatchObject({ function: 'create', server: 'update' });
    const inv = h.inventory();
    expect(inv.functions).toEqual(['hello2']);
    expect(inv.servers).toHaveLength(1);
    expect(inv.servers[0]).toMatch(/functions\/hello2$/);
  });
});
