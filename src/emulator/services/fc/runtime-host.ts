import type { World } from '../../core/world.js';
import {
  createFunctionRuntime,
  type FunctionConfig,
  type FunctionRuntime,
  type InvokeOutcome,
} from '../../runtime/index.js';
import { fcErrors } from './errors.js';
import type { FunctionSettings } from './state.js';

// The one function runtime the FC service owns (src/emulator/runtime): created at start with the local
// cloud's work dir, closed at stop. It runs a function's ZIP, read from `world.blobs`, with the function's
// configuration; a function updated or deleted has its warm instances disposed.

export interface RuntimeHostOptions {
  workDir: string;
  accountId: string;
  region: string;
  now: () => number;
}

export class RuntimeHost {
  private runtime: FunctionRuntime | undefined;
  private readonly background = new Set<Promise<unknown>>();

  start(options: RuntimeHostOptions): void {
    this.runtime = createFunctionRuntime({
      workDir: options.workDir,
      // One runtime serves every account: handlers see the first account's id in `context.accountId`
      // (limitation of the shared runtime's options).
      accountId: options.accountId,
      region: options.region,
      now: options.now,
    });
  }

  async stop(): Promise<void> {
    const runtime = this.runtime;
    this.runtime = undefined;
    await runtime?.close();
    await Promise.allSettled([...this.background]);
  }

  async config(world: World, name: string, settings: FunctionSettings): Promise<FunctionConfig> {
    const zip = settings.blobKey === '' ? undefined : await world.blobs.get(settings.blobKey);
    if (!zip) throw fcErrors.invalidArgument(`function '${name}' has no code package the local cloud can run`);
    return {
      name,
      runtime: settings.runtime,
      handler: settings.handler,
      timeoutSeconds: settings.timeout,
      memorySize: settings.memorySize,
      environmentVariables: settings.environmentVariables,
      zip,
      codeChecksum: settings.codeChecksum,
    };
  }

  async invoke(config: FunctionConfig, payload: Buffer, requestId: string | undefined): Promise<InvokeOutcome> {
    if (!this.runtime) throw fcErrors.internal();
    return this.runtime.invoke(config, payload, requestId === undefined ? {} : { requestId });
  }

  /** Async invocation: runs after the answer; its outcome is only in the instance's log (as on FC). */
  invokeInBackground(config: FunctionConfig, payload: Buffer, requestId: string): void {
    const run = this.invoke(config, payload, requestId).catch(() => undefined);
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }

  /**
   * Idle instances stop now, busy ones after their request (runtime `dispose`). Not awaited by the API
   * call: an update must not wait for a long-running invocation of the old code.
   */
  dispose(name: string): void {
    const runtime = this.runtime;
    if (!runtime) return;
    const done = runtime.dispose(name).catch(() => undefined);
    this.background.add(done);
    void done.finally(() => this.background.delete(done));
  }
}
