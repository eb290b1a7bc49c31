// A function's capacity through the official FC client and the local cloud (issue 10): deploy sets reserved
// concurrency and provisioned instances (waiting until the instances are up), a second deploy writes nothing,
// a change writes only what changed, and destroy releases the provisioned instances before DeleteFunction.
import { describe, expect, it } from 'vitest';
import { deploy, destroy, status } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { STACK, useLocalStack } from './support/local-stack.js';

const stack = useLocalStack();

describe('function capacity', () => {
  it('deploys, keeps, changes and tears down reserved concurrency and provisioned instances', async () => {
    const input = stack.input({ function: { reservedConcurrency: 2, provisionedInstances: 1 } });
    const { result } = await stack.process((deps) => deploy(input, deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    const fc = stack.ports(() => undefined).functions;
    expect(await fc.getReservedConcurrency('hello')).toBe(2);
    // The function step is ready once the provisioned instance is up.
    expect(await fc.getProvisioned('hello')).toEqual({ target: 1, current: 1 });

    const before = stack.mutations().length;
    const { result: again } = await stack.process((deps) => deploy(input, deps));
    expect(again.status, describeReport(again)).toBe('no_changes');
    expect(stack.mutations().slice(before)).toEqual([]);

    const more = stack.input({ function: { reservedConcurrency: 4, provisionedInstances: 1 } });
    const { result: changed } = await stack.process((deps) => deploy(more, deps));
    expect(changed.resources.function?.action).toBe('updated');
    expect(stack.mutations().slice(before)).toEqual(['PutConcurrencyConfig']);

    const { result: live } = await stack.process((deps) => status(STACK, deps));
    expect(live.resourceStatus?.find((s) => s.step === 'function')?.state).toBe('present');

    const { result: gone } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    const mutations = stack.mutations();
    expect(mutations.indexOf('DeleteProvisionConfig')).toBeLessThan(mutations.lastIndexOf('DeleteFunction'));
    expect(await fc.get('hello')).toBeUndefined();
  });
});
