// For CI logs and pipes: one timestamped line per state change, no ANSI, and during a wait a heartbeat at most
// every 15 s of wait time, so CI runners that kill silent jobs keep seeing output. The heartbeat is driven by
// the runner's own poll events (their elapsedMs), never by a timer, so the output is a pure function of events.
import type { StepView } from './step-board.js';
import { formatDuration, formatElapsed, isoTimestamp, resourceText, showsResourceAction, waitClock } from './format.js';
import { HumanRenderer } from './human-renderer.js';
import type { HumanRendererInit } from './human-renderer.js';
import type { RunnerEvent } from '../../runner/events.js';
import { loadFraction, loadProgressText } from './load-view.js';

export const heartbeatEveryMs = 15_000;

interface WaitMemory {
  status: string;
  printedAtElapsedMs: number;
  lastElapsedMs: number;
}

export class PlainRenderer extends HumanRenderer {
  private readonly waits = new Map<string, WaitMemory>();
  /** The last tenth of a load test printed (a line per 10%: CI logs get progress, not a flood). */
  private loadTenth = -1;

  constructor(
    init: HumanRendererInit,
    private readonly now: () => number,
  ) {
    super(init);
  }

  protected progress(lines: string[]): void {
    const stamp = isoTimestamp(this.now());
    this.write(
      this.init.progress,
      lines.map((line) => `${stamp} ${line}`),
    );
  }

  protected settle(): void {}

  // Plain lines never redraw, so a question needs nothing taken down.
  protected pause(): void {}

  protected resume(): void {}

  protected onStep(e: Parameters<HumanRenderer['onStep']>[0], view: StepView): void {
    const label = this.board.label(view);
    const subject = view.resourceId === undefined ? '' : `${view.resourceId} `;
    switch (e.type) {
      case 'step-start':
        this.waits.delete(e.step);
        this.progress([`${label}: started${view.planAction === undefined ? '' : ` (${view.planAction})`}`]);
        return;
      case 'step-resource':
        this.progress([`${label}: ${resourceText(e.id, e.detail)}`]);
        return;
      case 'step-wait': {
        const line = this.waitLine(e, label, subject);
        if (line !== undefined) this.progress([line]);
        return;
      }
      case 'load-progress': {
        const tenth = Math.floor(loadFraction(e) * 10);
        if (tenth === this.loadTenth) return;
        this.loadTenth = tenth;
        this.progress([`${label}: load ${loadProgressText(e)}`]);
        return;
      }
      case 'step-retry':
        this.progress([`${label}: ${e.cloudCode}, retrying in ${formatDuration(e.delayMs)} (attempt ${e.attempt})`]);
        return;
      case 'step-done': {
        this.waits.delete(e.step);
        // The lookup and the connectivity test have no resource action: what they found is the whole line.
        const words = [...(showsResourceAction(e.step) ? [e.action] : []), ...(e.summary === '' ? [] : [e.summary])];
        this.progress([`✔ ${label}: ${words.join(' ')} (${formatDuration(e.ms)})`]);
        return;
      }
      case 'step-failed':
        this.waits.delete(e.step);
        if (view.state === 'interrupted') {
          this.progress([
            `■ ${label}: interrupted after ${formatDuration(e.ms)}${subject === '' ? '' : ` (${subject.trim()})`}`,
          ]);
          return;
        }
        this.progress([`✖ ${label}: failed after ${formatDuration(e.ms)}: ${e.error.code}: ${e.error.message}`]);
        return;
      case 'step-skipped':
        this.progress([`- ${label}: skipped, ${e.reason}`]);
        return;
    }
  }

  private waitLine(e: Extract<RunnerEvent, { type: 'step-wait' }>, label: string, subject: string): string | undefined {
    const memory = this.waits.get(e.step);
    // elapsedMs going backwards means a new wait began in the same step.
    const fresh = memory === undefined || e.elapsedMs < memory.lastElapsedMs;
    if (fresh || memory.status !== e.status) {
      this.waits.set(e.step, { status: e.status, printedAtElapsedMs: e.elapsedMs, lastElapsedMs: e.elapsedMs });
      return `${label}: ${subject}${e.status}, waiting ${waitClock(e.elapsedMs, e.deadlineMs)}`;
    }
    memory.lastElapsedMs = e.elapsedMs;
    if (e.elapsedMs - memory.printedAtElapsedMs < heartbeatEveryMs) return undefined;
    memory.printedAtElapsedMs = e.elapsedMs;
    return `${label}: ${subject}still ${e.status} (${formatElapsed(e.elapsedMs)} elapsed, deadline ${formatElapsed(e.deadlineMs)})`;
  }
}
