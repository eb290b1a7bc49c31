import type { World } from '../../core/world.js';
import {
  createFunctionRuntime,
  isRuntimeError,
  RuntimeError,
  type FcHttpEvent,
  type FunctionConfig,
  type FunctionRuntime,
  type InvokeOutcome,
} from '../../runtime/index.js';
import { fcErrors } from './errors.js';
import type { FunctionSettings } from './state.js';

// The one function runtime the FC service owns (src/emulator/runtime): created at start with the local
// cloud's work dir, closed at stop. Every invocation names its function's account and region, and its
// `key` (lookup.ts runtimeKey) keeps the warm instances of different accounts, regions, names and
// versions apart. The ZIP is read from `world.blobs` only when the runtime extracts the code.

/** Where a function runs: its account and region, as its handler sees them. */
interface Placement {
  accountId: string;
  region: string;
}

export class RuntimeHost {
  private runtime: FunctionRuntime | undefined;
  private readonly background = new Set<Promise<unknown>>();

  start(options: { workDir: string; region: string; now: () => number }): void {
    this.runtime = createFunctionRuntime({ workDir: options.workDir, region: options.region, now: options.now });
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

  /** InvokeFunction: runtime failures that are not the function's own become FC errors. */
  async invoke(config: FunctionConfig, payload: Buffer, requestId: string, where: Placement): Promise<InvokeOutcome> {
    try {
      return await this.live().invoke(config, payload, { requestId, ...where });
    } catch (error) {
      throw asFcError(error);
    }
  }

  /** The data plane's form (the FC 3.0 HTTP event); runtime failures stay RuntimeErrors, which the listener answers. */
  invokeHttp(config: FunctionConfig, event: FcHttpEvent, where: Placement): Promise<InvokeOutcome> {
    if (!this.runtime) return Promise.reject(new RuntimeError('RuntimeClosed', 'the FC service is stopped'));
    return this.runtime.invokeHttp(config, event, where);
  }

  /** Async invocation: runs after the answer; its outcome is only in the instance's log (as on FC). */
  invokeInBackground(config: FunctionConfig, payload: Buffer, requestId: string, where: Placement): void {
    this.track(this.invoke(config, payload, requestId, where));
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
  if (!isRuntimeError(error)) return error;
  if (error.code === 'ResourceExhausted') return fcErrors.resourceExhausted(error.message);
  if (error.code === 'RuntimeClosed') return fcErrors.internal();
  return fcErrors.invalidArgument(error.message);
}
