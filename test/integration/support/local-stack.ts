// The engine against the real thing: the official SDK clients (src/cloud/sdk) over loopback HTTP to an
// in-process local cloud (src/emulator), a FileStateStore in a temporary directory and the system clock.
// Like test/support/harness.ts, a test runs the engine as a sequence of "processes" sharing one cloud and
// one state directory; each gets its own pid (alive while it runs), fresh SDK clients and, optionally, a
// crash point (test/support/interrupt.ts), so a crashed run leaves its lock behind for the next to take over.
// `useLocalStack()` gives each test of a file its own stack; `LocalStack.start()` one stack the caller closes.
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../src/clock.js';
import { localNetwork } from '../../../src/cloud/network/local-network.js';
import type { CloudPorts } from '../../../src/cloud/ports.js';
import { createSdkPorts, resolveCredential } from '../../../src/cloud/sdk/index.js';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../src/emulator/index.js';
import type { EngineDeps } from '../../../src/runner/engine.js';
import type { RunnerEvent } from '../../../src/runner/events.js';
import type { StackInput } from '../../../src/stack-input.js';
import { FileStateStore } from '../../../src/state/file-store.js';
import type { StackState } from '../../../src/state/schema.js';
import { beforeEach, onTestFinished } from 'vitest';
import { CrashSwitch, interruptibleCloud, interruptibleStore, type CrashPoint } from '../../support/interrupt.js';
import { useLocalCloud } from '../../support/local-cloud.js';
import { tempDir } from '../../support/temp-dir.js';
import { eventsOf, STACK, stackInput, type StackInputOverrides } from '../../support/stack-input.js';

export { STACK } from '../../support/stack-input.js';

/** What the local cloud answers reads with (its pipeline's READ_ACTION); everything else changes something. */
const READ_ACTION = /^(Get|List|Describe|Invoke)/;

export interface ProcessOptions {
  at?: CrashPoint;
  signal?: AbortSignal;
  /** Keep this process "alive" after it returns (to hold a lock). */
  stayAlive?: boolean;
  /** Wraps the deps (e.g. to watch events or to approve). */
  deps?: (deps: EngineDeps) => EngineDeps;
}

export interface Inventory {
  functions: string[];
  groups: string[];
  servers: string[];
  listeners: string[];
  records: string[];
}

interface StateDocument {
  services: {
    fc: { functions: Array<{ name: string; fcVersion: string }> };
    alb: {
      serverGroups: Array<{
        serverGroupId: string;
        status: string;
        servers: Array<{ serverId: string; status: string }>;
      }>;
      listeners: Array<{ listenerId: string; port: number; status: string; dataPlanePort?: number }>;
      rules: Array<{ ruleId: string; listenerId: string; priority: number; status: string }>;
    };
    alidns: { records: Array<{ recordId: string; fqdn: string; type: string; value: string; remark?: string }> };
  };
}

/** What one stack is made of: its local cloud, its state directory, and what its runs did. */
interface StackParts {
  cloud: LocalCloud;
  dir: string;
  events: RunnerEvent[];
  alive: Set<number>;
  nextPid: number;
  epochs: number;
}

function partsOf(cloud: LocalCloud, dir: string): StackParts {
  return { cloud, dir, events: [], alive: new Set(), nextPid: 100, epochs: 0 };
}

/** A fresh stack for each test of the file (or describe) that calls it, removed after the test. */
export function useLocalStack(options: LocalCloudOptions = {}): LocalStack {
  const scope = useLocalCloud({ latency: 'none', ...options });
  let parts: StackParts | undefined;
  beforeEach(async () => {
    parts = partsOf(scope.cloud, await tempDir('alb-fc-integration-'));
    onTestFinished(() => {
      parts = undefined;
    });
  });
  return new LocalStack(() => {
    if (!parts) throw new Error('useLocalStack(): the stack exists only inside tests and their hooks');
    return parts;
  });
}

export class LocalStack {
  constructor(private readonly parts: () => StackParts) {}

  /** One stack, outside the per-test hooks: the caller closes it. */
  static async start(options: LocalCloudOptions = {}): Promise<LocalStack> {
    const cloud = await startLocalCloud({ latency: 'none', ...options });
    const parts = partsOf(cloud, await mkdtemp(join(tmpdir(), 'alb-fc-integration-')));
    return new LocalStack(() => parts);
  }

  get cloud(): LocalCloud {
    return this.parts().cloud;
  }

  get dir(): string {
    return this.parts().dir;
  }

  get events(): RunnerEvent[] {
    return this.parts().events;
  }

  get alive(): Set<number> {
    return this.parts().alive;
  }

  get endpoint(): string {
    return this.cloud.endpoint;
  }

  get region(): string {
    return this.cloud.info.region;
  }

  get accountId(): string {
    return this.cloud.info.accountId;
  }

  get loadBalancer(): { id: string; dnsName: string } {
    const lb = this.cloud.info.loadBalancers[0];
    if (!lb) throw new Error('the local cloud seeded no ALB');
    return lb;
  }

