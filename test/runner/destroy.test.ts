// destroy: reverse order, only what the stack created unless includeAdopted, skipping what is gone,
// re-runnable, and able to work from the cloud's tags when the state file is lost.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { LB_DNS, ZONE } from '../support/fake-cloud.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport, expectNothingLeft } from '../support/invariants.js';

describe('destroy', () => {
  it('removes everything in reverse order and the state file; a second destroy has nothing to do', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const start = h.cloud.world.log.length;
    const { result: report } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(report.status).toBe('succeeded');
    const deletes = h.cloud.world.log
      .slice(start)
      .filter((c) => c.mutating)
      .map((c) => c.action);
    expect(deletes).toEqual([
      'DeleteDomainRecord',
      'DeleteListener',
      'RemoveServersFromServerGroup',
      'DeleteServerGroup',
      'DeleteFunction',
    ]);
    expectNothingLeft(h, 'destroyed');
    const { result: again } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(again.status).toBe('no_changes');
    expect(again.exitCode).toBe(0);
  });

  it('keeps adopted resources unless includeAdopted', async () => {
    const h = new Harness();
    // An identical CNAME made by someone else is adopted, not owned.
    h.cloud.dns.seed({ zone: ZONE, rr: 'api', type: 'CNAME', value: LB_DNS, ttl: 600 });
    const { result: deployed } = await h.process((deps) => deploy(stackInput(), deps));
    expect(deployed.steps.find((s) => s.step === 'dnsRecord')?.action).toBe('adopted');
    expect(h.state()?.steps.dnsRecord?.owned).toBe(false);
    const { result: report } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(report.steps.find((s) => s.step === 'dnsRecord')).toMatchObject({ outcome: 'skipped', action: 'skipped' });
    expect(h.inventory().records).toEqual([`api.example.com CNAME ${LB_DNS}`]);
    expect(h.inventory().functions).toEqual([]);
    // Still in the state, so that --include-adopted can remove it later.
    const { result: all } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: true }));
    expect(all.exitCode, describeReport(all)).toBe(0);
    expectNothingLeft(h, 'include adopted');
  });

  it('skips what was deleted by hand', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    h.cloud.dns.records.clear();
    h.cloud.functions.items.delete('hello');
    const { result: report } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(report.exitCode, describeReport(report)).toBe(0);
    const byStep = Object.fromEntries(report.steps.map((s) => [s.step, s.action]));
    expect(byStep).toMatchObject({
      dnsRecord: 'absent',
      function: 'absent',
      listener: 'deleted',
      serverGroup: 'deleted',
    });
    expectNothingLeft(h, 'partly gone');
  });

  it('finds the stack by its tags when the state file is lost (and the DNS record through the domain)', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    h.disk.files.delete(STACK);
    const { result: report } = await h.process((deps) =>
      destroy(STACK, deps, { includeAdopted: false, input: stackInput() }),
    );
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(h.eventsOf('info').some((i) => /found 5 resource\(s\) by the stack's tags/.test(i.message))).toBe(true);
    expectNothingLeft(h, 'lost state');
  });

  it('keeps a server group that an adopted listener still forwards to', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const state = h.state();
    if (state?.steps.listener) state.steps.listener.owned = false;
    h.disk.files.set(STACK, JSON.stringify(state));
    const { result: report } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    const byStep = Object.fromEntries(report.steps.map((s) => [s.step, s.outcome]));
    expect(byStep).toMatchObject({ listener: 'skipped', serverGroup: 'blocked', server: 'done', function: 'done' });
    expect(h.inventory().groups).toHaveLength(1);
    expect(h.inventory().listeners).toHaveLength(1);
  });
});
