// For a person at a terminal: finished steps are printed once and stay; the steps still running (with their
// resource id as soon as it is known and the last observed status against the deadline) and those still to come
// are one ora spinner block that redraws in place under them.
import ora from 'ora';
import type { Ora } from 'ora';
import type { StepView } from './step-board.js';
import { displayOrder, formatDuration, showsResourceAction, waitClock } from './format.js';
import { HumanRenderer } from './human-renderer.js';
import type { HumanRendererInit } from './human-renderer.js';
import { loadProgressText } from './load-view.js';

export interface TtySpinnerOptions {
  /** Frame interval; tests pass a large one so no frame depends on time. */
  intervalMs?: number;
  color: boolean;
}

/** The widest word of the outcome column (`interrupted`), so every outcome lines up. */
const actionWidth = 11;

export class TtyRenderer extends HumanRenderer {
  private spinner: Ora | undefined;
  /** A question is on screen: no spinner until it is answered. */
  private paused = false;

  constructor(
    init: HumanRendererInit,
    private readonly spinnerOptions: TtySpinnerOptions,
  ) {
    super(init);
  }

  protected progress(lines: string[]): void {
    const spinner = this.spinner;
    if (spinner === undefined) {
      this.write(this.init.progress, lines);
      return;
    }
    spinner.clear();
    this.write(this.init.progress, lines);
    spinner.render();
  }

  protected settle(): void {
    const spinner = this.spinner;
    const wasLive = spinner !== undefined || this.paused;
    this.spinner = undefined;
    this.paused = false;
    spinner?.stop();
    if (!wasLive) return;
    // Steps still running when the live block goes away (Ctrl-C, a crash, an early result) keep their last line,
    // resource id included, so the user knows what may need cleaning up.
    const width = this.labelWidth();
    this.write(
      this.init.progress,
      this.board.running().map((v) => `${this.style.warn('■')} ${this.runningLine(v, width)}`),
    );
  }

  protected onStep(e: Parameters<HumanRenderer['onStep']>[0], view: StepView): void {
    const finished = e.type === 'step-done' || e.type === 'step-failed' || e.type === 'step-skipped';
    this.redraw(finished ? [this.finalLine(view)] : []);
  }

  /** Takes the live block off the screen (nothing of it is kept: it comes back on `resume`). */
  protected pause(): void {
    this.paused = true;
    const spinner = this.spinner;
    if (spinner === undefined) return;
    this.spinner = undefined;
    spinner.stop();
  }

  protected resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.board.running().length > 0) this.redraw([]);
  }

  /** Writes `persist` above the live block, then redraws the block (or removes it when nothing runs). */
  private redraw(persist: string[]): void {
    const running = this.board.running();
    if (running.length === 0) {
      this.settle();
      this.write(this.init.progress, persist);
      return;
    }
    if (this.paused) {
      this.write(this.init.progress, persist);
      return;
    }
    const width = this.labelWidth();
    const pending = this.board.planned().filter((v) => v.state === 'pending');
    const lines = [
      ...running.map((v, i) => `${i === 0 ? '' : `${this.style.accent('⋯')} `}${this.runningLine(v, width)}`),
      ...pending.map((v) => this.style.dim(`· ${this.board.label(v).padEnd(width)}  ${v.planDetail ?? ''}`)),
    ];
    const text = this.init.redact(lines.join('\n'));
    if (this.spinner === undefined) {
      this.write(this.init.progress, persist);
      this.spinner = ora({
        stream: this.init.progress,
        text,
        isEnabled: true,
        // ora would otherwise put the real stdin in raw mode, which swallows Ctrl-C as SIGINT.
        discardStdin: false,
        color: this.spinnerOptions.color ? 'cyan' : false,
        ...(this.spinnerOptions.intervalMs === undefined ? {} : { interval: this.spinnerOptions.intervalMs }),
      }).start();
      return;
    }
    // The new text is set before writing, so no frame with the finished step still spinning is ever drawn.
    this.spinner.text = text;
    if (persist.length > 0) this.progress(persist);
    else this.spinner.render();
  }

  private runningLine(view: StepView, width: number): string {
    const parts = [this.board.label(view).padEnd(width)];
    const subject = view.resourceId ?? view.planDetail;
    if (subject !== undefined && subject !== '') parts.push(subject);
    if (view.retry !== undefined) {
      parts.push(
        this.style.warn(
          `${view.retry.cloudCode}, retry ${view.retry.attempt} in ${formatDuration(view.retry.delayMs)}`,
        ),
      );
    }
    if (view.load !== undefined) {
      parts.push(this.style.accent(loadProgressText(view.load)));
    } else if (view.wait !== undefined) {
      parts.push(this.style.accent(view.wait.status));
      parts.push(this.style.dim(waitClock(view.wait.elapsedMs, view.wait.deadlineMs)));
    } else if (view.retry === undefined) {
      parts.push(this.style.dim(view.planAction === undefined ? 'running' : `${view.planAction}…`));
    }
    return parts.join('  ');
  }

  private finalLine(view: StepView): string {
    const label = this.board.label(view).padEnd(this.labelWidth());
    const took = view.ms === undefined ? '' : `  ${this.style.dim(`(${formatDuration(view.ms)})`)}`;
    switch (view.state) {
      case 'done': {
        const summary = view.summary ?? view.resourceId ?? '';
        // The lookup and the connectivity test have no resource action: what they found is the whole line.
        const action = showsResourceAction(view.id) ? `${(view.action ?? 'done').padEnd(actionWidth)}  ` : '';
        return `${this.style.ok('✔')} ${label}  ${action}${summary}${took}`;
      }
      case 'interrupted': {
        const on = view.resourceId === undefined ? '' : `  ${view.resourceId}`;
        return `${this.style.warn('■')} ${label}  ${this.style.warn('interrupted'.padEnd(actionWidth))}${on}${took}`;
      }
      case 'failed': {
        const reason = view.error === undefined ? '' : `${view.error.code}: ${view.error.message}`;
        const on = view.resourceId === undefined ? '' : `${view.resourceId}  `;
        return `${this.style.fail('✖')} ${label}  ${this.style.fail('failed'.padEnd(actionWidth))}  ${on}${reason}${took}`;
      }
      default:
        return this.style.dim(`- ${label}  ${'skipped'.padEnd(actionWidth)}  ${view.skipReason ?? ''}`);
    }
  }

  /** Wide enough for every step (lookup, 1/5 … 5/5, test) from the first line on, so columns never shift. */
  private labelWidth(): number {
    const every = displayOrder.map((id) => this.board.labelOf(id).length);
    return Math.max(...every, ...this.board.all().map((v) => this.board.label(v).length));
  }
}
