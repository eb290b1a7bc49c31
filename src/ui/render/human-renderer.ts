// What the tty and plain renderers share: folding events into the step board, the plan and log lines, the
// final summary, and showing a failure once even when the CLI reports it both as a result and as an error.
import type { RunnerEvent } from '../../runner/events.js';
import type { ResultDocument } from '../../result.js';
import type { Redactor } from '../redact.js';
import { describeError } from './error-view.js';
import { apiCallText, planMarker, runHeader } from './format.js';
import { StepBoard } from './step-board.js';
import type { StepView } from './step-board.js';
import type { Style } from './style.js';
import { errorLines, resultLines } from './summary.js';
import type { SummaryContext } from './summary.js';
import type { ErrorContext, OutputStream, Renderer, ResultExtras } from './types.js';

export interface HumanRendererInit {
  style: Style;
  verbose: boolean;
  redact: Redactor;
  /** Progress, warnings and failures. */
  progress: OutputStream;
  /** The success summary: stdout for people, stderr when stdout is reserved for the json document. */
  summary: OutputStream;
  command?: string;
}

const planTitleWidth = 13;

type StepEvent = Extract<
  RunnerEvent,
  { type: 'step-start' | 'step-resource' | 'step-wait' | 'step-retry' | 'step-done' | 'step-failed' | 'step-skipped' }
>;

export abstract class HumanRenderer implements Renderer {
  protected readonly board = new StepBoard();
  protected readonly style: Style;
  protected runStart: Extract<RunnerEvent, { type: 'run-start' }> | undefined;
  private readonly shownErrors = new Set<unknown>();
  private shownFailureCode: string | undefined;

  constructor(protected readonly init: HumanRendererInit) {
    this.style = init.style;
  }

  /** Writes whole lines of progress (the tty renderer keeps them above its spinner). */
  protected abstract progress(lines: string[]): void;
  /** A step changed; the board already holds the new state. */
  protected abstract onStep(e: StepEvent, view: StepView): void;
  /** Stops anything live (spinner) before a final block is written. */
  protected abstract settle(): void;

  event(e: RunnerEvent): void {
    switch (e.type) {
      case 'run-start':
        this.runStart = e;
        this.progress([this.style.bold(runHeader(e))]);
        return;
      case 'plan': {
        const view = this.board.apply(e);
        if (view !== undefined) this.progress([this.planLine(e.action, view)]);
        return;
      }
      case 'warning': {
        const where = e.step === undefined ? '' : `${this.board.labelOf(e.step)}: `;
        this.progress([this.style.warn(`! warning: ${where}${e.message}`)]);
        return;
      }
      case 'info':
        this.progress([e.message]);
        return;
      case 'api-call':
        if (this.init.verbose) this.progress([this.style.dim(apiCallText(e))]);
        return;
      case 'run-end':
        this.settle();
        return;
      default: {
        const view = this.board.apply(e);
        if (view !== undefined) this.onStep(e, view);
      }
    }
  }

  result(doc: ResultDocument, extras: ResultExtras = {}): void {
    this.settle();
    const failed = doc.status === 'failed' || doc.status === 'partial';
    if (failed && doc.error !== undefined) this.shownFailureCode = doc.error.code;
    this.write(failed ? this.init.progress : this.init.summary, resultLines(doc, extras, this.summaryContext()));
  }

  error(err: unknown, context: ErrorContext = {}): void {
    this.settle();
    const view = describeError(err);
    if (this.shownErrors.has(err) || this.shownFailureCode === view.code) return;
    this.shownErrors.add(err);
    this.shownFailureCode = view.code;
    const command = this.runStart?.command ?? context.command ?? this.init.command;
    this.write(this.init.progress, ['', ...errorLines(view, command, this.summaryContext())]);
  }

  close(): void {
    this.settle();
  }

  protected write(stream: OutputStream, lines: string[]): void {
    if (lines.length === 0) return;
    stream.write(lines.map((line) => this.init.redact(line)).join('\n') + '\n');
  }

  private planLine(action: Parameters<typeof planMarker>[0], view: StepView): string {
    const marker = planMarker(action);
    const colour =
      action === 'create' || action === 'adopt'
        ? this.style.ok
        : action === 'update'
          ? this.style.warn
          : action === 'conflict' || action === 'delete'
            ? this.style.fail
            : this.style.dim;
    const detail = view.planDetail === undefined || view.planDetail === '' ? '' : ` ${view.planDetail}`;
    // No "n/N" here: the plan is still arriving, so N is not known yet.
    return `${colour(marker)} ${view.title.padEnd(planTitleWidth)}${detail}`;
  }

  private summaryContext(): SummaryContext {
    return {
      style: this.style,
      board: this.board,
      verbose: this.init.verbose,
      local: this.runStart?.local ?? false,
    };
  }
}
