// What the tty and plain renderers share: folding events into the step board, the plan and log lines, the
// final summary, and showing a failure once even when the CLI reports it both as a result and as an error.
import type { ResultDocument } from '../../runner/result-document.js';
import type { RunnerEvent } from '../../runner/events.js';
import type { StepRef } from '../../steps/vocabulary.js';
import { watchPrompts } from '../prompt-handoff.js';
import type { PromptAware } from '../prompt-handoff.js';
import type { Redactor } from '../redact.js';
import { describeError } from './error-view.js';
import { apiCallText, runHeader } from './format.js';
import { StepBoard } from './step-board.js';
import type { StepView } from './step-board.js';
import type { Style } from './style.js';
import { errorLines, resultLines } from './summary.js';
import { isFailure, type SummaryContext } from './summary-layout.js';
import { planBlock } from './summary-plan.js';
import { ASCII_GLYPHS, BOX_GLYPHS } from './summary-tree.js';
import type { CommandOutput, ErrorContext, OutputStream, Renderer, ResultExtras } from './types.js';

export interface HumanRendererInit {
  style: Style;
  /** Draw trees with ASCII instead of box-drawing characters (logs, pipes, --no-color). */
  ascii: boolean;
  verbose: boolean;
  redact: Redactor;
  /** Progress, warnings and failures. */
  progress: OutputStream;
  /** The success summary: stdout for people, stderr when stdout is reserved for the json document. */
  summary: OutputStream;
  /** The command the user typed (`init`), when the CLI says. */
  command?: string;
  followUpFlags?: readonly string[];
  signal?: AbortSignal;
}

type StepEvent = Extract<
  RunnerEvent,
  {
    type:
      | 'step-start'
      | 'step-resource'
      | 'step-wait'
      | 'load-progress'
      | 'step-retry'
      | 'step-done'
      | 'step-failed'
      | 'step-skipped';
  }
>;

export const interruptNotice =
  'Interrupt received — finishing the in-flight API call and saving state (press Ctrl-C again to force quit)';

export abstract class HumanRenderer implements Renderer, PromptAware {
  protected readonly board = new StepBoard();
  protected readonly style: Style;
  protected runStart: Extract<RunnerEvent, { type: 'run-start' }> | undefined;
  private readonly shownErrors = new Set<unknown>();
  private shownFailureCode: string | undefined;
  /**
   * Steps planned but not shown yet. Plan events arrive in whatever order the steps were planned (in parallel),
   * so the plan is written as one block, in the procedure's order, once it is complete: before the first step
   * starts, before a question (the confirmation), or at the end.
   */
  private readonly unshownPlan = new Set<StepRef>();
  private readonly stopWatchingPrompts: () => void;
  private closed = false;
  private readonly onInterrupt = (): void => {
    if (!this.closed) this.progress([this.style.warn(`■ ${interruptNotice}`)]);
  };

  constructor(protected readonly init: HumanRendererInit) {
    this.style = init.style;
    this.stopWatchingPrompts = watchPrompts(init.progress, this);
    if (init.signal !== undefined && !init.signal.aborted) {
      init.signal.addEventListener('abort', this.onInterrupt, { once: true });
    }
  }

  /** Writes whole lines of progress (the tty renderer keeps them above its spinner). */
  protected abstract progress(lines: string[]): void;
  /** A step changed; the board already holds the new state. */
  protected abstract onStep(e: StepEvent, view: StepView): void;
  /** Stops anything live (spinner) before a final block is written. */
  protected abstract settle(): void;
  /** A question is about to be asked on the progress stream: take anything live down until `resume()`. */
  protected abstract pause(): void;
  protected abstract resume(): void;

  event(e: RunnerEvent): void {
    switch (e.type) {
      case 'run-start':
        this.runStart = e;
        this.progress([this.style.bold(runHeader(e, this.init.command))]);
        return;
      case 'plan':
        this.board.apply(e);
        this.unshownPlan.add(e.step);
        return;
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
        this.showPlan();
        this.settle();
        return;
      default: {
        this.showPlan();
        const view = this.board.apply(e);
        if (view !== undefined) this.onStep(e, view);
      }
    }
  }

  result(doc: ResultDocument, extras: ResultExtras = {}): void {
    this.settle();
    // `plan` shows its plan in the result, from the document, which has the reasons; others showed it already.
    if (doc.command === 'plan' && doc.plan !== undefined) this.unshownPlan.clear();
    else this.showPlan(true);
    const failed = isFailure(doc);
    if (failed && doc.error !== undefined) this.shownFailureCode = doc.error.code;
    this.write(failed ? this.init.progress : this.init.summary, resultLines(doc, extras, this.summaryContext()));
  }

  output(out: CommandOutput): void {
    this.settle();
    this.write(this.init.summary, out.lines(this.style));
  }

  error(err: unknown, context: ErrorContext = {}): void {
    this.settle();
    this.showPlan(true);
    const view = describeError(err);
    if (this.shownErrors.has(err) || this.shownFailureCode === view.code) return;
    this.shownErrors.add(err);
    this.shownFailureCode = view.code;
    const command = this.init.command ?? this.runStart?.command ?? context.command;
    this.write(this.init.progress, ['', ...errorLines(view, command, this.summaryContext())]);
  }

  close(): void {
    this.settle();
    this.showPlan(true);
    if (this.closed) return;
    this.closed = true;
    this.stopWatchingPrompts();
    this.init.signal?.removeEventListener('abort', this.onInterrupt);
  }

  promptStarting(): void {
    this.showPlan(true);
    this.pause();
  }

  promptEnded(): void {
    this.resume();
  }

  protected write(stream: OutputStream, lines: string[]): void {
    if (lines.length === 0) return;
    stream.write(lines.map((line) => this.init.redact(line)).join('\n') + '\n');
  }

  /**
   * Writes the plan received so far as one block. For `plan` itself the block waits for the result document
   * (it has the reasons) unless `force`d by a failure or a question.
   */
  private showPlan(force = false): void {
    if (this.unshownPlan.size === 0) return;
    if (!force && this.runStart?.command === 'plan') return;
    const views = this.board.planned().filter((v) => this.unshownPlan.has(v.id));
    this.unshownPlan.clear();
    const entries = views.map((v) => ({
      label: this.board.label(v),
      action: v.planAction ?? 'unchanged',
      detail: v.planDetail ?? '',
      reasons: v.planReasons ?? [],
    }));
    this.progress(planBlock(entries, this.style));
  }

  private summaryContext(): SummaryContext {
    return {
      style: this.style,
      glyphs: this.init.ascii ? ASCII_GLYPHS : BOX_GLYPHS,
      board: this.board,
      verbose: this.init.verbose,
      local: this.runStart?.local ?? false,
      runStarted: this.runStart !== undefined,
      ...(this.init.command === undefined ? {} : { command: this.init.command }),
      ...(this.init.followUpFlags === undefined ? {} : { followUpFlags: this.init.followUpFlags }),
    };
  }
}
