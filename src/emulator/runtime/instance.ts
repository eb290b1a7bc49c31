// One function instance: a child process running a language's bootstrap (child-bootstrap-source.ts for Node.js,
// python-bootstrap-source.ts for Python) with the user's module loaded, spoken to over Node's IPC channel. FC 3.0
// built-in runtimes serve one request at a time per instance (instance-pool.ts), so an instance has at most one
// invocation in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { LogBuffer } from './log-buffer.js';
import type { FunctionErrorBody } from './types.js';

export interface InstanceSpec {
  /** The program and its arguments (the bootstrap file among them). */
  command: string;
  args: string[];
  /**
   * `advanced` (Node.js children: Buffers cross as bytes) or `json` (any other language reads Node's IPC channel
   * as JSON lines on the descriptor in `NODE_CHANNEL_FD`; bytes then cross as base64 strings).
   */
  serialization: 'advanced' | 'json';
  codeDir: string;
  handlerFile: string;
  exportName: string;
  env: Record<string, string>;
  fn: { name: string; handler: string; memory: number; timeout: number };
  startTimeoutMs: number;
}

export type InitOutcome = { ok: true } | { ok: false; cause: 'init' | 'exit' | 'timeout'; error: FunctionErrorBody };

export type RunOutcome =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'error'; error: FunctionErrorBody }
  | { kind: 'timeout' }
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null };

interface Pending {
  id: number;
  log: LogBuffer;
  settle: (outcome: RunOutcome) => void;
}

// After the process exits, IPC messages still in the pipe are delivered before 'close'; a grandchild holding the
// stdio pipes open could delay 'close' for ever, so it is awaited only this long.
const CLOSE_GRACE_MS = 1_000;
const RAW_OUTPUT_KEEP = 4 * 1024;

type ChildMessage =
  | { t: 'ready' }
  | { t: 'init-error'; error: FunctionErrorBody }
  | { t: 'log'; id: number; text: string }
  | { t: 'result'; id: number; ok: true; body: Uint8Array | string }
  | { t: 'result'; id: number; ok: false; error: FunctionErrorBody; fatal?: boolean }
  | { t: 'fatal'; error: FunctionErrorBody };

