// What every renderer knows about the steps of one run, folded from runner events. Renderers decide how to
// show it; this only remembers titles, numbering, ids, the last observed wait status and the outcome.
import type { AlbFcError } from '../../errors.js';
import type { ResourceAction, RunnerEvent, StepAction, StepId } from '../../runner/events.js';
import { defaultStepTitles } from './format.js';

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepView {
  id: StepId;
  title: string;
  state: StepState;
  planAction?: StepAction;
  planDetail?: string;
  resourceId?: string;
  resourceDetail?: string;
  wait?: { status: string; elapsedMs: number; deadlineMs: number };
  retry?: { cloudCode: string; attempt: number; delayMs: number };
  action?: ResourceAction;
  summary?: string;
  ms?: number;
  error?: AlbFcError;
  skipReason?: string;
}

export class StepBoard {
  private readonly views = new Map<StepId, StepView>();
  private readonly planned: StepId[] = [];

  /** Folds one event in; returns the step it touched, if any. */
  apply(e: RunnerEvent): StepView | undefined {
    switch (e.type) {
      case 'plan': {
        const view = this.ensure(e.step, e.title);
        if (!this.planned.includes(e.step)) this.planned.push(e.step);
        view.planAction = e.action;
        view.planDetail = e.detail;
        return view;
      }
      case 'step-start': {
        const view = this.ensure(e.step, e.title);
        view.state = 'running';
        delete view.wait;
        delete view.retry;
        return view;
      }
      case 'step-resource': {
        const view = this.ensure(e.step);
        view.resourceId = e.id;
        if (e.detail !== undefined) view.resourceDetail = e.detail;
        return view;
      }
      case 'step-wait': {
        const view = this.ensure(e.step);
        view.state = 'running';
        view.wait = { status: e.status, elapsedMs: e.elapsedMs, deadlineMs: e.deadlineMs };
        delete view.retry;
        return view;
      }
      case 'step-retry': {
        const view = this.ensure(e.step);
        view.retry = { cloudCode: e.cloudCode, attempt: e.attempt, delayMs: e.delayMs };
        return view;
      }
      case 'step-done': {
        const view = this.ensure(e.step);
        view.state = 'done';
        view.action = e.action;
        view.summary = e.summary;
        view.ms = e.ms;
        return view;
      }
      case 'step-failed': {
        const view = this.ensure(e.step);
        view.state = 'failed';
        view.error = e.error;
        view.ms = e.ms;
        return view;
      }
      case 'step-skipped': {
        const view = this.ensure(e.step);
        view.state = 'skipped';
        view.skipReason = e.reason;
        return view;
      }
      default:
        return undefined;
    }
  }

  get(step: StepId): StepView | undefined {
    return this.views.get(step);
  }

  /** Planned steps first, in plan order, then any step that ran without being planned. */
  all(): StepView[] {
    const ordered = this.planned.map((id) => this.views.get(id)).filter((v): v is StepView => v !== undefined);
    for (const view of this.views.values()) if (!this.planned.includes(view.id)) ordered.push(view);
    return ordered;
  }

  running(): StepView[] {
    return this.all().filter((v) => v.state === 'running');
  }

  /** `4/5 Listener`; steps that were never planned have no number. */
  label(view: StepView): string {
    const index = this.planned.indexOf(view.id);
    return index < 0 ? view.title : `${index + 1}/${this.planned.length} ${view.title}`;
  }

  /** The label of a step named by an error's `step` (a StepId, or free text from older callers). */
  labelOf(step: string): string {
    const view = this.views.get(step as StepId);
    if (view !== undefined) return this.label(view);
    return step in defaultStepTitles ? defaultStepTitles[step as StepId] : step;
  }

  /** Failures seen on step-failed events, so a final summary can recover the exit code of a failed step. */
  failures(): AlbFcError[] {
    return this.all()
      .map((v) => v.error)
      .filter((e): e is AlbFcError => e !== undefined);
  }

  private ensure(step: StepId, title?: string): StepView {
    let view = this.views.get(step);
    if (view === undefined) {
      view = { id: step, title: title ?? defaultStepTitles[step], state: 'pending' };
      this.views.set(step, view);
    } else if (title !== undefined) {
      view.title = title;
    }
    return view;
  }
}
