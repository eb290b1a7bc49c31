import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiError } from '../api/api-error.js';
import { writeAnswer, type Answer } from '../core/http.js';
import type { ApiAnswer, EmulatedService } from '../core/service.js';
import type { Dialect } from '../core/dialect.js';
import type { WireRequest } from '../core/protocol.js';
import type { PipelineDeps } from './deps.js';
import type { Recognised } from './recognise.js';

// One API call on its way through the pipeline: what the stages found out so far, and the three ways it ends —
// an answer, an error answer, or a dropped connection — each recorded once in the call log
// (GET /_emulator/calls).

export class ApiCall {
  readonly started: number;
  readonly service: EmulatedService | undefined;
  readonly dialect: Dialect;
  readonly region: string;
  readonly requestId: string;
  /** The action as sent (`x-acs-action` / `Action`) until the protocol routed it. */
  action: string;
  /** Latency the call still owes (stage 5 sets it, stage 7 pays it). */
  owedDelayMs = 0;
  /** A fault rule asked for the connection to be dropped once the call ran. */
  dropAfter = false;

  constructor(
    readonly request: WireRequest,
    /** The body was over the limit and not read. */
    readonly bodyTooLarge: boolean,
    recognised: Recognised,
    private readonly res: ServerResponse,
    private readonly socket: Socket,
    private readonly deps: Pick<PipelineDeps, 'clock' | 'calls'>,
  ) {
    this.started = deps.clock.now();
    this.service = recognised.service;
    this.dialect = recognised.dialect;
    this.region = recognised.region;
    this.requestId = recognised.dialect.requestId(this.started);
    this.action = request.headers['x-acs-action'] ?? request.param('Action') ?? 'Unknown';
  }

  async payOwedDelay(): Promise<void> {
    const ms = this.owedDelayMs;
    this.owedDelayMs = 0;
    if (ms > 0) await this.deps.clock.sleep(ms);
  }

  answer(answer: ApiAnswer): void {
    const status = answer.status ?? 200;
    this.write(this.dialect.answer({ ...answer, status }, this.requestId));
    this.log(status, null);
  }

  refuse(error: ApiError): void {
    this.write(this.dialect.error(error, this.requestId, this.region, this.request.method));
    this.log(error.status, error.code);
  }

  /** The client never hears an answer. */
  drop(): void {
    this.socket.destroy();
    this.log(0, 'ConnectionDropped');
  }

  private write(answer: Answer): void {
    writeAnswer(this.res, answer);
  }

  private log(status: number, code: string | null): void {
    this.deps.calls.add({
      service: this.service?.name ?? 'unknown',
      action: this.action,
      status,
      code,
      ms: Math.max(0, this.deps.clock.now() - this.started),
      at: new Date(this.started).toISOString(),
    });
  }
}
