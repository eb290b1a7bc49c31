// The capacity gate alone (src/emulator/services/fc/capacity-gate.ts): instances are requests divided by the
// instance concurrency; a function stops at its reserved concurrency, an account at its instance limit, where
// provisioned instances always count and on-demand ones while they serve.
import { describe, expect, it } from 'vitest';
import { CapacityGate, type Demand } from '../../../src/emulator/services/fc/capacity-gate.js';

const demand = (overrides: Partial<Demand> = {}): Demand => ({
  scope: 'acct/cn-hangzhou',
  functionKey: 'acct/cn-hangzhou/a',
  functionName: 'a',
  region: 'cn-hangzhou',
  reservedConcurrency: undefined,
  instanceConcurrency: 1,
  provisioned: {},
  ...overrides,
});

const admitted = (answer: ReturnType<CapacityGate['admit']>): (() => void) => {
  if (typeof answer !== 'function') throw new Error(`refused: ${answer.message}`);
  return answer;
};

describe('CapacityGate', () => {
  it('admits up to the reserved concurrency times the instance concurrency, and again once released', () => {
    const gate = new CapacityGate();
    const d = demand({ reservedConcurrency: 2, instanceConcurrency: 3 });
    const releases = Array.from({ length: 6 }, () => admitted(gate.admit(d, 100)));
    expect(gate.admit(d, 100)).toMatchObject({ limit: 'reserved concurrency' });
    releases[0]!();
    releases[0]!(); // releasing twice frees one request only
    admitted(gate.admit(d, 100));
    expect(gate.admit(d, 100)).toMatchObject({ limit: 'reserved concurrency' });
  });

  it('counts the provisioned instances of every function of the account against its limit', () => {
    const gate = new CapacityGate();
    const provisioned = { 'acct/cn-hangzhou/b': 2 };
    admitted(gate.admit(demand({ provisioned }), 3));
    expect(gate.admit(demand({ provisioned }), 3)).toMatchObject({ limit: 'account instance limit' });
    // Another account's scope is counted apart.
    admitted(gate.admit(demand({ scope: 'other/cn-hangzhou', functionKey: 'other/cn-hangzhou/a' }), 3));
  });

  it("serves a function's requests on its own provisioned instances without more of the account", () => {
    const gate = new CapacityGate();
    const d = demand({ provisioned: { 'acct/cn-hangzhou/a': 2 } });
    admitted(gate.admit(d, 2));
    admitted(gate.admit(d, 2));
    expect(gate.admit(d, 2)).toMatchObject({ limit: 'account instance limit' });
  });
});