  functionArn(name: string): string {
    return `acs:fc:${this.region}:${this.accountId}:functions/${name}`;
  }

  /** The stack's input in this local cloud, with waits sized for it. */
  input(overrides: StackInputOverrides = {}): StackInput {
    return stackInput({
      region: this.region,
      loadBalancerId: this.loadBalancer.id,
      waitTimeoutMs: 60_000,
      dnsTimeoutMs: 5_000,
      ...overrides,
    });
  }

  /** The cloud ports over the official SDK clients, as src/cli/connect.ts builds them for a local cloud. */
  ports(observe: (event: RunnerEvent) => void = (event) => this.events.push(event)): CloudPorts {
    const credential = resolveCredential({
      kind: 'static',
      accessKeyId: this.cloud.info.accessKeyId,
      accessKeySecret: this.cloud.info.accessKeySecret,
      source: 'local cloud',
    });
    return createSdkPorts(
      {
        region: this.region,
        endpoint: this.endpoint,
        credential: credential.credential,
        readTimeoutMs: 10_000,
        connectTimeoutMs: 5_000,
      },
      localNetwork(this.endpoint),
      (call) => observe({ type: 'api-call', ...call }),
    );
  }

  store(pid: number, clock: Clock = systemClock): FileStateStore {
    return new FileStateStore({
      baseDir: this.dir,
      clock,
      identity: { pid, hostname: hostname(), isAlive: (p) => this.alive.has(p) },
    });
  }

  /** Runs `body` as one process; returns its result and its crash switch (the calls it made). */
  async process<T>(
    body: (deps: EngineDeps) => Promise<T>,
    options: ProcessOptions = {},
  ): Promise<{ result: T; sw: CrashSwitch }> {
    const parts = this.parts();
    const pid = parts.nextPid++;
    this.alive.add(pid);
    const sw = new CrashSwitch(options.at);
    const emit = (event: RunnerEvent): void => {
      this.events.push(event);
    };
    let deps: EngineDeps = {
      cloud: interruptibleCloud(this.ports(emit), sw),
      store: interruptibleStore(this.store(pid), sw),
      clock: systemClock,
      emit,
      random: () => 0.5,
      newEpoch: () => `epoch-${++parts.epochs}`,
      // The local cloud ends a transition after one read: poll and retry in milliseconds, not seconds.
      retry: { backoff: { initialMs: 2, factor: 2, capMs: 20 } },
      poll: { intervalMs: 2, capMs: 20 },
      ...(options.signal ? { signal: options.signal } : {}),
    };
    if (options.deps) deps = options.deps(deps);
    try {
      return { result: await body(deps), sw };
    } finally {
      if (!options.stayAlive) this.alive.delete(pid);
    }
  }

  stateFile(stack = STACK): string {
    return join(this.dir, '.alb-fc', `${stack}.state.json`);
  }

  async state(stack = STACK): Promise<StackState | undefined> {
    try {
      return JSON.parse(await readFile(this.stateFile(stack), 'utf8')) as StackState;
    } catch {
      return undefined;
    }
  }

  async deleteState(stack = STACK): Promise<void> {
    await unlink(this.stateFile(stack));
  }

  async admin<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${this.endpoint}${path}`, init);
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  /** What exists in the local cloud beyond its seed, read from GET /_emulator/state. */
  async inventory(): Promise<Inventory> {
    const { services } = await this.admin<StateDocument>('/_emulator/state');
    const groups = services.alb.serverGroups;
    return {
      functions: services.fc.functions
        .filter((f) => f.fcVersion === 'v3')
        .map((f) => f.name)
        .sort(),
      groups: groups.map((g) => g.serverGroupId).sort(),
      servers: groups.flatMap((g) => g.servers.map((s) => `${g.serverGroupId}:${s.serverId}`)).sort(),
      listeners: services.alb.listeners.map((l) => `${l.listenerId}:${l.port}`).sort(),
      records: services.alidns.records.map((r) => `${r.fqdn} ${r.type} ${r.value}`).sort(),
    };
  }

  /** The priorities of the forwarding rules in the local cloud, ascending. */
  async rulePriorities(): Promise<number[]> {
    return (await this.rawState()).alb.rules.map((r) => r.priority).sort((a, b) => a - b);
  }

  async rawState(): Promise<StateDocument['services']> {
    return (await this.admin<StateDocument>('/_emulator/state')).services;
  }

  /** Actions of the mutating calls the local cloud received so far (its call log). */
  mutations(): string[] {
    return this.cloud.calls
      .list()
      .filter((c) => !READ_ACTION.test(c.action))
      .map((c) => c.action);
  }

  eventsOf<T extends RunnerEvent['type']>(type: T): Extract<RunnerEvent, { type: T }>[] {
    return eventsOf(this.events, type);
  }

  async close(): Promise<void> {
    await this.cloud.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
