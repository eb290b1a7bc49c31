// A function's capacity (issue 10) through deploy, plan, status and destroy: reserved concurrency and provisioned
// instances are set after the function, changed alone when only they change, never rewritten when they hold,
// removed when no longer asked for, and released before DeleteFunction (which FC refuses while provisioned
// instances exist).
import { describe, expect, it } from 'vitest';
import { deploy, destroy, plan, status } from '../../src/runner/engine.js';
import type { StackInput } from '../../src/stack-input.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport } from '../support/invariants.js';

const scaled = (reservedConcurrency?: number, provisionedInstances?: number): StackInput =>
  stackInput({ function: { reservedConcurrency, provisionedInstances } });

async function deployed(input: StackInput): Promise<Harness> {
  const h = new Harness();
  const { result } = await h.process((deps) => deploy(input, deps));
  expect(result.exitCode, describeReport(result)).toBe(0);
  return h;
}

function functionPlan(report: Awaited<ReturnType<typeof plan>>) {
  return report.plan?.find((entry) => entry.step === 'function');
}

describe('function capacity', () => {
  it('sets reserved concurrency and provisioned instances after creating the function, and records them', async () => {
    const h = await deployed(scaled(4, 1));
    expect(h.cloud.functions.reserved.get('hello')).toBe(4);
    expect(h.cloud.functions.provisioned.get('hello')).toBe(1);
    const mutations = h.mutations();
    expect(mutations.indexOf('PutConcurrencyConfig')).toBeGreaterThan(mutations.indexOf('CreateFunction'));
    expect(mutations.indexOf('PutProvisionConfig')).toBeGreaterThan(mutations.indexOf('PutConcurrencyConfig'));
    expect(h.state()?.steps.function?.outputs).toMatchObject({ reservedConcurrency: 4, provisionedInstances: 1 });
  });

  it('changes nothing when the capacity holds, and only the capacity when only it changes', async () => {
    const h = await deployed(scaled(2));
    const before = h.mutations().length;
    const { result: again } = await h.process((deps) => deploy(scaled(2), deps));
    expect(again.status).toBe('no_changes');
    expect(h.mutations()).toHaveLength(before);

    const { result: planned } = await h.process((deps) => plan(scaled(8), deps));
    expect(functionPlan(planned)).toMatchObject({ action: 'update', reasons: ['reserved concurrency 2 → 8'] });
    const { result: report } = await h.process((deps) => deploy(scaled(8), deps));
    expect(report.steps.find((s) => s.step === 'function')?.action).toBe('updated');
    expect(h.mutations().slice(before)).toEqual(['PutConcurrencyConfig']);
    expect(h.cloud.functions.reserved.get('hello')).toBe(8);
  });

  it('removes what it set once it is no longer asked for, and leaves a hand-made setting alone', async () => {
    const h = await deployed(scaled(2, 1));
    const { result: report } = await h.process((deps) => deploy(scaled(), deps));
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(h.cloud.functions.reserved.has('hello')).toBe(false);
    expect(h.cloud.functions.provisioned.has('hello')).toBe(false);
    expect(h.state()?.steps.function?.outputs?.reservedConcurrency).toBeUndefined();

    h.cloud.functions.reserved.set('hello', 7);
    const { result: kept } = await h.process((deps) => deploy(scaled(), deps));
    expect(kept.status).toBe('no_changes');
    expect(h.cloud.functions.reserved.get('hello')).toBe(7);
  });

  it('shows a capacity changed by hand as drift', async () => {
    const h = await deployed(scaled(2, 1));
    h.cloud.functions.reserved.set('hello', 5);
    const { result } = await h.process((deps) => status(STACK, deps));
    const fn = result.resourceStatus?.find((entry) => entry.step === 'function');
    expect(fn).toMatchObject({ state: 'drifted', details: ['reserved concurrency 5, deployed 2'] });
  });

  it('releases the provisioned instances before deleting the function', async () => {
    const h = await deployed(scaled(2, 1));
    const { result } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(result.exitCode, describeReport(result)).toBe(0);
    const mutations = h.mutations();
    expect(mutations.indexOf('DeleteProvisionConfig')).toBeGreaterThan(-1);
    expect(mutations.indexOf('DeleteProvisionConfig')).toBeLessThan(mutations.indexOf('DeleteFunction'));
    expect(h.inventory().functions).toEqual([]);
  });

  it('releases provisioned instances it did not record when FC refuses the delete for them', async () => {
    const h = await deployed(scaled());
    h.cloud.functions.provisioned.set('hello', 3);
    const { result } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(h.inventory().functions).toEqual([]);
  });
});
