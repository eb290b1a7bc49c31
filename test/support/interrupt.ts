// Simulated process death at an API-call boundary, around any CloudPorts (this in-memory cloud, or the real
// SDK adapters against the local cloud) and any StateStore. Three boundaries per call:
//   before-request      the process dies before the request leaves;
//   before-response     the cloud performs the call, the caller never hears the answer;
//   before-state-write  the caller gets the answer, and dies at its next state write (or next call).
// Once dead, every call and every state write throws SimulatedCrash, so nothing after the instant of death
// reaches the cloud or the disk — as with a killed process. The lock is not released either.
import type { CloudPorts } from '../../src/cloud/ports.js';
import type { LockHandle, StateStore } from '../../src/state/store.js';

export type Boundary = 'before-request' | 'before-response' | 'before-state-write';
export const BOUNDARIES: readonly Boundary[] = ['before-request', 'before-response', 'before-state-write'];

class SimulatedCrash extends Error {
  constructor(where: string) {
    super(`simulated crash ${where}`);
    this.name = 'SimulatedCrash';
  }
}

export interface CallTrace {
  index: number;
  port: string;
  method: string;
  /** How many calls of the same `port.method` came before this one. */
  occurrence: number;
}

/**
 * Where to die: the n-th API call of the run (`call`), or the n-th call of one port method (`method` as
 * `alb.createServerGroup`, `occurrence` from 0). The second is stable when concurrent steps interleave their
 * calls in a different order from run to run, as they do over real sockets.
 */
export type CrashPoint =
  { call: number; boundary: Boundary } | { method: string; occurrence: number; boundary: Boundary };

export class CrashSwitch {
  dead = false;
  private dying = false;
  /** API calls made (each index is one call). */
  readonly calls: CallTrace[] = [];
  /** Where it died, for messages. */
  diedAt: string | undefined;

  constructor(readonly at?: CrashPoint) {}

  private hits(trace: CallTrace): boolean {
    const at = this.at;
    if (!at) return false;
    if ('call' in at) return at.call === trace.index;
    return at.method === `${trace.port}.${trace.method}` && at.occurrence === trace.occurrence;
  }

  die(where: string): never {
    this.dead = true;
    this.diedAt ??= where;
    throw new SimulatedCrash(where);
  }

  /** Throws when the process is (or is about to be) dead. */
  check(where: string): void {
    if (this.dead || this.dying) this.die(where);
  }

  async call<T>(port: string, method: string, run: () => Promise<T>): Promise<T> {
    this.check(`at ${port}.${method}`);
    const index = this.calls.length;
    const occurrence = this.calls.filter((c) => c.port === port && c.method === method).length;
    const trace = { index, port, method, occurrence };
    this.calls.push(trace);
    const here = this.hits(trace) ? this.at?.boundary : undefined;
    const label = `#${index} ${port}.${method}`;
    if (here === 'before-request') this.die(`${label} before the request`);
    let result: T;
    try {
      result = await run();
    } catch (error) {
      if (here === 'before-response') this.die(`${label} before the (error) response`);
      if (here === 'before-state-write') this.dying = true;
      throw error;
    }
    if (here === 'before-response') this.die(`${label} before the response`);
    if (here === 'before-state-write') this.dying = true;
    return result;
  }
}

const API_PORTS = ['functions', 'alb', 'dns', 'identity'] as const;

function wrap<T extends object>(port: T, name: string, sw: CrashSwitch, counted: boolean): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = String(property);
      return (...args: unknown[]) => {
        const run = (): Promise<unknown> => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (!counted) {
          sw.check(`at ${name}.${method}`);
          return run();
        }
        return sw.call(name, method, run);
      };
    },
  });
}

/** The cloud API ports with crash points; the network port (the HTTP test, not an API) only dies with it. */
export function interruptibleCloud(cloud: CloudPorts, sw: CrashSwitch): CloudPorts {
  const wrapped = { region: cloud.region } as CloudPorts;
  for (const name of API_PORTS)
    (wrapped as unknown as Record<string, unknown>)[name] = wrap(cloud[name], name, sw, true);
  wrapped.network = wrap(cloud.network, 'network', sw, false);
  return wrapped;
}

export function interruptibleStore(store: StateStore, sw: CrashSwitch): StateStore {
  return {
    describe: (stack) => store.describe(stack),
    async lock(stack, command): Promise<LockHandle> {
      sw.check('taking the lock');
      const handle = await store.lock(stack, command);
      return {
        tookOverFrom: handle.tookOverFrom,
        async release() {
          sw.check('releasing the lock');
          await handle.release();
        },
      };
    },
    async load(stack) {
      sw.check('loading state');
      return store.load(stack);
    },
    async save(state) {
      sw.check('writing state');
      await store.save(state);
    },
    async remove(stack) {
      sw.check('removing state');
      await store.remove(stack);
    },
  };
}
