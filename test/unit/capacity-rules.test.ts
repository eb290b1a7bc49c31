import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/cli/input-definitions.js';
import { capacityProblems, cpuRangeFor } from '../../src/steps/capacity-rules.js';

// FC 3.0's documented capacity ranges (src/steps/capacity-rules.ts), alone and together, as the CLI parses them.
describe('capacity inputs, one at a time', () => {
  it.each([
    ['cpu', '0.05', 0.05],
    ['cpu', '16', 16],
    ['cpu', '1.35', 1.35],
    ['instanceConcurrency', '200', 200],
    ['reservedConcurrency', '0', 0],
    ['provisionedInstances', '10000', 10000],
  ] as const)('%s accepts %s', (name, raw, value) => {
    expect(parseInput(name, raw)).toEqual({ value });
  });

  it.each([
    ['cpu', '0.07', 'multiple of 0.05'],
    ['cpu', '0', 'between 0.05 and 16'],
    ['cpu', '16.05', 'between 0.05 and 16'],
    ['cpu', 'two', 'must be a number'],
    ['memory', '100', 'multiple of 64'],
    ['memory', '64', 'between 128 and 32768'],
    ['instanceConcurrency', '0', 'between 1 and 200'],
    ['instanceConcurrency', '201', 'between 1 and 200'],
    ['reservedConcurrency', '-1', 'must not be negative'],
    ['provisionedInstances', '10001', 'between 0 and 10000'],
  ] as const)('%s refuses %s', (name, raw, message) => {
    expect(parseInput(name, raw).error).toContain(message);
  });
});

describe('capacity, all together', () => {
  const base = { runtime: 'nodejs20', memorySize: 512 };

  it('accepts a consistent function', () => {
    expect(capacityProblems({ ...base, cpu: 0.5, reservedConcurrency: 8, provisionedInstances: 2 })).toEqual([]);
  });

  it('keeps memory and cpu within 1 to 4 GB per vCPU, naming the cpus that fit', () => {
    expect(cpuRangeFor(512)).toEqual({ min: 0.15, max: 0.5 });
    expect(cpuRangeFor(4096)).toEqual({ min: 1, max: 4 });
    expect(capacityProblems({ ...base, cpu: 1 })).toEqual([
      {
        field: 'cpu',
        message: 'does not fit 512 MB of memory: FC needs 1 to 4 GB per vCPU, so cpu 0.15 to 0.5',
      },
    ]);
    expect(capacityProblems({ ...base, cpu: 0.1 })).toHaveLength(1);
  });

  it('allows more than one request per instance only on custom runtimes', () => {
    expect(capacityProblems({ ...base, instanceConcurrency: 1 })).toEqual([]);
    expect(capacityProblems({ ...base, instanceConcurrency: 10 })[0]).toMatchObject({
      field: 'instanceConcurrency',
      message: expect.stringContaining('built-in runtimes serve one request per instance'),
    });
    expect(capacityProblems({ ...base, runtime: 'custom.debian10', instanceConcurrency: 10 })).toEqual([]);
  });

  it('keeps provisioned instances within the reserved concurrency that includes them', () => {
    expect(capacityProblems({ ...base, reservedConcurrency: 2, provisionedInstances: 3 })).toEqual([
      {
        field: 'provisionedInstances',
        message: 'exceeds the reserved concurrency 2, which includes the provisioned instances',
      },
    ]);
    expect(capacityProblems({ ...base, provisionedInstances: 3 })).toEqual([]);
  });

  it('reports a bad value alone before judging combinations', () => {
    expect(capacityProblems({ ...base, cpu: 0.07, instanceConcurrency: 300 }).map((p) => p.field)).toEqual([
      'cpu',
      'instanceConcurrency',
    ]);
  });
});
