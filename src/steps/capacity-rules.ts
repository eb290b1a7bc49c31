// What FC 3.0 accepts for a function's capacity, checked before any write so that a bad value costs nothing.
// One definition for every caller: the CLI's flags, env and YAML keys (src/cli/input-definitions.ts), and any
// other place that builds a function's input (a route of alb-fc.yaml). Each check answers a sentence to follow a
// name ("cpu 0.07 must be …"), or undefined when the value is fine.
//
// Sources:
// - cpu and memory: FC 3.0 CreateFunctionInput, "a multiple of 0.05 vCPU, from 0.05 to 16; memorySize a multiple of
//   64 MB from 128 MB to 32 GB; cpu : memory (GB) from 1:1 to 1:4"
//   (https://help.aliyun.com/zh/functioncompute/fc/developer-reference/api-fc-2023-03-30-struct-createfunctioninput,
//   and `@alicloud/fc20230330 CreateFunctionInput`).
// - instance concurrency: 1 to 200 ("Configure instance concurrency",
//   https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/configure-the-concurrency-of-a-single-instance);
//   FC 3.0's built-in runtimes no longer run several requests per instance, custom runtimes and custom containers
//   do ("Feature updates in Function Compute 3.0").
// - reserved concurrency (PutConcurrencyConfig): a whole number of instances; 0 blocks every invocation ("Specify
//   the maximum number of instances",
//   https://help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/overview-of-configuring-the-maximum-number-of-on-demand-instances);
//   it includes the provisioned instances (`@alicloud/fc20230330 PutConcurrencyInput`, reservedConcurrency). Its
//   upper bound is 90% of the account's regional instance quota, which only the cloud knows.
// - provisioned instances (PutProvisionConfig): target 0 to 10000 (`@alicloud/fc20230330 PutProvisionConfigInput`,
//   target, as the API metadata documents it).
import type { FunctionCapacity } from '../stack-input.js';

export type { FunctionCapacity };

export type CapacityField = keyof FunctionCapacity | 'memorySize';

export interface CapacityProblem {
  field: CapacityField;
  /** Follows the field's name and value, e.g. `must be a multiple of 0.05`. */
  message: string;
}

const CPU_STEP = 0.05;
const EPSILON = 1e-9;

export const CAPACITY_LIMITS = {
  cpu: { min: 0.05, max: 16 },
  memorySize: { min: 128, max: 32768, multipleOf: 64 },
  instanceConcurrency: { min: 1, max: 200 },
  provisionedInstances: { min: 0, max: 10000 },
  /** vCPU : memory in GB (1:1 to 1:4). */
  gbPerCpu: { min: 1, max: 4 },
} as const;

function wholeIn(value: number, min: number, max: number): string | undefined {
  if (!Number.isInteger(value)) return 'must be a whole number';
  return value < min || value > max ? `must be between ${min} and ${max}` : undefined;
}

export function cpuProblem(cpu: number): string | undefined {
  const { min, max } = CAPACITY_LIMITS.cpu;
  if (!Number.isFinite(cpu) || cpu < min - EPSILON || cpu > max + EPSILON) {
    return `must be between ${min} and ${max} vCPU`;
  }
  const steps = cpu / CPU_STEP;
  return Math.abs(steps - Math.round(steps)) > 1e-6 ? 'must be a multiple of 0.05 vCPU' : undefined;
}

export function memorySizeProblem(memorySize: number): string | undefined {
  const { min, max, multipleOf } = CAPACITY_LIMITS.memorySize;
  if (!Number.isInteger(memorySize)) return 'must be a whole number of MB';
  if (memorySize % multipleOf !== 0) return `must be a multiple of ${multipleOf}`;
  return memorySize < min || memorySize > max ? `must be between ${min} and ${max} MB` : undefined;
}

export function instanceConcurrencyProblem(value: number): string | undefined {
  return wholeIn(value, CAPACITY_LIMITS.instanceConcurrency.min, CAPACITY_LIMITS.instanceConcurrency.max);
}

