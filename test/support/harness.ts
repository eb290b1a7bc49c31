// Runs the engine against the in-memory cloud as a sequence of "processes" sharing one cloud, one clock and
// one state disk. Each process gets its own pid (alive while it runs, dead after, crashed or not), so a crashed
// run leaves its lock behind for the next one to take over, as on a real machine.
import type { RunnerEvent } from '../../src/runner/events.js';
import type { EngineDeps } from '../../src/runner/engine.js';
import { MemoryStateStore, memoryDisk } from '../../src/state/memory-store.js';
import type { StackState } from '../../src/state/schema.js';
import { FakeCloud, LB_ID, type FakeCloudOptions } from './fake-cloud.js';
import { FakeClock, fixedRandom } from './fake-clock.js';
import { CrashSwitch, interruptibleCloud, interruptibleStore, type Boundary } from './interrupt.js';
import { eventsOf, STACK } from './stack-input.js';

export { DOMAIN, STACK, stackInput } from './stack-input.js';

export interface ProcessOptions {
  at?: { call: number; boundary: Boundary };
  signal?: AbortSignal;
  /** Keep this process "alive" after it returns (to hold a lock). */
  stayAlive?: boolean;
}

export class Harness {
  readonly clock = new FakeClock();
  readonly cloud: FakeCloud;
  readonly disk = memoryDisk();
  readonly events: RunnerEvent[] = [];
  readonly alive = new Set<number>();
  private nextPid = 100;
  private epochs = 0;

  constructor(options: Omit<FakeCloudOptions, 'clock'> = {}) {
    this.cloud = new FakeCloud({ ...options, clock: this.clock });
  }

  /** Runs `body` as one process; returns its result and the crash switch (how many calls it made). */
  async process<T>(
    body: (deps: EngineDeps) => Promise<T>,
    options: ProcessOptions = {},
  ): Promise<{ result: T; sw: CrashSwitch }> {
    const pid = this.nextPid++;
    this.alive.add(pid);
    const sw = new CrashSwitch(options.at);
    const store = new MemoryStateStore({ disk: this.disk, clock: this.clock, pid, isAlive: (p) => this.alive.has(p) });
    const deps: EngineDeps = {
      cloud: interruptibleCloud(this.cloud, sw),
      store: interruptibleStore(store, sw),
      clock: this.clock,
      emit: (event) => this.events.push(event),
      random: fixedRandom(0.5),
      newEpoch: () => `epoch-${++this.epochs}`,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    try {
      return { result: await body(deps), sw };
    } finally {
      if (!options.stayAlive) this.alive.delete(pid);
    }
  }

  state(stack = STACK): StackState | undefined {
    const text = this.disk.files.get(stack);
    return text === undefined ? undefined : (JSON.parse(text) as StackState);
  }

  /** What exists in the cloud, beyond the seeded ALB and zone. */
  inventory(): {
    functions: string[];
    groups: string[];
    servers: string[];
    listeners: string[];
    records: string[];
  } {
    const { cloud } = this;
    return {
      functions: [...cloud.functions.items.keys()].sort(),
      groups: cloud.alb.liveGroups().map((g) => g.id),
      servers: cloud.alb.liveGroups().flatMap((g) => cloud.alb.liveServers(g.id).map((s) => `${g.id}:${s.arn}`)),
      listeners: cloud.alb.liveListeners(LB_ID).map((l) => `${l.id}:${l.port}:${l.groupId}`),
      records: [...cloud.dns.records.values()].map((r) => `${r.rr}.${r.zone} ${r.type} ${r.value}`),
    };
  }

  mutations(): string[] {
    return this.cloud.world.mutatingCalls().map((c) => c.action);
  }

  eventsOf<T extends RunnerEvent['type']>(type: T): Extract<RunnerEvent, { type: T }>[] {
    return eventsOf(this.events, type);
  }
}
