// The local cloud's Function Compute runtime: runs a function's uploaded code in child processes kept warm per
// function configuration (function-pools.ts), and answers invocations the way FC does (FC's InvokeFunction in
// `@alicloud/fc20230330` client.js; the event and handler forms of FC's "Request handlers" pages). An invocation
// goes: pool for the configuration → code extracted (code-store.ts) and prepared by its language's launcher
// (node-launcher.ts, python-launcher.ts) → an instance acquired (instance-pool.ts), a new one paying the cold
// start → run under the function's timeout (timeouts.ts) → outcome and log (invoke-outcome.ts). Provisioned
// instances (`provision`) are started ahead and pay no cold start.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fcRequestId } from '../core/ids.js';
import { CodeStore } from './code-store.js';
import { FunctionPools, type PoolEntry } from './function-pools.js';
import { parseHandler, type HandlerSpec } from './handler-spec.js';
import type { Instance, InitOutcome } from './instance.js';
import { failure, processExitedMessage, toOutcome, wrapLog, elapsed } from './invoke-outcome.js';
import { LogBuffer } from './log-buffer.js';
import type { Launcher, Prepared } from './launcher.js';
import { NodeLauncher } from './node-launcher.js';
import { PythonLauncher } from './python-launcher.js';
import { assertSupportedRuntime, languageOf } from './runtime-languages.js';
import { RuntimeError } from './runtime-error.js';
import { CLOSE_DEADLINE_MS, invocationTimeoutSeconds, withDeadline } from './timeouts.js';
import type { FcHttpEvent, FunctionConfig, InstanceInfo, InvokeOptions, InvokeOutcome, Placement } from './types.js';

export interface FunctionRuntimeOptions {
  /** Where code is extracted (`functions/<name>/<checksum>/`) and the bootstrap written (`runtime/`). */
  workDir: string;
  /** `context.accountId` / `FC_ACCOUNT_ID` of invocations that do not name their account. */
  accountId?: string;
  /** `context.region` / `FC_REGION` of invocations that do not name their region. Default `cn-hangzhou`. */
  region?: string;
  /** Instances per function configuration before requests queue. Default 4. */
  maxInstancesPerFunction?: number;
  /** Requests that may wait for an instance, per function configuration. Default 64. */
  maxQueuedPerFunction?: number;
  /** How long a request may wait for an instance. Default 30 s. */
  queueTimeoutMs?: number;
  /** Deadline for an instance to start and load the module. Default 10 s. */
  startTimeoutMs?: number;
  /** Idle instances stop after this long; 0 = never. Default 10 min. */
  idleTimeoutMs?: number;
  /** `PATH` inside instances (nothing else of the emulator's environment is passed on). */
  instancePath?: string;
  /** The `node` binary for instances. Default: the one running the emulator. */
  nodePath?: string;
  /** The interpreter of every Python runtime. Default: `python3.X` as the runtime names it, else `python3`. */
  pythonCommand?: string;
  /** What a cold start costs: the wait before a new (not provisioned) instance's first request. Default 0. */
  coldStartMs?: number;
  maxUnzippedBytes?: number;
  /** Clock for request ids. */
  now?: () => number;
}

export interface FunctionRuntime {
  /** InvokeFunction: the event is the raw request body. */
  invoke(fn: FunctionConfig, payload: Buffer, options?: InvokeOptions): Promise<InvokeOutcome>;
  /** HTTP form: the handler receives the FC 3.0 HTTP event as a Buffer of its JSON; the request id is the event's. */
  invokeHttp(
    fn: FunctionConfig,
    event: FcHttpEvent,
    options?: Omit<InvokeOptions, 'requestId'>,
  ): Promise<InvokeOutcome>;
  /**
   * The function `key` names was deleted or updated: its idle instances stop now, busy ones after their request;
   * code no other instance uses is removed.
   */
  dispose(key: string): Promise<void>;
  instances(): InstanceInfo[];
  /**
   * Keeps `count` provisioned instances of this configuration started (FC PutProvisionConfig); 0 releases them.
   * Rejects with a RuntimeError when the function cannot run here (then no instance is started).
   */
  provision(fn: FunctionConfig, count: number, options?: Omit<InvokeOptions, 'requestId'>): Promise<void>;
  /** Provisioned instances of the function `key` names that are up, and why more could not start. */
  provisioned(key: string): { ready: number; error?: string };
  /** Kills every instance and waits for them to exit (bounded); later invocations fail with `RuntimeClosed`. */
  close(): Promise<void>;
}

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  return new LocalFunctionRuntime(options);
}

