import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import { toResultDocument } from '../../src/runner/result-document.js';
import { LB_DNS } from '../support/fake-cloud.js';
import { DOMAIN, Harness, stackInput } from '../support/harness.js';

describe('deploy', () => {
  it('creates the five resources, tests through DNS, and records everything in the state', async () => {
    const h = new Harness();
    const { result: report } = await h.process((deps) => deploy(stackInput(), deps));
    expect(report.errors.map((e) => e.message)).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.status).toBe('succeeded');
    const inv = h.inventory();
    expect(inv.functions).toEqual(['hello']);
    expect(inv.groups).toHaveLength(1);
    expect(inv.servers).toHaveLength(1);
    expect(inv.listeners).toHaveLength(1);
    expect(inv.records).toEqual([`api.example.com CNAME ${LB_DNS}`]);
    const doc = toResultDocument(report);
    expect(doc.resources.function?.action).toBe('created');
    expect(doc.resources.dnsRecord?.value).toBe(LB_DNS);
    expect(doc.test).toMatchObject({ via: 'dns', status: 200, body: 'hello world', url: `http://${DOMAIN}/` });
    expect(doc.test?.curl).toContain('--connect-to api.example.com:80:127.0.0.1:');
    const state = h.state();
    for (const step of ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const) {
      expect(state?.steps[step]?.status, step).toBe('ready');
      expect(state?.steps[step]?.owned, step).toBe(true);
    }
    // The probe carried a Date header (FC behind ALB requires one).
    expect(h.cloud.network.requests.at(-1)?.headers['Date']).toMatch(/GMT$/);
  });

  it('changes nothing on a second run and says so', async () => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const before = h.mutations().length;
    const { result: again } = await h.process((deps) => deploy(stackInput(), deps));
    expect(again.errors.map((e) => e.message)).toEqual([]);
    expect(again.status).toBe('no_changes');
    expect(again.exitCode).toBe(0);
    expect(h.mutations().length).toBe(before);
  });
});
