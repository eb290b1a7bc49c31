// plan (read-only decisions; --detailed-exitcode) and status (present / missing / drifted), including
// resources changed by hand, DNS conflicts refused before anything changes, and --force-dns.
import { describe, expect, it } from 'vitest';
import { deploy, plan, status } from '../../src/runner/engine.js';
import { detailedExitCode } from '../../src/runner/report.js';
import { toResultDocument } from '../../src/runner/result-document.js';
import { LB_DNS, LB_ID, ZONE } from '../support/fake-cloud.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport, expectExactlyOneOfEach } from '../support/invariants.js';

function actions(report: Awaited<ReturnType<typeof plan>>): Record<string, string> {
  return Object.fromEntries((report.plan ?? []).map((p) => [p.step, p.action]));
}

describe('plan', () => {
  it('lists five creates on a fresh stack, changes nothing, and exits 2 with --detailed-exitcode', async () => {
    const h = new Harness();
    const { result: report } = await h.process((deps) => plan(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(actions(report)).toEqual({
      function: 'create',
      serverGroup: 'create',
      server: 'create',
      listener: 'create',
      dnsRecord: 'create',
    });
    expect(detailedExitCode(report)).toBe(2);
    expect(h.mutations()).toEqual([]);
    expect(h.state()).toBeUndefined();
    expect(toResultDocument(report).plan?.summary).toEqual({ create: 5 });
  });

  it('reports no changes after a deploy (detailed exit code 0)', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const { result: report } = await h.process((deps) => plan(stackInput(), deps));
    expect(Object.values(actions(report))).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(detailedExitCode(report)).toBe(0);
  });

  it('refuses a CNAME next to an A record before changing anything (exit 4), and replaces it with force', async () => {
    const h = new Harness();
    h.cloud.dns.seed({ zone: ZONE, rr: 'api', type: 'A', value: '203.0.113.7', ttl: 600 });
    const { result: planned } = await h.process((deps) => plan(stackInput(), deps));
    expect(actions(planned)['dnsRecord']).toBe('conflict');
    expect(detailedExitCode(planned)).toBe(1);
    const { result: refused } = await h.process((deps) => deploy(stackInput(), deps));
    expect(refused.exitCode).toBe(4);
    expect(refused.error?.message).toMatch(/A api\.example\.com → 203\.0\.113\.7/);
    expect(refused.error?.hint).toMatch(/--force-dns/);
    expect(h.mutations()).toEqual([]);
    const input = stackInput({ dns: { domain: 'api.example.com', ttl: 600, force: true } });
    const { result: forced } = await h.process((deps) => deploy(input, deps));
    expect(forced.exitCode, describeReport(forced)).toBe(0);
    expect(h.inventory().records).toEqual([`api.example.com CNAME ${LB_DNS}`]);
  });

  it('refuses a CNAME with another value, and a listener port used by someone else, all at once', async () => {
    const h = new Harness();
    h.cloud.dns.seed({ zone: ZONE, rr: 'api', type: 'CNAME', value: 'elsewhere.example.net', ttl: 600 });
    await h.cloud.alb.createServerGroup({ clientToken: 'other', name: 'other', healthCheckEnabled: false, tags: {} });
    const other = h.cloud.alb.liveGroups()[0]?.id ?? '';
    h.clock.advance(10_000);
    await h.cloud.alb.createListener({
      clientToken: 'other',
      loadBalancerId: LB_ID,
      port: 80,
      protocol: 'HTTP',
      serverGroupId: other,
      tags: {},
    });
    h.clock.advance(10_000);
    const before = h.mutations().length;
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(4);
    expect(report.errors.map((e) => e.step).sort()).toEqual(['dnsRecord', 'listener']);
    expect(h.mutations().length).toBe(before);
  });
});

describe('plan of the backend while the function is to be created', () => {
  // Regression (found against the local cloud): a function deleted by hand was planned as "leaves the group
  // for the new function", although the function comes back under the same name, hence the same ARN.
  it('keeps the membership of a function re-created under its name', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    h.cloud.functions.items.delete('hello');
    const { result: planned } = await h.process((deps) => plan(stackInput(), deps));
    expect(actions(planned)).toMatchObject({ function: 'create', server: 'unchanged' });
    expect(planned.changes).toBe(1);
  });

  it("refuses someone else's function in the stack's group before creating anything (exit 4)", async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const state = h.state();
    const group = state?.steps.serverGroup?.outputs?.id ?? '';
    await h.cloud.alb.removeFunction({
      clientToken: 'x1',
      serverGroupId: group,
      functionArn: h.cloud.functions.arn('hello'),
    });
    h.clock.advance(10_000);
    await h.cloud.alb.addFunction({
      clientToken: 'x2',
      serverGroupId: group,
      functionArn: h.cloud.functions.arn('theirs'),
    });
    h.clock.advance(10_000);
    h.cloud.functions.items.delete('hello');
    const before = h.mutations().length;
    const { result: refused } = await h.process((deps) => deploy(stackInput(), deps));
    expect(refused.exitCode, describeReport(refused)).toBe(4);
    expect(refused.error?.step).toBe('server');
    expect(refused.error?.message).toContain('functions/theirs');
    expect(h.mutations().length, 'nothing created').toBe(before);
  });
});