class LocalFunctionRuntime implements FunctionRuntime {
  private readonly accountId: string;
  private readonly region: string;
  private readonly now: () => number;
  private readonly code: CodeStore;
  private readonly launchers: Record<'nodejs' | 'python', Launcher>;
  private readonly pools: FunctionPools;
  private readonly coldStartMs: number;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: FunctionRuntimeOptions) {
    this.accountId = options.accountId ?? '';
    this.region = options.region ?? 'cn-hangzhou';
    this.now = options.now ?? Date.now;
    const workDir = path.resolve(options.workDir);
    this.code = new CodeStore(workDir, options.maxUnzippedBytes);
    const startTimeoutMs = options.startTimeoutMs ?? 10_000;
    this.launchers = {
      nodejs: new NodeLauncher({
        workDir,
        nodePath: options.nodePath,
        instancePath: options.instancePath,
        startTimeoutMs,
      }),
      python: new PythonLauncher({
        workDir,
        instancePath: options.instancePath,
        startTimeoutMs,
        ...(options.pythonCommand ? { pythonCommand: options.pythonCommand } : {}),
      }),
    };
    this.coldStartMs = Math.max(0, options.coldStartMs ?? 0);
    this.pools = new FunctionPools(
      {
        maxInstances: Math.max(1, options.maxInstancesPerFunction ?? 4),
        maxQueued: Math.max(0, options.maxQueuedPerFunction ?? 64),
        queueTimeoutMs: options.queueTimeoutMs ?? 30_000,
        idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
      },
      this.code,
      (runtime) => this.launchers[languageOf(runtime) ?? 'nodejs'],
    );
  }

  invokeHttp(
    fn: FunctionConfig,
    event: FcHttpEvent,
    options: Omit<InvokeOptions, 'requestId'> = {},
  ): Promise<InvokeOutcome> {
    return this.invoke(fn, Buffer.from(JSON.stringify(event), 'utf8'), {
      ...options,
      requestId: event.requestContext.requestId,
    });
  }

  async invoke(fn: FunctionConfig, payload: Buffer, options: InvokeOptions = {}): Promise<InvokeOutcome> {
    this.assertOpen();
    assertSupportedRuntime(fn.runtime);
    const spec = parseHandler(fn.handler);
    const requestId = options.requestId ?? fcRequestId(this.now());
    const where: Placement = { accountId: options.accountId ?? this.accountId, region: options.region ?? this.region };
    const entry = this.pools.entryFor(fn, where);
    const { pool } = entry;
    const timeoutSeconds = invocationTimeoutSeconds(fn);
    const base = { requestId, codeChecksum: fn.codeChecksum };
    let started: number;
    let instance: Instance;
    // An update arriving meanwhile retires this pool; the hold keeps its code on disk until we have an instance.
    const unhold = pool.hold();
    try {
      await this.code.ensure(fn, pool.codeDir);
      const prepared = await this.prepared(entry, spec, fn);
      started = performance.now();
      if (prepared.handlerFile === undefined) {
        return failure(base, 'init', entry.launcher.missingModule(prepared), new LogBuffer(), started, true);
      }
      this.assertOpen();
      instance = await pool.acquire();
    } finally {
      unhold();
    }
    // A provisioned instance was started before any request: its first one is warm.
    const coldStart = instance.invocations === 0 && !instance.provisioned;
    try {
      if (coldStart && this.coldStartMs > 0) await new Promise((resolve) => setTimeout(resolve, this.coldStartMs));
      const init: InitOutcome = await instance.whenReady();
      if (!init.ok) {
        instance.kill();
        this.assertOpen();
        const log = wrapLog(requestId, instance.initLog, new LogBuffer());
        // FC loads the module on the first request, so dying while loading looks like dying mid-request.
        const error = init.cause === 'exit' ? { errorMessage: processExitedMessage(elapsed(started)) } : init.error;
        return failure(base, init.cause === 'exit' ? 'exit' : 'init', error, log, started, coldStart);
      }
      const { outcome, log } = await instance.run(requestId, payload, where, timeoutSeconds * 1000);
      if (outcome.kind !== 'ok') this.assertOpen();
      const fullLog = wrapLog(requestId, coldStart ? instance.initLog : undefined, log);
      return toOutcome(base, outcome, fullLog, started, coldStart, timeoutSeconds);
    } finally {
      pool.release(instance);
    }
  }

  dispose(key: string): Promise<void> {
    return this.pools.dispose(key);
  }

  instances(): InstanceInfo[] {
    return this.pools.instances();
  }

  async provision(fn: FunctionConfig, count: number, options: Omit<InvokeOptions, 'requestId'> = {}): Promise<void> {
    this.assertOpen();
    if (count === 0) {
      for (const pool of this.pools.liveOf(fn.key)) pool.setProvisioned(0);
      return;
    }
    assertSupportedRuntime(fn.runtime);
    const spec = parseHandler(fn.handler);
    const where: Placement = { accountId: options.accountId ?? this.accountId, region: options.region ?? this.region };
    const entry = this.pools.entryFor(fn, where);
    const unhold = entry.pool.hold();
    try {
      await this.code.ensure(fn, entry.pool.codeDir);
      const prepared = await this.prepared(entry, spec, fn);
      if (prepared.handlerFile === undefined) {
        throw new RuntimeError('InvalidCode', entry.launcher.missingModule(prepared).errorMessage);
      }
      this.assertOpen();
      entry.pool.setProvisioned(count);
    } finally {
      unhold();
    }
  }

  provisioned(key: string): { ready: number; error?: string } {
    const pools = this.pools.liveOf(key);
    const error = pools.map((pool) => pool.provisionError).find((e) => e !== undefined);
    return { ready: pools.reduce((sum, pool) => sum + pool.provisionedReady(), 0), ...(error ? { error } : {}) };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      await withDeadline(this.pools.close(), CLOSE_DEADLINE_MS);
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closed) throw new RuntimeError('RuntimeClosed', 'the local cloud function runtime is closed');
  }

  /** The pool's code, prepared once; a failed preparation (I/O) is tried again by the next request. */
  private async prepared(entry: PoolEntry, spec: HandlerSpec, fn: FunctionConfig): Promise<Prepared> {
    if (entry.preparing === undefined) {
      const preparing = entry.launcher.prepare(fn, entry.pool.codeDir, spec);
      entry.preparing = preparing;
      preparing.catch(() => {
        if (entry.preparing === preparing) entry.preparing = undefined;
      });
    }
    const prepared = await entry.preparing;
    entry.prepared = prepared;
    return prepared;
  }
}
