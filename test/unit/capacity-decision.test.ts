import { describe, expect, it } from 'vitest';
import { capacityReads, decideCapacity, settingsCapacityChanges } from '../../src/steps/capacity-decision.js';

// Reserved concurrency and provisioned instances: what a deploy writes, in which order, and what it leaves alone.
describe('decideCapacity', () => {
  it('writes nothing when the live values are the ones asked for', () => {
    const decision = decideCapacity({
      desired: { reservedConcurrency: 8, provisionedInstances: 2 },
      live: { reservedConcurrency: 8, provisionedInstances: 2 },
      recorded: { reservedConcurrency: 8, provisionedInstances: 2 },
    });
    expect(decision).toEqual({ changes: [], writes: [], managed: { reservedConcurrency: 8, provisionedInstances: 2 } });
  });

  it('sets what is asked for on a new function, the reserved concurrency before the instances it includes', () => {
    const decision = decideCapacity({
      desired: { reservedConcurrency: 4, provisionedInstances: 1 },
      live: {},
      recorded: {},
    });
    expect(decision.writes).toEqual([
      { kind: 'set-reserved', value: 4 },
      { kind: 'set-provisioned', target: 1 },
    ]);
    expect(decision.changes).toEqual(['reserved concurrency none → 4', 'provisioned instances 0 → 1']);
  });

  it('lowers the provisioned instances before lowering the reserved concurrency above them', () => {
    const decision = decideCapacity({
      desired: { reservedConcurrency: 2, provisionedInstances: 1 },
      live: { reservedConcurrency: 10, provisionedInstances: 5 },
      recorded: { reservedConcurrency: 10, provisionedInstances: 5 },
    });
    expect(decision.writes).toEqual([
      { kind: 'set-provisioned', target: 1 },
      { kind: 'set-reserved', value: 2 },
    ]);
  });

  it('deletes the provisioned configuration for 0, and writes nothing when there is none', () => {
    const asked = { desired: { provisionedInstances: 0 }, recorded: {} };
    expect(decideCapacity({ ...asked, live: { provisionedInstances: 3 } }).writes).toEqual([
      { kind: 'clear-provisioned' },
    ]);
    expect(decideCapacity({ ...asked, live: { provisionedInstances: 0 } }).writes).toEqual([]);
  });

  it('removes what alb-fc set before and is no longer asked for', () => {
    const decision = decideCapacity({
      desired: {},
      live: { reservedConcurrency: 2, provisionedInstances: 1 },
      recorded: { reservedConcurrency: 2, provisionedInstances: 1 },
    });
    expect(decision.writes).toEqual([{ kind: 'clear-provisioned' }, { kind: 'clear-reserved' }]);
    expect(decision.changes).toEqual([
      'reserved concurrency 2 → none (no longer asked for)',
      '1 provisioned instance → none (no longer asked for)',
    ]);
    expect(decision.managed).toEqual({});
  });

  it('leaves alone what someone else configured on an adopted function', () => {
    const decision = decideCapacity({ desired: {}, live: { reservedConcurrency: 5 }, recorded: {} });
    expect(decision.writes).toEqual([]);
    expect(capacityReads({}, {})).toEqual({ reserved: false, provisioned: false });
    expect(capacityReads({ reservedConcurrency: 1 }, { provisionedInstances: 2 })).toEqual({
      reserved: true,
      provisioned: true,
    });
  });
});

describe('settingsCapacityChanges', () => {
  it('compares cpu and instance concurrency only when asked for', () => {
    expect(settingsCapacityChanges({}, { cpu: 0.35 })).toEqual([]);
    expect(settingsCapacityChanges({ cpu: 0.5 }, { cpu: 0.35 })).toEqual(['cpu 0.35 → 0.5 vCPU']);
    expect(settingsCapacityChanges({ cpu: 0.35 }, { cpu: 0.35000000001 })).toEqual([]);
    // No instanceConcurrency reported means one request per instance.
    expect(settingsCapacityChanges({ instanceConcurrency: 1 }, {})).toEqual([]);
    expect(settingsCapacityChanges({ instanceConcurrency: 20 }, { instanceConcurrency: 1 })).toEqual([
      'instance concurrency 1 → 20',
    ]);
  });
});