export function reservedConcurrencyProblem(value: number): string | undefined {
  if (!Number.isInteger(value)) return 'must be a whole number';
  return value < 0 ? 'must not be negative (0 blocks every invocation)' : undefined;
}

export function provisionedInstancesProblem(value: number): string | undefined {
  return wholeIn(value, CAPACITY_LIMITS.provisionedInstances.min, CAPACITY_LIMITS.provisionedInstances.max);
}

/** Runtimes that may serve several requests per instance in FC 3.0 ("Feature updates in Function Compute 3.0"). */
export function allowsInstanceConcurrency(runtime: string): boolean {
  return runtime.startsWith('custom');
}

/** The smallest and largest cpu the memory size allows (1 to 4 GB per vCPU), on the 0.05 grid. */
export function cpuRangeFor(memorySize: number): { min: number; max: number } {
  const gb = memorySize / 1024;
  const round = (value: number, mode: 'up' | 'down'): number => {
    const steps = value / CPU_STEP;
    const whole = mode === 'up' ? Math.ceil(steps - EPSILON) : Math.floor(steps + EPSILON);
    return Number((whole * CPU_STEP).toFixed(2));
  };
  return {
    min: Math.max(CAPACITY_LIMITS.cpu.min, round(gb / CAPACITY_LIMITS.gbPerCpu.max, 'up')),
    max: Math.min(CAPACITY_LIMITS.cpu.max, round(gb / CAPACITY_LIMITS.gbPerCpu.min, 'down')),
  };
}

/**
 * Every problem of one function's capacity, each field alone and then together: the cpu / memory ratio, instance
 * concurrency on a runtime that has none, provisioned instances above the reserved concurrency that includes them.
 */
export function capacityProblems(fn: FunctionCapacity & { runtime: string; memorySize: number }): CapacityProblem[] {
  const problems: CapacityProblem[] = [];
  const add = (field: CapacityField, message: string | undefined): void => {
    if (message !== undefined) problems.push({ field, message });
  };
  add('memorySize', memorySizeProblem(fn.memorySize));
  if (fn.cpu !== undefined) add('cpu', cpuProblem(fn.cpu));
  if (fn.instanceConcurrency !== undefined)
    add('instanceConcurrency', instanceConcurrencyProblem(fn.instanceConcurrency));
  if (fn.reservedConcurrency !== undefined)
    add('reservedConcurrency', reservedConcurrencyProblem(fn.reservedConcurrency));
  if (fn.provisionedInstances !== undefined) {
    add('provisionedInstances', provisionedInstancesProblem(fn.provisionedInstances));
  }
  if (problems.length > 0) return problems;

  if (fn.cpu !== undefined) {
    const gbPerCpu = fn.memorySize / 1024 / fn.cpu;
    if (gbPerCpu < CAPACITY_LIMITS.gbPerCpu.min - EPSILON || gbPerCpu > CAPACITY_LIMITS.gbPerCpu.max + EPSILON) {
      const range = cpuRangeFor(fn.memorySize);
      add(
        'cpu',
        range.min <= range.max
          ? `does not fit ${fn.memorySize} MB of memory: FC needs 1 to 4 GB per vCPU, so cpu ${range.min} to ${range.max}`
          : `does not fit ${fn.memorySize} MB of memory: FC needs 1 to 4 GB per vCPU`,
      );
    }
  }
  if (fn.instanceConcurrency !== undefined && fn.instanceConcurrency > 1 && !allowsInstanceConcurrency(fn.runtime)) {
    add(
      'instanceConcurrency',
      `is not available for runtime ${fn.runtime}: FC 3.0 built-in runtimes serve one request per instance (custom runtimes allow up to 200)`,
    );
  }
  if (
    fn.reservedConcurrency !== undefined &&
    fn.provisionedInstances !== undefined &&
    fn.provisionedInstances > fn.reservedConcurrency
  ) {
    add(
      'provisionedInstances',
      `exceeds the reserved concurrency ${fn.reservedConcurrency}, which includes the provisioned instances`,
    );
  }
  return problems;
}