/** A body as it crossed the channel: bytes (`advanced`) or base64 text (`json`). */
function toBuffer(bytes: Uint8Array | string): Buffer {
  if (typeof bytes === 'string') return Buffer.from(bytes, 'base64');
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class Instance {
  state: 'starting' | 'idle' | 'busy' | 'exited' = 'starting';
  /** Invocations dispatched so far; 0 means the next one is a cold start (unless the instance is provisioned). */
  invocations = 0;
  /** Started ahead of requests as one of FC's provisioned instances: warm, never stopped for idling. */
  provisioned = false;
  idleTimer: NodeJS.Timeout | undefined;
  readonly pid: number | undefined;
  /** Output of the module while it loaded; FC shows it with the first invocation. */
  readonly initLog = new LogBuffer();
  readonly exited: Promise<void>;

  private readonly child: ChildProcess;
  private readonly ready: Promise<InitOutcome>;
  private settleReady: ((outcome: InitOutcome) => void) | undefined;
  private pending: Pending | undefined;
  private killed = false;
  private rawOutput = '';
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private readonly exitListeners: Array<() => void> = [];
  private readonly json: boolean;

  constructor(spec: InstanceSpec) {
    this.json = spec.serialization === 'json';
    // Its own process group (POSIX) so kill() also ends whatever the user's code started.
    this.child = spawn(spec.command, spec.args, {
      cwd: spec.codeDir,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: spec.serialization,
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.pid = this.child.pid;
    this.child.stdout?.on('data', (chunk: Buffer) => this.keepRawOutput(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.keepRawOutput(chunk));
    this.child.on('message', (message: ChildMessage) => this.onMessage(message));

    this.ready = new Promise<InitOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.resolveReady({
          ok: false,
          cause: 'timeout',
          error: { errorMessage: `Function instance did not start within ${spec.startTimeoutMs} ms` },
        });
        this.kill();
      }, spec.startTimeoutMs);
      this.settleReady = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
    });

    this.exited = new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        this.onExited();
        resolve();
      };
      this.child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        this.killGroup();
        setTimeout(finish, CLOSE_GRACE_MS).unref();
      });
      this.child.once('close', finish);
    });
    // Spawn failures and sends on a closed channel surface here; 'close' still follows and settles everything.
    this.child.on('error', () => undefined);

    if (this.child.connected) {
      this.child.send({ t: 'init', file: spec.handlerFile, exportName: spec.exportName, fn: spec.fn }, () => undefined);
    }
  }

  /** Whether the instance can take another invocation. */
  get usable(): boolean {
    return !this.killed && this.state !== 'exited';
  }

  whenReady(): Promise<InitOutcome> {
    return this.ready;
  }

  onExit(listener: () => void): void {
    if (this.state === 'exited') listener();
    else this.exitListeners.push(listener);
  }

  run(
    requestId: string,
    event: Buffer,
    context: { accountId: string; region: string },
    timeoutMs: number,
  ): Promise<{ outcome: RunOutcome; log: LogBuffer }> {
    this.invocations += 1;
    const id = this.invocations;
    const log = new LogBuffer();
    if (this.state === 'exited' || !this.child.connected) {
      return Promise.resolve({ outcome: { kind: 'exit', code: this.exitCode, signal: this.exitSignal }, log });
    }
    this.state = 'busy';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve({ outcome: { kind: 'timeout' }, log });
        this.kill();
      }, timeoutMs);
      this.pending = {
        id,
        log,
        settle: (outcome) => {
          clearTimeout(timer);
          this.pending = undefined;
          resolve({ outcome, log });
        },
      };
      // A failed send means the channel closed: the exit handler settles the invocation.
      const payload = this.json ? event.toString('base64') : event;
      this.child.send({ t: 'invoke', id, requestId, event: payload, ...context }, () => undefined);
    });
  }

  kill(): void {
    if (this.state === 'exited') return;
    this.killed = true;
    this.killGroup();
    try {
      this.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  private killGroup(): void {
    if (process.platform === 'win32' || this.pid === undefined) return;
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // no process left in the group
    }
  }

  private resolveReady(outcome: InitOutcome): void {
    const settle = this.settleReady;
    this.settleReady = undefined;
    settle?.(outcome);
  }

  private keepRawOutput(chunk: Buffer): void {
    this.rawOutput = (this.rawOutput + chunk.toString('utf8')).slice(-RAW_OUTPUT_KEEP);
  }

  private onMessage(message: ChildMessage): void {
    switch (message.t) {
      case 'ready':
        if (this.state === 'starting') this.state = 'busy';
        this.resolveReady({ ok: true });
        return;
      case 'init-error':
        this.resolveReady({ ok: false, cause: 'init', error: message.error });
        this.kill();
        return;
      case 'log':
        if (this.pending !== undefined && message.id === this.pending.id) this.pending.log.append(message.text);
        else if (message.id === 0 && this.invocations === 0) this.initLog.append(message.text);
        return;
      case 'result': {
        if (this.pending === undefined || message.id !== this.pending.id) return;
        if (message.ok) {
          this.pending.settle({ kind: 'ok', body: toBuffer(message.body) });
        } else {
          this.pending.settle({ kind: 'error', error: message.error });
          if (message.fatal === true) this.kill();
        }
        return;
      }
      case 'fatal':
        this.kill();
        return;
    }
  }

  private onExited(): void {
    this.state = 'exited';
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    const raw = this.rawOutput;
    if (raw !== '') (this.pending?.log ?? this.initLog).append(raw);
    this.resolveReady({
      ok: false,
      cause: 'exit',
      error: { errorMessage: `the instance exited while loading the function (${this.describeExit()})` },
    });
    this.pending?.settle({ kind: 'exit', code: this.exitCode, signal: this.exitSignal });
    for (const listener of this.exitListeners.splice(0)) listener();
  }

  private describeExit(): string {
    return this.exitSignal !== null ? `signal ${this.exitSignal}` : `exit code ${String(this.exitCode)}`;
  }
}
