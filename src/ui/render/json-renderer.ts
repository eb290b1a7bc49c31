// --json: stdout carries exactly one document and a newline, whatever happens; people (and CI logs) still get
// the plain progress and summary, on stderr.
import type { RunnerEvent } from '../../runner/events.js';
import type { ResultDocument } from '../../runner/result-document.js';
import type { Redactor } from '../redact.js';
import { redactDeep } from '../redact.js';
import { describeError } from './error-view.js';
import type { CommandOutput, ErrorContext, OutputStream, Renderer, ResultExtras } from './types.js';

export class JsonRenderer implements Renderer {
  private written = false;
  private runStart: Extract<RunnerEvent, { type: 'run-start' }> | undefined;

  constructor(
    private readonly human: Renderer,
    private readonly stdout: OutputStream,
    private readonly redact: Redactor,
    private readonly now: () => number,
    private readonly command: string | undefined,
  ) {}

  event(e: RunnerEvent): void {
    if (e.type === 'run-start') this.runStart = e;
    this.human.event(e);
  }

  result(doc: ResultDocument, extras?: ResultExtras): void {
    this.human.result(doc, extras);
    this.emit(doc);
  }

  output(out: CommandOutput): void {
    this.human.output(out);
    this.emit(out.document);
  }

  error(err: unknown, context: ErrorContext = {}): void {
    this.human.error(err, context);
    if (this.written) return;
    // Absent fields stay undefined and drop out of the JSON.
    const { code, message, hint, cloudCode, requestId, step } = describeError(err);
    this.emit({
      schemaVersion: 1,
      // The command the user typed first (`init` runs the engine's `deploy`), as the human renderer does.
      command: this.command ?? this.runStart?.command ?? context.command ?? 'alb-fc',
      status: 'failed',
      stack: this.runStart?.stack ?? context.stack ?? 'default',
      region: this.runStart?.region ?? context.region ?? '',
      resources: {},
      durationMs: this.runStart === undefined ? 0 : Math.max(0, this.now() - this.runStart.at),
      error: { code, message, hint, cloudCode, requestId, step },
    });
  }

  close(): void {
    this.human.close();
  }

  private emit(doc: ResultDocument | CommandOutput['document']): void {
    // A second document would break every consumer that parses stdout whole; the first outcome wins.
    if (this.written) return;
    this.written = true;
    this.stdout.write(JSON.stringify(redactDeep(doc, this.redact)) + '\n');
  }
}
