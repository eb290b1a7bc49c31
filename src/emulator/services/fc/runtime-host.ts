import { InvocationThrottled } from '../../core/function-directory.js';
import { transitionDelay, TRANSITIONS, type LatencyProfile } from '../../core/latency.js';
import type { World } from '../../core/world.js';
import { DEFAULT_BEHAVIOUR, type BehaviourOptions } from '../../options.js';
import {
  createFunctionRuntime,
  isRuntimeError,
  RuntimeError,
  type FcHttpEvent,
  type FunctionConfig,
  type FunctionRuntime,
  type InstanceInfo,
  type InvokeOutcome,
} from '../../runtime/index.js';
import { ApiError } from '../../api/api-error.js';
import { CapacityGate, type Demand } from './capacity-gate.js';
import { fcErrors } from './errors.js';
import type { FunctionSettings } from './state.js';

// The one function runtime the FC service owns (src/emulator/runtime): created at start with the local
// cloud's work dir, closed at stop. Every invocation names its function's account and region, and its
// `key` (lookup.ts runtimeKey) keeps the warm instances of different accounts, regions, names and
// versions apart. The ZIP is read from `world.blobs` only when the runtime extracts the code.
// Synchronous invocations pass FC's capacity limits first (capacity-gate.ts); provisioned instances are kept
// started here (`provision`), and what could not start is remembered for GetProvisionConfig's `currentError`.

/** Where a function runs: its account and region, as its handler sees them. */
interface Placement {
  accountId: string;
  region: string;
}

export interface HostStart {
  workDir: string;
  region: string;
  now: () => number;
  latency: LatencyProfile;
  options: BehaviourOptions;
}

export class RuntimeHost {
  private runtime: FunctionRuntime | undefined;
  private options: BehaviourOptions = DEFAULT_BEHAVIOUR;
  private readonly gate = new CapacityGate();
  private readonly provisionErrors = new Map<string, string>();
  private readonly background = new Set<Promise<unknown>>();

  start(start: HostStart): void {
    this.options = start.options;
    this.provisionErrors.clear();
    this.runtime = createFunctionRuntime({
      workDir: start.workDir,
      region: start.region,
      now: start.now,
      maxInstancesPerFunction: start.options.localInstancesPerFunction,
      coldStartMs: transitionDelay(start.latency, TRANSITIONS.functionColdStart),
      ...(start.options.pythonCommand ? { pythonCommand: start.options.pythonCommand } : {}),
    });
  }

  async stop(): Promise<void> {
    const runtime = this.runtime;
    this.runtime = undefined;
    await runtime?.close();
    await Promise.allSettled([...this.background]);
  }

  /** What the runtime runs for a function of the local cloud (`name` as its code sees it). */
  config(world: World, target: { key: string; name: string }, settings: FunctionSettings): FunctionConfig {
    const { blobKey } = settings;
    return {
      key: target.key,
      name: target.name,
      runtime: settings.runtime,
      handler: settings.handler,
      timeoutSeconds: settings.timeout,
      memorySize: settings.memorySize,
      environmentVariables: settings.environmentVariables,
      loadZip: async () => {
        const zip = blobKey === '' ? undefined : await world.blobs.get(blobKey);
        if (!zip)
          throw new RuntimeError(
            'InvalidCode',
            `function '${target.name}' has no code package the local cloud can run`,
          );
        return zip;
      },
      codeChecksum: settings.codeChecksum,
    };
  }

  /** InvokeFunction: throttled past FC's limits; runtime failures that are not the function's own become FC errors. */
  async invoke(
    config: FunctionConfig,
    payload: Buffer,
    requestId: string,
    where: Placement,
    demand: Demand,
  ): Promise<InvokeOutcome> {
    try {
      const release = this.admit(demand);
      try {
        return await this.live().invoke(config, payload, { requestId, ...where });
      } finally {
        release();
      }
    } catch (error) {
      throw asFcError(error);
    }
  }

  /**
   * The data plane's form (the FC 3.0 HTTP event). A throttled request rejects with InvocationThrottled, runtime
   * failures stay RuntimeErrors: the listener answers both.
   */
  async invokeHttp(
    config: FunctionConfig,
    event: FcHttpEvent,
    where: Placement,
    demand: Demand,
  ): Promise<InvokeOutcome> {
    if (!this.runtime) throw new RuntimeError('RuntimeClosed', 'the FC service is stopped');
    const release = this.admit(demand);
    try {
      return await this.runtime.invokeHttp(config, event, where);
    } finally {
      release();
    }
  }

  /**
   * Async invocation: runs after the answer; its outcome is only in the instance's log (as on FC). FC queues
   * asynchronous invocations rather than throttling them, so they pass no capacity limit here.
   */
  invokeInBackground(config: FunctionConfig, payload: Buffer, requestId: string, where: Placement): void {
    this.track(this.live().invoke(config, payload, { requestId, ...where }));
  }

  /** Keeps `count` provisioned instances of `config` started (0 releases them); failures show in `provisioned`. */
  provision(config: FunctionConfig, where: Placement, count: number): void {
    const runtime = this.runtime;
    if (!runtime) return;
    this.provisionErrors.delete(config.key);
    this.track(
      runtime.provision(config, count, where).catch((error: unknown) => {
        this.provisionErrors.set(config.key, error instanceof Error ? error.message : String(error));
      }),
    );
  }

  /** Every instance running, for GET /_emulator/state. */
  instances(): InstanceInfo[] {
    return this.runtime?.instances() ?? [];
  }

  /** Provisioned instances of the function `key` names that are up, and why more are not. */
  provisioned(key: string): { ready: number; error?: string } {
    const live = this.runtime?.provisioned(key) ?? { ready: 0 };
    const error = this.provisionErrors.get(key) ?? live.error;
    return { ready: live.ready, ...(error ? { error } : {}) };
  }

  /**
   * Idle instances of each function `key` stop now, busy ones after their request (runtime `dispose`). Not
   * awaited by the API call: an update must not wait for a long-running invocation of the old code.
   */
  dispose(...keys: string[]): void {
    const runtime = this.runtime;
    if (!runtime) return;
    for (const key of keys) this.track(runtime.dispose(key));
  }

  /** Admits the request under FC's limits, or throws what a throttled invocation answers (BehaviourOptions). */
  private admit(demand: Demand): () => void {
    const admitted = this.gate.admit(demand, this.options.accountInstanceLimit);
    if (typeof admitted === 'function') return admitted;
    const { status, code } = this.options.throttledInvocation;
    throw new InvocationThrottled(status, code, admitted.message, admitted.limit);
  }

  private live(): FunctionRuntime {
    if (!this.runtime) throw fcErrors.internal();
    return this.runtime;
  }

  private track(work: Promise<unknown>): void {
    const done = work.catch(() => undefined);
    this.background.add(done);
    void done.finally(() => this.background.delete(done));
  }
}

/** Runtime failures that are not the function's own (runtime-error.ts suggests the FC codes). */
function asFcError(error: unknown): unknown {
  if (error instanceof InvocationThrottled) return new ApiError(error.status, error.code, error.message);
  if (!isRuntimeError(error)) return error;
  if (error.code === 'ResourceExhausted') return fcErrors.resourceExhausted(error.message);
  if (error.code === 'RuntimeClosed') return fcErrors.internal();
  return fcErrors.invalidArgument(error.message);
}
