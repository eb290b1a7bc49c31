// For a person at a terminal: finished steps are printed once and stay; the steps still running (with their
// resource id as soon as it is known and the last observed status against the deadline) and those still to come
// are one ora spinner block that redraws in place under them.
import ora from 'ora';
import type { Ora } from 'ora';
import type { StepView } from './step-board.js';
import { formatDuration, waitClock } from './format.js';
import { HumanRenderer } from './human-renderer.js';
import type { HumanRendererInit } from './human-renderer.js';

export interface TtySpinnerOptions {
  /** Frame interval; tests pass a large one so no frame depends on time. */
  intervalMs?: number;
  color: boolean;
}

export class TtyRenderer extends HumanRenderer {
  private spinner: Ora | undefined;

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
    if (spinner === undefined) return;
    this.spinner = undefined;
    spinner.stop();
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

  /** Writes `persist` above the live block, then redraws the block (or removes it when nothing runs). */
  private redraw(persist: string[]): void {
    const running = this.board.running();
    if (running.length === 0) {
      this.settle();
      this.write(this.init.progress, persist);
      return;
    }
    const width = this.labelWidth();
    const pending = this.board.all().filter((v) => v.state === 'pending' && v.planAction !== undefined);
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
    if (view.wait !== undefined) {
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
        return `${this.style.ok('✔')} ${label}  ${(view.action ?? 'done').padEnd(9)}  ${summary}${took}`;
      }
      case 'failed': {
        const reason = view.error === undefined ? '' : `${view.error.code}: ${view.error.message}`;
        const on = view.resourceId === undefined ? '' : `${view.resourceId}  `;
        return `${this.style.fail('✖')} ${label}  ${this.style.fail('failed'.padEnd(9))}  ${on}${reason}${took}`;
      }
      default:
        return this.style.dim(`- ${label}  ${'skipped'.padEnd(9)}  ${view.skipReason ?? ''}`);
    }
  }

  private labelWidth(): number {
    return Math.max(0, ...this.board.all().map((v) => this.board.label(v).length));
  }
}
