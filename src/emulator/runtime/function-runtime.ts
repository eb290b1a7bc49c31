// The local cloud's Function Compute runtime: runs a function's uploaded code in child Node.js processes, keeps
// them warm per function configuration, and answers invocations the way FC does (reference §A.4, §A.7, §A.9).
import { createHash, randomUUID } from 'node:crypto';
import { rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBootstrap } from './bootstrap-file.js';
import { extractZipTo } from './extract-zip.js';
import { parseHandler, resolveHandlerFile, MODULE_EXTENSIONS, type HandlerSpec } from './handler-spec.js';
import { Instance, type InitOutcome, type RunOutcome } from './instance.js';
import { InstancePool, type PoolLimits } from './instance-pool.js';
import { LogBuffer } from './log-buffer.js';
import { assertSupportedRuntime } from './node-runtimes.js';
import { newRequestId } from './request-id.js';
import { RuntimeError } from './runtime-error.js';
import type {
  FailureCause,
  FcHttpEvent,
  FunctionConfig,
  FunctionErrorBody,
  InstanceInfo,
  InvokeOptions,
  InvokeOutcome,
} from './types.js';

export interface FunctionRuntimeOptions {
  /** Where code is extracted (`functions/<name>/<checksum>/`) and the bootstrap written (`runtime/`). */
  workDir: string;
  /** Reported to handlers as `context.accountId` / `FC_ACCOUNT_ID`. */
  accountId?: string;
  /** Reported to handlers as `context.region` / `FC_REGION`. Default `cn-hangzhou`. */
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
  maxUnzippedBytes?: number;
  /** Clock for request ids. */
  now?: () => number;
}

export interface FunctionRuntime {
  /** InvokeFunction: the event is the raw request body (reference §A.4, §A.7). */
  invoke(fn: FunctionConfig, payload: Buffer, options?: InvokeOptions): Promise<InvokeOutcome>;
  /** HTTP form: the handler receives the §A.9 event as a Buffer of its JSON; the request id is the event's. */
  invokeHttp(fn: FunctionConfig, event: FcHttpEvent): Promise<InvokeOutcome>;
  /** Function deleted or updated: idle instances stop now, busy ones after their request; code is removed. */
  dispose(functionName: string): Promise<void>;
  instances(): InstanceInfo[];
  /** Kills every instance and waits for them to exit (bounded); later invocations fail with `RuntimeClosed`. */
  close(): Promise<void>;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** FC's default function timeout (reference §A.2). */
const DEFAULT_TIMEOUT_SECONDS = 3;
const CLOSE_DEADLINE_MS = 5_000;
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  return new NodeFunctionRuntime(options);
}

interface Prepared {
  bootstrapFile: string;
  /** undefined: no module file for the handler in the code. */
  handlerFile: string | undefined;
  spec: HandlerSpec;
}

interface PoolContext {
  pool: InstancePool;
  preparing: Promise<Prepared> | undefined;
  /** Set once `preparing` resolved; instances start only after that. */
  prepared: Prepared | undefined;
}

class NodeFunctionRuntime implements FunctionRuntime {
  private readonly workDir: string;
  private readonly accountId: string;
  private readonly region: string;
  private readonly limits: PoolLimits;
  private readonly startTimeoutMs: number;
  private readonly now: () => number;
  /** Live pools by configuration key; a function has one, unless a stale request revived an older one. */
  private readonly live = new Map<string, PoolContext>();
  /** Pools that take no new work but still have instances finishing. */
  private readonly retired = new Set<InstancePool>();
  private readonly extracting = new Map<string, Promise<void>>();
  private readonly removing = new Map<string, Promise<void>>();
  private readonly zipHashes = new WeakMap<Buffer, string>();
  private bootstrap: Promise<string> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.workDir = path.resolve(options.workDir);
    this.accountId = options.accountId ?? '';
    this.region = options.region ?? 'cn-hangzhou';
    this.limits = {
      maxInstances: Math.max(1, options.maxInstancesPerFunction ?? 4),
      maxQueued: Math.max(0, options.maxQueuedPerFunction ?? 64),
      queueTimeoutMs: options.queueTimeoutMs ?? 30_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
    };
    this.startTimeoutMs = options.startTimeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  invokeHttp(fn: FunctionConfig, event: FcHttpEvent): Promise<InvokeOutcome> {
    return this.invoke(fn, Buffer.from(JSON.stringify(event), 'utf8'), {
      requestId: event.requestContext.requestId,
    });
  }