describe('status', () => {
  it('shows every resource present after a deploy', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const before = h.mutations().length;
    const { result: report } = await h.process((deps) => status(STACK, deps));
    expect(h.mutations().length).toBe(before);
    expect(report.exitCode).toBe(0);
    expect(report.status).toBe('succeeded');
    expect(report.resourceStatus?.map((s) => [s.step, s.state])).toEqual([
      ['lookup', 'present'],
      ['function', 'present'],
      ['serverGroup', 'present'],
      ['server', 'present'],
      ['listener', 'present'],
      ['dnsRecord', 'present'],
    ]);
  });

  it("reads the CNAME against the ALB's live DNS name when it differs from the recorded one", async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const lb = h.cloud.alb.loadBalancers.get(LB_ID);
    if (lb) lb.dnsName = 'renamed.alb.example.net';
    const { result: report } = await h.process((deps) => status(STACK, deps));
    const byStep = Object.fromEntries((report.resourceStatus ?? []).map((s) => [s.step, s]));
    expect(byStep['lookup']?.state).toBe('drifted');
    expect(byStep['dnsRecord']?.state).toBe('drifted');
    expect(byStep['dnsRecord']?.details.join()).toMatch(/the ALB's DNS name is now renamed\.alb\.example\.net/);
    expect(byStep['function']?.state).toBe('present');
    expect(report.resourceStatus?.map((s) => s.step)).toEqual([
      'lookup',
      'function',
      'serverGroup',
      'server',
      'listener',
      'dnsRecord',
    ]);
  });

  it('finds drift: a listener forwarding elsewhere, a CNAME changed by hand, a deleted function; deploy repairs it', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const state = h.state();
    const listenerId = state?.steps.listener?.outputs?.id ?? '';
    h.cloud.alb.retarget(listenerId, 'sgp-someone-else');
    const record = h.cloud.dns.records.get(state?.steps.dnsRecord?.outputs?.recordId ?? '');
    if (record) record.value = 'hijacked.example.net';
    h.cloud.functions.items.delete('hello');
    const { result: report } = await h.process((deps) => status(STACK, deps));
    const byStep = Object.fromEntries((report.resourceStatus ?? []).map((s) => [s.step, s]));
    expect(byStep['listener']?.state).toBe('drifted');
    expect(byStep['listener']?.details.join()).toMatch(/forwards to sgp-someone-else/);
    expect(byStep['dnsRecord']?.state).toBe('drifted');
    expect(byStep['dnsRecord']?.details.join()).toMatch(/value hijacked\.example\.net/);
    expect(byStep['function']?.state).toBe('missing');
    expect(report.status).toBe('partial');

    const { result: planned } = await h.process((deps) => plan(stackInput(), deps));
    expect(actions(planned)).toMatchObject({ function: 'create', listener: 'update', dnsRecord: 'update' });
    const { result: repaired } = await h.process((deps) => deploy(stackInput(), deps));
    expect(repaired.exitCode, describeReport(repaired)).toBe(0);
    expectExactlyOneOfEach(h, 'after repair');
    const { result: clean } = await h.process((deps) => status(STACK, deps));
    expect(clean.resourceStatus?.map((s) => s.state)).toEqual(Array(clean.resourceStatus?.length).fill('present'));
    expect(clean.resourceStatus?.length).toBeGreaterThanOrEqual(5);
  });

  it('says so when the stack has no state', async () => {
    const h = new Harness();
    const { result: report } = await h.process((deps) => status(STACK, deps));
    expect(report.exitCode).toBe(0);
    expect(report.resourceStatus).toEqual([]);
    expect(h.eventsOf('info').some((i) => i.message.includes('no state for stack demo'))).toBe(true);
  });
});
