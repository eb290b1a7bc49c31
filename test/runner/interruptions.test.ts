// Kill the run at every API-call boundary of a full deploy (and of a destroy), run the same command again,
// and check that the end state is exactly what an uninterrupted run gives: one of each resource, never two.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { describeReport, expectExactlyOneOfEach, expectNothingLeft } from '../support/invariants.js';
import { LB_DNS } from '../support/fake-cloud.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { BOUNDARIES, type Boundary } from '../support/interrupt.js';

interface Point {
  call: number;
  boundary: Boundary;
  label: string;
}

async function deployCalls(listLagMs = 0): Promise<string[]> {
  const h = new Harness({ listLagMs });
  const { sw } = await h.process((deps) => deploy(stackInput(), deps));
  return sw.calls.map((c) => `${c.port}.${c.method}`);
}

async function destroyCalls(): Promise<string[]> {
  const h = new Harness();
  await h.process((deps) => deploy(stackInput(), deps));
  const { sw } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
  return sw.calls.map((c) => `${c.port}.${c.method}`);
}

function points(calls: string[]): Point[] {
  return calls.flatMap((method, call) =>
    BOUNDARIES.map((boundary) => ({ call, boundary, label: `#${call} ${method} ${boundary}` })),
  );
}

const DEPLOY_POINTS = points(await deployCalls());
const LAGGING_DEPLOY_POINTS = points(await deployCalls(60_000));
const DESTROY_POINTS = points(await destroyCalls());

/** The update under test: a new listener port, a new domain and a renamed function, all at once. */
const UPDATED = stackInput({
  listener: { port: 8080 },
  dns: { domain: 'www.example.com' },
  function: { name: 'hello2' },
});

async function updateCalls(): Promise<string[]> {
  const h = new Harness();
  await h.process((deps) => deploy(stackInput(), deps));
  const { sw, result } = await h.process((deps) => deploy(UPDATED, deps));
  expect(result.exitCode).toBe(0);
  return sw.calls.map((c) => `${c.port}.${c.method}`);
}

const UPDATE_POINTS = points(await updateCalls());

async function crashThenResume(h: Harness, point: Point): Promise<void> {
  const crashed = await h.process((deps) => deploy(stackInput(), deps), { at: point });
  expect(crashed.sw.diedAt, `${point.label}: the crash point was reached`).toBeDefined();
  const resumed = await h.process((deps) => deploy(stackInput(), deps));
  expect(resumed.result.exitCode, `${point.label}: ${describeReport(resumed.result)}`).toBe(0);
  expectExactlyOneOfEach(h, point.label);
  const mutations = h.mutations().length;
  const again = await h.process((deps) => deploy(stackInput(), deps));
  expect(again.result.status, point.label).toBe('no_changes');
  expect(h.mutations().length, `${point.label}: a settled stack gets no mutating call`).toBe(mutations);
}

describe(`deploy interrupted at each of ${DEPLOY_POINTS.length} points, then resumed`, () => {
  it.each(DEPLOY_POINTS)('$label', async (point) => {
    await crashThenResume(new Harness(), point);
  });
});

describe(`deploy with lagging list calls interrupted at each of ${LAGGING_DEPLOY_POINTS.length} points, then resumed`, () => {
  it.each(LAGGING_DEPLOY_POINTS)('$label', async (point) => {
    await crashThenResume(new Harness({ listLagMs: 60_000 }), point);
  });
});

describe(`deploy interrupted at each of ${DEPLOY_POINTS.length} points, then destroyed`, () => {
  it.each(DEPLOY_POINTS)('$label', async (point) => {
    const h = new Harness();
    const crashed = await h.process((deps) => deploy(stackInput(), deps), { at: point });
    expect(crashed.sw.diedAt).toBeDefined();
    const destroyed = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(destroyed.result.exitCode, `${point.label}: ${describeReport(destroyed.result)}`).toBe(0);
    expectNothingLeft(h, point.label);
  });
});

