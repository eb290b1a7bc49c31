// The warm instances of one function configuration (function key + code + settings + account and region). FC 3.0
// built-in runtimes run one request per instance and scale out by starting instances (CreateFunctionInput
// `instanceConcurrency`; FC 3.0's feature-update notes: built-in runtimes no longer support instance concurrency); here
// the scale-out is bounded (a local limit: how many processes one function may start on this machine), and requests
// beyond it wait in a bounded queue with a deadline. FC's own limits — reserved concurrency, the account's
// instances — are the FC service's (services/fc/capacity-gate.ts): they throttle before a request reaches here.
// Provisioned instances (PutProvisionConfig) are started ahead and kept: they serve without a cold start.
import type { Instance } from './instance.js';
import { RuntimeError } from './runtime-error.js';
import type { InstanceInfo } from './types.js';

export interface PoolLimits {
  maxInstances: number;
  maxQueued: number;
  queueTimeoutMs: number;
  /** An idle instance is stopped after this long; 0 keeps it until the function changes or the runtime closes. */
  idleTimeoutMs: number;
}

interface Waiter {
  resolve: (instance: Instance) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class InstancePool {
  retired = false;
  private closed = false;
  private drained = false;
  private holds = 0;
  private readonly all = new Set<Instance>();
  private idle: Instance[] = [];
  private readonly waiters: Waiter[] = [];
  /** How many provisioned instances to keep (PutProvisionConfig `target`). */
  private provisionTarget = 0;
  /** Why the last provisioned instance could not start (GetProvisionConfig `currentError`). */
  provisionError: string | undefined;

  constructor(
    readonly key: string,
    /** `FunctionConfig.key`: the function (and qualifier) this configuration belongs to. */
    readonly functionKey: string,
    readonly functionName: string,
    readonly codeChecksum: string,
    readonly codeDir: string,
    private readonly limits: PoolLimits,
    private readonly startInstance: () => Instance,
    private readonly onDrained: (pool: InstancePool) => void,
  ) {}

  /** Keeps the pool (and so its code directory) from draining while a request that chose it gets ready. */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.checkDrained();
    };
  }

  /** An instance reserved for one invocation; give it back with release(). */
  async acquire(): Promise<Instance> {
    if (this.closed) throw new RuntimeError('RuntimeClosed', 'the local cloud function runtime is closed');
    if (this.waiters.length === 0) {
      const idle = this.takeIdle();
      if (idle !== undefined) return idle;
      if (this.all.size < this.maxInstances()) return this.spawn();
    }
    if (this.waiters.length >= this.limits.maxQueued) {
      throw new RuntimeError(
        'ResourceExhausted',
        `function '${this.functionName}' has ${this.all.size} busy instances and ${this.waiters.length} queued requests`,
      );
    }
    return new Promise<Instance>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.removeWaiter(waiter);
          reject(
            new RuntimeError(
              'ResourceExhausted',
              `no instance of function '${this.functionName}' became free within ${this.limits.queueTimeoutMs} ms`,
            ),
          );
          this.checkDrained();
        }, this.limits.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  release(instance: Instance): void {
    if (!instance.usable) {
      instance.kill();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      clearTimeout(waiter.timer);
      waiter.resolve(instance);
      return;
    }
    if (this.retired || this.closed || (instance.provisioned && this.provisionedCount() > this.provisionTarget)) {
      instance.kill();
      return;
    }
    instance.state = 'idle';
    this.idle.push(instance);
    if (this.limits.idleTimeoutMs > 0 && !instance.provisioned) {
      instance.idleTimer = setTimeout(() => {
        this.idle = this.idle.filter((i) => i !== instance);
        instance.kill();
      }, this.limits.idleTimeoutMs);
      instance.idleTimer.unref();
    }
  }

  /** Stops taking new work: idle instances stop now, busy ones once they finish. Resolves when the idle ones exited. */
  async retire(): Promise<void> {
    this.retired = true;
    const idle = this.idle.splice(0);
    for (const instance of idle) instance.kill();
    this.checkDrained();
    await Promise.all(idle.map((instance) => instance.exited));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new RuntimeError('RuntimeClosed', 'the local cloud function runtime is closed'));
    }
    const instances = [...this.all];
    for (const instance of instances) instance.kill();
    await Promise.all(instances.map((instance) => instance.exited));
  }

  info(): InstanceInfo[] {
    return [...this.all].map((instance) => ({
      functionKey: this.functionKey,
      functionName: this.functionName,
      codeChecksum: this.codeChecksum,
      pid: instance.pid,
      state: instance.state,
      provisioned: instance.provisioned,
      invocations: instance.invocations,
    }));
  }

  /** Keeps `count` provisioned instances: more are started now, extra idle ones stop (busy ones once released). */
  setProvisioned(count: number): void {
    this.provisionTarget = count;
    this.provisionError = undefined;
    let extra = this.provisionedCount() - count;
    for (const instance of [...this.idle]) {
      if (extra <= 0) break;
      if (!instance.provisioned) continue;
      this.idle = this.idle.filter((i) => i !== instance);
      instance.kill();
      extra -= 1;
    }
    this.fillProvisioned();
  }

  /** Provisioned instances that finished starting: GetProvisionConfig `current`. */
  provisionedReady(): number {
    return [...this.all].filter((i) => i.provisioned && i.usable && i.state !== 'starting').length;
  }

  private provisionedCount(): number {
    return [...this.all].filter((i) => i.provisioned && i.usable).length;
  }

  private maxInstances(): number {
    return Math.max(this.limits.maxInstances, this.provisionTarget);
  }

  private fillProvisioned(): void {
    while (!this.retired && !this.closed && this.provisionError === undefined) {
      if (this.provisionedCount() >= this.provisionTarget) return;
      let instance: Instance;
      try {
        instance = this.spawn();
      } catch (error) {
        this.provisionError = error instanceof Error ? error.message : String(error);
        return;
      }
      instance.provisioned = true;
      void instance.whenReady().then((init) => {
        if (init.ok) {
          this.release(instance);
          return;
        }
        // A provisioned instance that cannot start is not started again and again: the error is shown instead.
        this.provisionError = init.error.errorMessage;
        instance.kill();
      });
    }
  }

  private spawn(): Instance {
    const instance = this.startInstance();
    this.all.add(instance);
    instance.onExit(() => this.onInstanceExit(instance));
    return instance;
  }

  private takeIdle(): Instance | undefined {
    for (let instance = this.idle.pop(); instance !== undefined; instance = this.idle.pop()) {
      if (instance.idleTimer !== undefined) clearTimeout(instance.idleTimer);
      if (instance.usable) {
        instance.state = 'busy';
        return instance;
      }
    }
    return undefined;
  }

  private onInstanceExit(instance: Instance): void {
    this.all.delete(instance);
    this.idle = this.idle.filter((i) => i !== instance);
    // A provisioned instance that died (a crash, a timeout) is replaced, as FC keeps the target.
    if (instance.provisioned) this.fillProvisioned();
    if (!this.closed && this.waiters.length > 0 && this.all.size < this.maxInstances()) {
      const waiter = this.waiters.shift();
      if (waiter !== undefined) {
        clearTimeout(waiter.timer);
        try {
          waiter.resolve(this.spawn());
        } catch (error) {
          waiter.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
    this.checkDrained();
  }

  private removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private checkDrained(): void {
    if (this.drained || !(this.retired || this.closed)) return;
    if (this.all.size > 0 || this.waiters.length > 0 || this.holds > 0) return;
    this.drained = true;
    this.onDrained(this);
  }
}