  async invoke(fn: FunctionConfig, payload: Buffer, options: InvokeOptions = {}): Promise<InvokeOutcome> {
    this.assertOpen();
    assertSupportedRuntime(fn.runtime);
    const spec = parseHandler(fn.handler);
    const requestId = options.requestId ?? newRequestId(this.now());
    const context = this.poolFor(fn);
    const { pool } = context;
    const timeoutSeconds = fn.timeoutSeconds > 0 ? fn.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
    const base = { requestId, codeChecksum: fn.codeChecksum };
    let started: number;
    let instance: Instance;
    // An update arriving meanwhile retires this pool; the hold keeps its code on disk until we have an instance.
    const unhold = pool.hold();
    try {
      await this.ensureCode(fn, pool.codeDir);
      if (context.preparing === undefined) {
        const preparing = this.prepare(pool.codeDir, spec);
        context.preparing = preparing;
        // A failed preparation (I/O) is tried again by the next request.
        preparing.catch(() => {
          if (context.preparing === preparing) context.preparing = undefined;
        });
      }
      const prepared = await context.preparing;
      context.prepared = prepared;
      started = performance.now();
      if (prepared.handlerFile === undefined) {
        const tried = MODULE_EXTENSIONS.map((extension) => prepared.spec.modulePath + extension).join(', ');
        const error = {
          errorMessage: `Cannot find module '${prepared.spec.modulePath}' (looked for ${tried})`,
          errorType: 'Error',
        };
        return failure(base, 'init', error, new LogBuffer(), started, true);
      }
      this.assertOpen();
      instance = await pool.acquire();
    } finally {
      unhold();
    }
    const coldStart = instance.invocations === 0;
    try {
      const init: InitOutcome = await instance.whenReady();
      if (!init.ok) {
        instance.kill();
        this.assertOpen();
        const log = wrapLog(requestId, instance.initLog, new LogBuffer());
        // FC loads the module on the first request, so dying while loading looks like dying mid-request.
        const error = init.cause === 'exit' ? { errorMessage: processExitedMessage(elapsed(started)) } : init.error;
        return failure(base, init.cause === 'exit' ? 'exit' : 'init', error, log, started, coldStart);
      }
      const { outcome, log } = await instance.run(
        requestId,
        payload,
        { accountId: this.accountId, region: this.region },
        timeoutSeconds * 1000,
      );
      if (outcome.kind !== 'ok') this.assertOpen();
      const fullLog = wrapLog(requestId, coldStart ? instance.initLog : undefined, log);
      return toOutcome(base, outcome, fullLog, started, coldStart, timeoutSeconds);
    } finally {
      pool.release(instance);
    }
  }

  async dispose(functionName: string): Promise<void> {
    const pools = [...this.live.values()].filter((c) => c.pool.functionName === functionName).map((c) => c.pool);
    await Promise.all(pools.map((pool) => this.retire(pool)));
  }

