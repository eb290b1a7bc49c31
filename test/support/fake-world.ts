// Shared parts of the in-memory cloud: its clock, the log of calls, injected faults, and the knobs.
import type { CloudError, Service } from '../../src/cloud/errors.js';
import { cloudError } from './cloud-error.js';
import type { FakeClock } from './fake-clock.js';

export interface CallRecord {
  service: Service;
  action: string;
  mutating: boolean;
}

export interface Fault {
  service: Service;
  action: string;
  code: string;
  httpStatus?: number;
  retryAfterSeconds?: number;
  /** How many calls fail (default 1). */
  times?: number;
  /** `after`: the call takes effect and then the error comes back (a lost response). */
  when?: 'before' | 'after';
}

export interface Timings {
  functionActivateMs: number;
  functionUpdateMs: number;
  serverGroupCreateMs: number;
  serverGroupDeleteMs: number;
  addServerMs: number;
  removeServerMs: number;
  listenerCreateMs: number;
  listenerDeleteMs: number;
  /** A rule's create, update or delete (its listener is Configuring meanwhile). */
  ruleMs: number;
}

/** Durations of the local cloud's `--latency realistic` (docs/emulator.md), scaled down a little. */
export const DEFAULT_TIMINGS: Timings = {
  functionActivateMs: 1_000,
  functionUpdateMs: 1_000,
  serverGroupCreateMs: 2_000,
  serverGroupDeleteMs: 2_000,
  addServerMs: 3_000,
  removeServerMs: 3_000,
  listenerCreateMs: 6_000,
  listenerDeleteMs: 6_000,
  ruleMs: 2_000,
};

export class World {
  readonly log: CallRecord[] = [];
  readonly faults: Fault[] = [];
  private counter = 0;

  constructor(
    readonly clock: FakeClock,
    readonly region: string,
    readonly accountId: string,
    readonly timings: Timings,
    /** New server groups and listeners are missing from list calls for this long (eventual consistency). */
    readonly listLagMs: number,
  ) {}

  now(): number {
    return this.clock.now();
  }

  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${String(this.counter).padStart(6, '0')}`;
  }

  jobId(): string {
    return this.nextId('job-');
  }

  /** Records the call and applies a fault queued for it; `run` performs it. */
  async call<T>(service: Service, action: string, mutating: boolean, run: () => T): Promise<T> {
    this.log.push({ service, action, mutating });
    await Promise.resolve();
    const index = this.faults.findIndex((f) => f.service === service && f.action === action);
    const fault = index >= 0 ? this.faults[index] : undefined;
    let error: CloudError | undefined;
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(index, 1);
      error = cloudError(service, action, fault.code, fault.httpStatus ?? 400, fault.code, fault.retryAfterSeconds);
      if ((fault.when ?? 'before') === 'before') throw error;
    }
    const result = run();
    if (error) throw error;
    return result;
  }

  mutatingCalls(): CallRecord[] {
    return this.log.filter((c) => c.mutating);
  }
}
