// The local cloud's Function Compute runtime: runs a function's uploaded code in child Node.js processes, keeps
// them warm per function configuration, and answers invocations the way FC does (reference §A.4, §A.7, §A.9).
// Functions are told apart by `FunctionConfig.key` (account, region, name, qualifier), never by name alone:
// two accounts' `demo`, or a function's LATEST and its version 1, keep their own warm instances.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fcRequestId, uuid } from '../core/ids.js';
import { writeBootstrap } from './bootstrap-file.js';
import { extractZipTo } from './extract-zip.js';
import { parseHandler, resolveHandlerFile, MODULE_EXTENSIONS, type HandlerSpec } from './handler-spec.js';
import { Instance, type InitOutcome, type RunOutcome } from './instance.js';
import { InstancePool, type PoolLimits } from './instance-pool.js';
import { LogBuffer } from './log-buffer.js';
import { assertSupportedRuntime } from './node-runtimes.js';
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
  maxUnzippedBytes?: number;
  /** Clock for request ids. */
  now?: () => number;
}

export interface FunctionRuntime {
  /** InvokeFunction: the event is the raw request body (reference §A.4, §A.7). */
  invoke(fn: FunctionConfig, payload: Buffer, options?: InvokeOptions): Promise<InvokeOutcome>;
  /** HTTP form: the handler receives the §A.9 event as a Buffer of its JSON; the request id is the event's. */
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

/** The account and region an instance runs for (its `FC_ACCOUNT_ID`, `FC_REGION` and handler context). */
interface Where {
  accountId: string;
  region: string;
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
  private bootstrap: Promise<string> | undefined;
  private functionsDir: Promise<string> | undefined;
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
    const where: Where = { accountId: options.accountId ?? this.accountId, region: options.region ?? this.region };
    const context = this.poolFor(fn, where);
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
      const { outcome, log } = await instance.run(requestId, payload, where, timeoutSeconds * 1000);
      if (outcome.kind !== 'ok') this.assertOpen();
      const fullLog = wrapLog(requestId, coldStart ? instance.initLog : undefined, log);
      return toOutcome(base, outcome, fullLog, started, coldStart, timeoutSeconds);
    } finally {
      pool.release(instance);
    }
  }

  async dispose(key: string): Promise<void> {
    const pools = [...this.live.values()].filter((c) => c.pool.functionKey === key).map((c) => c.pool);
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
  private poolFor(fn: FunctionConfig, where: Where): PoolContext {
    const codeDir = this.codeDirFor(fn);
    const key = configKey(fn, codeDir, where);
    const existing = this.live.get(key);
    if (existing !== undefined) return existing;
    for (const other of [...this.live.values()]) {
      if (other.pool.functionKey === fn.key) void this.retire(other.pool);
    }
    const pool: InstancePool = new InstancePool(
      key,
      fn.key,
      fn.name,
      fn.codeChecksum,
      codeDir,
      this.limits,
      () => this.startInstance(fn, where, context),
      (drained) => this.onDrained(drained),
    );
    const context: PoolContext = { pool, preparing: undefined, prepared: undefined };
    this.live.set(key, context);
    return context;
  }

  private startInstance(fn: FunctionConfig, where: Where, context: PoolContext): Instance {
    const prepared = context.prepared;
    if (prepared?.handlerFile === undefined) throw new Error('instance started before its code was prepared');
    return new Instance({
      nodePath: this.options.nodePath ?? process.execPath,
      bootstrapFile: prepared.bootstrapFile,
      codeDir: context.pool.codeDir,
      handlerFile: prepared.handlerFile,
      exportName: prepared.spec.exportName,
      env: this.instanceEnv(fn, where, context.pool.codeDir),
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
  private instanceEnv(fn: FunctionConfig, where: Where, codeDir: string): Record<string, string> {
    const env: Record<string, string> = {
      PATH: this.options.instancePath ?? DEFAULT_PATH,
      ...(fn.environmentVariables ?? {}),
      FC_FUNCTION_NAME: fn.name,
      FC_FUNCTION_HANDLER: fn.handler,
      FC_REGION: where.region,
      FC_ACCOUNT_ID: where.accountId,
      FC_INSTANCE_ID: uuid(),
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
    if (!SAFE_SEGMENT.test(fn.codeChecksum)) {
      throw new RuntimeError('InvalidCode', `code checksum '${fn.codeChecksum}' cannot name a code directory`);
    }
    const name = SAFE_SEGMENT.test(fn.name) ? fn.name : `fn-${sha256(fn.name).slice(0, 16)}`;
    return path.join(this.workDir, 'functions', name, fn.codeChecksum);
  }

  /** `functions/`, with a package.json written once per runtime. */
  private prepareFunctionsDir(): Promise<string> {
    this.functionsDir ??= (async () => {
      // Any package.json ends Node's search for a module's "type": this one keeps a project around the work dir
      // (e.g. `"type": "module"`) from changing how the function's `.js` files load (FC's /code has no parent).
      const functionsDir = path.join(this.workDir, 'functions');
      await mkdir(functionsDir, { recursive: true });
      await writeFile(path.join(functionsDir, 'package.json'), '{"type":"commonjs"}\n');
      return functionsDir;
    })();
    const preparing = this.functionsDir;
    // A failed write (I/O) is tried again by the next extraction.
    preparing.catch(() => {
      if (this.functionsDir === preparing) this.functionsDir = undefined;
    });
    return preparing;
  }

  private async ensureCode(fn: FunctionConfig, codeDir: string): Promise<void> {
    await this.removing.get(codeDir);
    let extraction = this.extracting.get(codeDir);
    if (extraction === undefined) {
      extraction = (async () => {
        await this.prepareFunctionsDir();
        await extractZipTo(() => fn.loadZip(), codeDir, { maxUnzippedBytes: this.options.maxUnzippedBytes });
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
function configKey(fn: FunctionConfig, codeDir: string, where: Where): string {
  const env = Object.entries(fn.environmentVariables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(
    JSON.stringify([
      fn.key,
      fn.name,
      fn.runtime,
      fn.handler,
      fn.memorySize ?? null,
      env,
      codeDir,
      where.accountId,
      where.region,
    ]),
  );
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
