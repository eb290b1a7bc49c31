// Preflight refusals (exit 4, nothing changed): the ALB missing or not Active, the domain's zone missing; an
// Intranet ALB only warns; an ALB still Configuring is waited for; --skip-dns tests through the ALB name.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { LB_DNS, LB_ID } from '../support/fake-cloud.js';
import { Harness, stackInput } from '../support/harness.js';
import { describeReport, expectExactlyOneOfEach } from '../support/invariants.js';

describe('preflight', () => {
  it('refuses an ALB that does not exist, listing those that do', async () => {
    const h = new Harness();
    const { result } = await h.process((deps) => deploy(stackInput({ loadBalancerId: 'alb-nope' }), deps));
    expect(result.exitCode).toBe(4);
    expect(result.error?.code).toBe('ALB_NOT_FOUND');
    expect(result.error?.hint).toContain(LB_ID);
    expect(h.mutations()).toEqual([]);
  });

  it('refuses an ALB that is not Active, and waits for one that is only Configuring', async () => {
    const h = new Harness();
    const lb = h.cloud.alb.loadBalancers.get(LB_ID);
    if (!lb) throw new Error('seed');
    lb.status = 'Inactive';
    const { result: inactive } = await h.process((deps) => deploy(stackInput(), deps));
    expect(inactive.exitCode).toBe(4);
    expect(inactive.error?.code).toBe('ALB_NOT_ACTIVE');
    lb.status = 'Active';
    lb.busyUntil = h.clock.now() + 20_000;
    const { result: busy } = await h.process((deps) => deploy(stackInput(), deps));
    expect(busy.exitCode, describeReport(busy)).toBe(0);
    expect(h.eventsOf('step-wait').some((w) => w.step === 'lookup' && w.status === 'Configuring')).toBe(true);
  });

  it('warns about an Intranet ALB but goes on', async () => {
    const h = new Harness();
    const lb = h.cloud.alb.loadBalancers.get(LB_ID);
    if (lb) lb.addressType = 'Intranet';
    const { result } = await h.process((deps) => deploy(stackInput(), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(h.eventsOf('warning').some((w) => /Intranet-facing/.test(w.message))).toBe(true);
  });

  it('refuses a domain outside every zone of the account', async () => {
    const h = new Harness();
    const { result } = await h.process((deps) =>
      deploy(stackInput({ dns: { domain: 'api.example.org', ttl: 600, force: false } }), deps),
    );
    expect(result.exitCode).toBe(4);
    expect(result.error?.code).toBe('DNS_ZONE_NOT_FOUND');
    expect(result.error?.hint).toContain('example.com');
    expect(h.mutations()).toEqual([]);
  });

  it('with --skip-dns writes no record and tests through the ALB name', async () => {
    const h = new Harness();
    const { result } = await h.process((deps) => deploy(stackInput({ dns: undefined }), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.steps.find((s) => s.step === 'dnsRecord')).toMatchObject({ outcome: 'skipped' });
    expect(result.test).toMatchObject({ via: 'alb-host-header', url: `http://${LB_DNS}/`, body: 'hello world' });
    expect(h.inventory().records).toEqual([]);
    // Adding the domain later completes the stack.
    const { result: later } = await h.process((deps) => deploy(stackInput(), deps));
    expect(later.exitCode, describeReport(later)).toBe(0);
    expectExactlyOneOfEach(h, 'domain added later');
  });
});
