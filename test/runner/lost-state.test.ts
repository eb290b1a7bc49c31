// A lost state file is rebuilt from the cloud: deploy finds every resource by its tags, names and remark,
// adopts them into a new state (saying so), and creates nothing.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport, expectExactlyOneOfEach } from '../support/invariants.js';

describe('lost state', () => {
  it('rebuilds the state by adoption, creating nothing', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    h.disk.files.delete(STACK);
    const before = h.mutations().length;
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(report.status).toBe('succeeded');
    expect(
      report.steps
        .filter((s) => s.action === 'adopted')
        .map((s) => s.step)
        .sort(),
    ).toEqual(['dnsRecord', 'function', 'listener', 'server', 'serverGroup']);
    expect(h.mutations().length).toBe(before);
    const said = h.eventsOf('info').filter((i) => i.message.includes('no state for stack demo'));
    expect(said).toHaveLength(1);
    expect(said[0]?.message).toMatch(
      /adopting what carries its alb-fc tags: FC function hello .*; Server group sgp-.*; Add backend .*; Listener .*; DNS CNAME api\.example\.com/,
    );
    expectExactlyOneOfEach(h, 'rebuilt');
  });

  // Regression: the first deploy of a stack said "resources carrying its alb-fc tags are found and adopted"
  // although there was nothing to find.
  it('says nothing about adoption on a first deploy, which finds nothing', async () => {
    const h = new Harness();
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(h.eventsOf('info').filter((i) => /adopt/.test(i.message))).toEqual([]);
  });

  it('refuses to take over a function of the same name that another stack owns', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput({ stack: 'other', dns: undefined }), deps));
    const before = h.mutations().length;
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.exitCode).toBe(4);
    expect(report.error?.message).toMatch(/belongs to alb-fc stack "other"/);
    expect(h.mutations().length).toBe(before);
  });
});
