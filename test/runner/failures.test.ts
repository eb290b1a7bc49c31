// Failures: every independent failure reported, transient codes retried (same ClientToken), permanent ones
// failing fast with the cloud's code and RequestId, waits ending at the deadline (exit 5, resumable), Ctrl-C
// stopping between calls (exit 130, resumable), and a failed connectivity test as a partial success (exit 6).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { toResultDocument } from '../../src/runner/result-document.js';
import { DOMAIN, Harness, stackInput } from '../support/harness.js';
import { describeReport, expectExactlyOneOfEach } from '../support/invariants.js';
import { tempDir } from '../support/temp-dir.js';

describe('failures', () => {
  it('reports every independent failure, and still does what does not depend on them', async () => {
    const h = new Harness();
    h.cloud.world.faults.push(
      { service: 'fc', action: 'CreateFunction', code: 'AccessDenied', httpStatus: 403 },
      { service: 'alb', action: 'CreateServerGroup', code: 'QuotaExceeded.ServerGroupsNum' },
    );
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(3);
    expect(report.status).toBe('failed');
    expect(report.errors.map((e) => [e.step, e.cloudCode]).sort()).toEqual([
      ['function', 'AccessDenied'],
      ['serverGroup', 'QuotaExceeded.ServerGroupsNum'],
    ]);
    expect(report.errors.every((e) => e.requestId?.startsWith('FAKE-'))).toBe(true);
    const outcome = Object.fromEntries(report.steps.map((s) => [s.step, s.outcome]));
    expect(outcome).toMatchObject({ server: 'blocked', listener: 'blocked', dnsRecord: 'done', test: 'blocked' });
    const doc = toResultDocument(report);
    expect(doc.errors).toHaveLength(2);
    expect(doc.error?.cloudCode).toBeDefined();
    // Permanent refusals are not retried.
    expect(h.cloud.world.log.filter((c) => c.action === 'CreateFunction')).toHaveLength(1);
  });

  it('retries transient codes with backoff and honours the Throttling retry-after', async () => {
    const h = new Harness();
    h.cloud.world.faults.push(
      { service: 'alb', action: 'CreateServerGroup', code: 'SystemBusy', times: 2 },
      { service: 'alb', action: 'CreateListener', code: 'Throttling.User', httpStatus: 429, retryAfterSeconds: 7 },
    );
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    const retries = h.eventsOf('step-retry');
    expect(retries.map((r) => r.cloudCode)).toEqual(['SystemBusy', 'SystemBusy', 'Throttling.User']);
    expect(retries[2]?.delayMs).toBeGreaterThanOrEqual(7000);
    expect(retries.every((r) => r.delayMs <= 7000)).toBe(true);
    expectExactlyOneOfEach(h, 'after retries');
  });

  it('turns a lost response into a replay, never a duplicate (ALB token, FC name, Alidns duplicate)', async () => {
    const h = new Harness();
    h.cloud.world.faults.push(
      { service: 'alb', action: 'CreateServerGroup', code: 'ServiceUnavailable', httpStatus: 503, when: 'after' },
      { service: 'alb', action: 'CreateListener', code: 'NetworkError', when: 'after' },
      { service: 'fc', action: 'CreateFunction', code: 'NetworkError', when: 'after' },
      { service: 'alidns', action: 'AddDomainRecord', code: 'Timeout', when: 'after' },
    );
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(h.cloud.alb.replays).toBe(2);
    expectExactlyOneOfEach(h, 'after lost responses');
  });

  it('gives up after the retry budget with the cloud code, keeping the intent to resume with the same token', async () => {
    const h = new Harness();
    h.cloud.world.faults.push({ service: 'alb', action: 'CreateServerGroup', code: 'SystemBusy', times: 100 });
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(3);
    expect(report.error?.cloudCode).toBe('SystemBusy');
    const intent = h.state()?.steps.serverGroup?.intent;
    expect(intent?.refused).toBeUndefined();
    h.cloud.world.faults.length = 0;
    const { result: resumed } = await h.process((deps) => deploy(stackInput(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expect(h.state()?.steps.serverGroup?.intent?.clientToken).toBe(intent?.clientToken);
    expectExactlyOneOfEach(h, 'resumed after budget');
  });

  it('explains UnsupportedFeature.FcServerGroup, and uses a fresh token once the region supports it', async () => {
    const h = new Harness();
    h.cloud.world.faults.push({
      service: 'alb',
      action: 'CreateServerGroup',
      code: 'UnsupportedFeature.FcServerGroup',
    });
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(3);
    expect(report.error?.code).toBe('FC_SERVER_GROUP_UNSUPPORTED');
    expect(report.error?.cloudCode).toBe('UnsupportedFeature.FcServerGroup');
    expect(report.error?.hint).toMatch(/region/);
    const refused = h.state()?.steps.serverGroup?.intent;
    expect(refused?.refused).toBe(true);
    const { result: again } = await h.process((deps) => deploy(stackInput(), deps));
    expect(again.exitCode, describeReport(again)).toBe(0);
    expect(h.state()?.steps.serverGroup?.intent?.clientToken).not.toBe(refused?.clientToken);
    expectExactlyOneOfEach(h, 'after refusal');
  });

  it('times out with the last observed status (exit 5), and a later run resumes into the same listener', async () => {
    const h = new Harness({ timings: { listenerCreateMs: 3_600_000 } });
    const { result: report } = await h.process((deps) => deploy(stackInput({ waitTimeoutMs: 60_000 }), deps));
    expect(report.exitCode).toBe(5);
    expect(report.error?.code).toBe('WAIT_TIMEOUT');
    expect(report.error?.message).toMatch(/last status: Provisioning/);
    const listenerId = h.state()?.steps.listener?.outputs?.id;
    expect(listenerId).toBeDefined();
    expect(h.state()?.steps.listener?.status).toBe('created');
    h.clock.advance(3_600_000);
    const { result: resumed } = await h.process((deps) => deploy(stackInput(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expect(h.state()?.steps.listener?.outputs?.id).toBe(listenerId);
    expectExactlyOneOfEach(h, 'after timeout');
    // Waits poll with a backoff that starts under 0.5 s and never exceeds 5 s.
    expect(Math.max(...h.clock.sleeps)).toBeLessThanOrEqual(5_000);
  });

  it('stops between calls on abort (exit 130) with the state saved, and resumes', async () => {
    const h = new Harness();
    const controller = new AbortController();
    const { result: report } = await h.process(
      (deps) =>
        deploy(stackInput(), {
          ...deps,
          emit: (event) => {
            deps.emit(event);
            if (event.type === 'step-resource' && event.step === 'function') controller.abort();
          },
        }),
      { signal: controller.signal },
    );
    expect(report.exitCode).toBe(130);
    expect(report.error?.code).toBe('INTERRUPTED');
    expect(h.state()?.steps.function?.outputs?.name).toBe('hello');
    const { result: resumed } = await h.process((deps) => deploy(stackInput(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expectExactlyOneOfEach(h, 'after abort');
  });

  it('reports a failed connectivity test as partial (exit 6) with every resource in place', async () => {
    const dir = await tempDir('alb-fc-code-');
    await writeFile(join(dir, 'index.js'), "exports.handler = async () => ({ statusCode: 500, body: 'boom' });\n");
    const h = new Harness();
    const input = stackInput({ function: { code: { kind: 'dir', path: dir } } });
    const { result: report } = await h.process((deps) => deploy(input, deps));
    expect(report.exitCode).toBe(6);
    expect(report.status).toBe('partial');
    expect(report.error?.code).toBe('TEST_FAILED');
    expect(report.error?.message).toMatch(/HTTP 500/);
    expect(toResultDocument(report).test).toBeUndefined();
    expect(h.state()?.lastTest?.ok).toBe(false);
  });

  it('falls back to the ALB name with a Host header while the domain does not resolve', async () => {
    const h = new Harness();
    h.cloud.network.unresolvable.add(DOMAIN);
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(report.test).toMatchObject({ ok: true, via: 'alb-host-header', body: 'hello world' });
    expect(report.test?.curl).toContain(`-H 'Host: ${DOMAIN}'`);
    expect(h.eventsOf('warning').some((w) => w.message.includes('did not answer through DNS'))).toBe(true);
    // It kept trying the domain until the DNS deadline first.
    expect(
      h
        .eventsOf('step-wait')
        .filter((w) => w.step === 'test')
        .at(-1)?.elapsedMs,
    ).toBeGreaterThanOrEqual(30_000);
  });
});
