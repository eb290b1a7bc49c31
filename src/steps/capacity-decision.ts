// What a deploy changes in a function's capacity besides its own settings: its reserved concurrency
// (PutConcurrencyConfig) and its provisioned instances (PutProvisionConfig). Pure: the live values are read by
// function-capacity.ts, the writes are made there, in the order decided here.
//
// alb-fc manages what it was asked for: a value given is set; a value no longer given is removed only when alb-fc
// set it before (the state recorded it), so a configuration made by hand on a function alb-fc merely adopted stays.
import type { FunctionCapacity } from '../stack-input.js';

/** The live capacity, as far as it was read (a field not read is undefined, like one not set). */
export interface CapacityLive {
  /** GetConcurrencyConfig; undefined when none is set. */
  reservedConcurrency?: number | undefined;
  /** GetProvisionConfig `target` (0 when none). */
  provisionedInstances?: number | undefined;
}

/** What the state says alb-fc set on this function before. */
export type CapacityRecorded = Pick<FunctionCapacity, 'reservedConcurrency' | 'provisionedInstances'>;

export type CapacityWrite =
  | { kind: 'set-provisioned'; target: number }
  | { kind: 'clear-provisioned' }
  | { kind: 'set-reserved'; value: number }
  | { kind: 'clear-reserved' };

export interface CapacityDecision {
  /** One line per change, for the plan. */
  changes: string[];
  /**
   * In the order FC accepts them: fewer provisioned instances first, then the reserved concurrency, then more
   * provisioned instances — the reserved concurrency includes the provisioned instances
   * (`@alicloud/fc20230330 PutConcurrencyInput`), so it is never below them in between.
   */
  writes: CapacityWrite[];
  /** What the state records as alb-fc's once the writes are made. */
  managed: CapacityRecorded;
}

/** Which live values the decision needs: only those alb-fc is asked to set or set before. */
export function capacityReads(
  desired: FunctionCapacity,
  recorded: CapacityRecorded,
): { reserved: boolean; provisioned: boolean } {
  return {
    reserved: desired.reservedConcurrency !== undefined || recorded.reservedConcurrency !== undefined,
    provisioned: desired.provisionedInstances !== undefined || recorded.provisionedInstances !== undefined,
  };
}

const plural = (n: number): string => `${n} provisioned instance${n === 1 ? '' : 's'}`;

export function decideCapacity(input: {
  desired: FunctionCapacity;
  live: CapacityLive;
  recorded: CapacityRecorded;
}): CapacityDecision {
  const { desired, live, recorded } = input;
  const changes: string[] = [];
  const before: CapacityWrite[] = [];
  const after: CapacityWrite[] = [];
  let reservedWrite: CapacityWrite | undefined;
  const managed: CapacityRecorded = {};

  const liveReserved = live.reservedConcurrency;
  if (desired.reservedConcurrency !== undefined) {
    managed.reservedConcurrency = desired.reservedConcurrency;
    if (liveReserved !== desired.reservedConcurrency) {
      reservedWrite = { kind: 'set-reserved', value: desired.reservedConcurrency };
      changes.push(`reserved concurrency ${liveReserved ?? 'none'} → ${desired.reservedConcurrency}`);
    }
  } else if (recorded.reservedConcurrency !== undefined && liveReserved !== undefined) {
    reservedWrite = { kind: 'clear-reserved' };
    changes.push(`reserved concurrency ${liveReserved} → none (no longer asked for)`);
  }

  const liveTarget = live.provisionedInstances ?? 0;
  if (desired.provisionedInstances !== undefined) {
    managed.provisionedInstances = desired.provisionedInstances;
    const target = desired.provisionedInstances;
    if (target !== liveTarget) {
      const write: CapacityWrite = target === 0 ? { kind: 'clear-provisioned' } : { kind: 'set-provisioned', target };
      (target < liveTarget ? before : after).push(write);
      changes.push(`provisioned instances ${liveTarget} → ${target}`);
    }
  } else if (recorded.provisionedInstances !== undefined && liveTarget > 0) {
    before.push({ kind: 'clear-provisioned' });
    changes.push(`${plural(liveTarget)} → none (no longer asked for)`);
  }

  return { changes, writes: [...before, ...(reservedWrite ? [reservedWrite] : []), ...after], managed };
}

/** The function settings part of the capacity (UpdateFunction): cpu and instance concurrency, when asked for. */
export function settingsCapacityChanges(
  desired: Pick<FunctionCapacity, 'cpu' | 'instanceConcurrency'>,
  found: { cpu?: number | undefined; instanceConcurrency?: number | undefined },
): string[] {
  const changes: string[] = [];
  if (desired.cpu !== undefined && (found.cpu === undefined || Math.abs(found.cpu - desired.cpu) > 1e-9)) {
    changes.push(`cpu ${found.cpu ?? '(FC default)'} → ${desired.cpu} vCPU`);
  }
  // A function that reports no instance concurrency serves one request per instance.
  const liveConcurrency = found.instanceConcurrency ?? 1;
  if (desired.instanceConcurrency !== undefined && liveConcurrency !== desired.instanceConcurrency) {
    changes.push(`instance concurrency ${liveConcurrency} → ${desired.instanceConcurrency}`);
  }
  return changes;
}