describe(`deploy with lagging list calls interrupted at each of ${LAGGING_DEPLOY_POINTS.length} points, then destroyed`, () => {
  it.each(LAGGING_DEPLOY_POINTS)('$label', async (point) => {
    const h = new Harness({ listLagMs: 60_000 });
    const crashed = await h.process((deps) => deploy(stackInput(), deps), { at: point });
    expect(crashed.sw.diedAt).toBeDefined();
    const destroyed = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(destroyed.result.exitCode, `${point.label}: ${describeReport(destroyed.result)}`).toBe(0);
    expectNothingLeft(h, point.label);
  });
});

describe(`update (port, domain, function name) interrupted at each of ${UPDATE_POINTS.length} points, then resumed`, () => {
  it.each(UPDATE_POINTS)('$label', async (point) => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const crashed = await h.process((deps) => deploy(UPDATED, deps), { at: point });
    expect(crashed.sw.diedAt).toBeDefined();
    const resumed = await h.process((deps) => deploy(UPDATED, deps));
    expect(resumed.result.exitCode, `${point.label}: ${describeReport(resumed.result)}`).toBe(0);
    const inv = h.inventory();
    expect(inv.functions, point.label).toEqual(['hello2']);
    expect(inv.groups, point.label).toHaveLength(1);
    expect(inv.servers, point.label).toEqual([`${inv.groups[0]}:acs:fc:cn-hangzhou:1234567890123456:functions/hello2`]);
    expect(inv.listeners, point.label).toHaveLength(1);
    expect(inv.listeners[0], point.label).toMatch(/:8080:/);
    expect(inv.records, point.label).toEqual([`www.example.com CNAME ${LB_DNS}`]);
    const steps = h.state()?.steps;
    for (const step of ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const) {
      expect(steps?.[step]?.status, `${point.label}: ${step}`).toBe('ready');
      expect(steps?.[step]?.retired, `${point.label}: ${step}`).toBeUndefined();
    }
    const again = await h.process((deps) => deploy(UPDATED, deps));
    expect(again.result.status, point.label).toBe('no_changes');
  });
});

describe(`destroy interrupted at each of ${DESTROY_POINTS.length} points, then run again`, () => {
  it.each(DESTROY_POINTS)('$label', async (point) => {
    const h = new Harness();
    await h.process((deps) => deploy(stackInput(), deps));
    const crashed = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }), { at: point });
    expect(crashed.sw.diedAt).toBeDefined();
    const again = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(again.result.exitCode, `${point.label}: ${describeReport(again.result)}`).toBe(0);
    expectNothingLeft(h, point.label);
    const third = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(third.result.status, point.label).toBe('no_changes');
  });
});

describe('what a resumed create sends', () => {
  it('re-sends the same ClientToken when the list does not show the resource yet, and ALB replays the same id', async () => {
    const h = new Harness({ listLagMs: 60_000 });
    const index = LAGGING_DEPLOY_POINTS.find((p) => p.label.includes('alb.createServerGroup'))?.call ?? -1;
    await h.process((deps) => deploy(stackInput(), deps), { at: { call: index, boundary: 'before-response' } });
    const intent = h.state()?.steps.serverGroup?.intent;
    expect(h.state()?.steps.serverGroup?.outputs).toBeUndefined();
    const created = h.cloud.alb.liveGroups().map((g) => g.id);
    expect(created).toHaveLength(1);
    const { result } = await h.process((deps) => deploy(stackInput(), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(h.cloud.alb.replays).toBe(1);
    expect(h.state()?.steps.serverGroup?.intent?.clientToken).toBe(intent?.clientToken);
    expect(h.state()?.steps.serverGroup?.outputs?.id).toBe(created[0]);
    expect(h.cloud.world.log.filter((c) => c.action === 'CreateServerGroup')).toHaveLength(2);
  });
});