  instances(): InstanceInfo[] {
    const pools = [...[...this.live.values()].map((c) => c.pool), ...this.retired];
    return pools.flatMap((pool) => pool.info());
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      const pools = [...[...this.live.values()].map((c) => c.pool), ...this.retired];
      await withDeadline(Promise.all(pools.map((pool) => pool.close())), CLOSE_DEADLINE_MS);
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closed) throw new RuntimeError('RuntimeClosed', 'the local cloud function runtime is closed');
  }

  /** The pool for this exact configuration; a new configuration of the same function retires the old pools. */
  private poolFor(fn: FunctionConfig): PoolContext {
    const codeDir = this.codeDirFor(fn);
    const key = configKey(fn, codeDir);
    const existing = this.live.get(key);
    if (existing !== undefined) return existing;
    for (const other of [...this.live.values()]) {
      if (other.pool.functionName === fn.name) void this.retire(other.pool);
    }
    const pool: InstancePool = new InstancePool(
      key,
      fn.name,
      fn.codeChecksum,
      codeDir,
      this.limits,
      () => this.startInstance(fn, context),
      (drained) => this.onDrained(drained),
    );
    const context: PoolContext = { pool, preparing: undefined, prepared: undefined };
    this.live.set(key, context);
    return context;
  }

  private startInstance(fn: FunctionConfig, context: PoolContext): Instance {
    const prepared = context.prepared;
    if (prepared?.handlerFile === undefined) throw new Error('instance started before its code was prepared');
    return new Instance({
      nodePath: this.options.nodePath ?? process.execPath,
      bootstrapFile: prepared.bootstrapFile,
      codeDir: context.pool.codeDir,
      handlerFile: prepared.handlerFile,
      exportName: prepared.spec.exportName,
      env: this.instanceEnv(fn, context.pool.codeDir),
      memorySize: fn.memorySize,
      fn: {
        name: fn.name,
        handler: fn.handler,
        memory: fn.memorySize ?? 0,
        timeout: fn.timeoutSeconds,
      },
      startTimeoutMs: this.startTimeoutMs,
    });
  }

  /** Only the function's own variables and FC's reserved ones: never the emulator's environment (secrets). */
  private instanceEnv(fn: FunctionConfig, codeDir: string): Record<string, string> {
    const env: Record<string, string> = {
      PATH: this.options.instancePath ?? DEFAULT_PATH,
      ...(fn.environmentVariables ?? {}),
      FC_FUNCTION_NAME: fn.name,
      FC_FUNCTION_HANDLER: fn.handler,
      FC_REGION: this.region,
      FC_ACCOUNT_ID: this.accountId,
      FC_INSTANCE_ID: randomUUID(),
      FC_FUNC_CODE_PATH: codeDir + path.sep,
    };
    if (fn.memorySize !== undefined) env.FC_FUNCTION_MEMORY_SIZE = String(fn.memorySize);
    return env;
  }

  private async prepare(codeDir: string, spec: HandlerSpec): Promise<Prepared> {
    this.bootstrap ??= writeBootstrap(this.workDir);
    const [bootstrapFile, handlerFile] = await Promise.all([this.bootstrap, resolveHandlerFile(codeDir, spec)]);
    return { bootstrapFile, handlerFile, spec };
  }

  private codeDirFor(fn: FunctionConfig): string {
    const checksum = SAFE_SEGMENT.test(fn.codeChecksum) ? fn.codeChecksum : this.zipHash(fn.zip);
    const name = SAFE_SEGMENT.test(fn.name) ? fn.name : `fn-${sha256(fn.name).slice(0, 16)}`;
    return path.join(this.workDir, 'functions', name, checksum);
  }

  private zipHash(zip: Buffer): string {
    let hash = this.zipHashes.get(zip);
    if (hash === undefined) {
      hash = `sha256-${sha256(zip).slice(0, 32)}`;
      this.zipHashes.set(zip, hash);
    }
    return hash;
  }

  private async ensureCode(fn: FunctionConfig, codeDir: string): Promise<void> {
    await this.removing.get(codeDir);
    let extraction = this.extracting.get(codeDir);
    if (extraction === undefined) {
      extraction = (async () => {
        // Any package.json ends Node's search for a module's "type": this one keeps a project around the work dir
        // (e.g. `"type": "module"`) from changing how the function's `.js` files load (FC's /code has no parent).
        const functionsDir = path.join(this.workDir, 'functions');
        await mkdir(functionsDir, { recursive: true });
        await writeFile(path.join(functionsDir, 'package.json'), '{"type":"commonjs"}\n');
        await extractZipTo(fn.zip, codeDir, { maxUnzippedBytes: this.options.maxUnzippedBytes });
      })();
      this.extracting.set(codeDir, extraction);
      extraction.catch(() => {
        if (this.extracting.get(codeDir) === extraction) this.extracting.delete(codeDir);
      });
    }
    await extraction;
  }

  private retire(pool: InstancePool): Promise<void> {
    const context = this.live.get(pool.key);
    if (context?.pool === pool) this.live.delete(pool.key);
    this.retired.add(pool);
    return pool.retire();
  }

  /** A retired pool's last instance exited: forget it and delete its code unless another pool still uses it. */
  private onDrained(pool: InstancePool): void {
    this.retired.delete(pool);
    if (this.closed) return;
    const inUse =
      [...this.live.values()].some((c) => c.pool.codeDir === pool.codeDir) ||
      [...this.retired].some((p) => p.codeDir === pool.codeDir);
    if (inUse) return;
    this.extracting.delete(pool.codeDir);
    const removal = rm(pool.codeDir, { recursive: true, force: true })
      .catch(() => undefined)
      .finally(() => {
        if (this.removing.get(pool.codeDir) === removal) this.removing.delete(pool.codeDir);
      });
    this.removing.set(pool.codeDir, removal);
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Everything an instance bakes in at start; a change means new instances (FC restarts instances on update). */
function configKey(fn: FunctionConfig, codeDir: string): string {
  const env = Object.entries(fn.environmentVariables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(JSON.stringify([fn.name, fn.runtime, fn.handler, fn.memorySize ?? null, env, codeDir]));
}

/** FC frames each invocation's log with these lines (assumption: seen in FC tooling output, not in a spec). */
function wrapLog(requestId: string, initLog: LogBuffer | undefined, log: LogBuffer): LogBuffer {
  const framed = new LogBuffer();
  if (initLog !== undefined) framed.appendBuffer(initLog);
  framed.append(`FC Invoke Start RequestId: ${requestId}\n`);
  framed.appendBuffer(log);
  framed.append(`FC Invoke End RequestId: ${requestId}\n`);
  return framed;
}

function toOutcome(
  base: { requestId: string; codeChecksum: string },
  outcome: RunOutcome,
  log: LogBuffer,
  started: number,
  coldStart: boolean,
  timeoutSeconds: number,
): InvokeOutcome {
  switch (outcome.kind) {
    case 'ok':
      return {
        ...base,
        ok: true,
        body: outcome.body,
        durationMs: elapsed(started),
        log: log.text(),
        logResult: log.tailBase64(),
        coldStart,
      };
    case 'error':
      return failure(base, 'error', outcome.error, log, started, coldStart);
    case 'timeout':
      // Message prefix from FC's "Function time out after" troubleshooting page; the rest is inferred.
      return failure(
        base,
        'timeout',
        { errorMessage: `Function time out after ${timeoutSeconds} seconds` },
        log,
        started,
        coldStart,
      );
    case 'exit':
      return failure(base, 'exit', { errorMessage: processExitedMessage(elapsed(started)) }, log, started, coldStart);
  }
}

/** FC "Error handling" (Node.js): the generic message when the process exits mid-request; memory is not measured. */
function processExitedMessage(durationMs: number): string {
  return `Process exited unexpectedly before completing request (duration: ${durationMs}ms, maxMemoryUsage: 0MB)`;
}

function failure(
  base: { requestId: string; codeChecksum: string },
  cause: FailureCause,
  error: FunctionErrorBody,
  log: LogBuffer,
  started: number,
  coldStart: boolean,
): InvokeOutcome {
  return {
    ...base,
    ok: false,
    // FC documents only UnhandledInvocationError for code failures in 3.0; InitializationError is for the
    // initializer hook (§A.4), which this emulator does not run, so load failures use UnhandledInvocationError.
    fcErrorType: 'UnhandledInvocationError',
    cause,
    error,
    body: Buffer.from(JSON.stringify(error), 'utf8'),
    durationMs: elapsed(started),
    log: log.text(),
    logResult: log.tailBase64(),
    coldStart,
  };
}

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

async function withDeadline(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work.then(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
