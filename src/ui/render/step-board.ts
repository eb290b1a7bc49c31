// What every renderer knows about the steps of one run, folded from runner events. Renderers decide how to
// show it; this only remembers titles, numbering, ids, the last observed wait status and the outcome.
import type { AlbFcError } from '../../errors.js';
import type { RunnerEvent } from '../../runner/events.js';
import {
  PROCEDURE_LENGTH,
  stepTitle,
  type ResourceAction,
  type StepAction,
  type StepRef,
} from '../../steps/vocabulary.js';
import { compareSteps, procedureNumber } from './format.js';

/** `interrupted`: the step failed only because the run was interrupted (Ctrl-C); its state is saved. */
export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'interrupted' | 'skipped';

export interface StepView {
  id: StepRef;
  title: string;
  state: StepState;
  planAction?: StepAction;
  planDetail?: string;
  /** Why the plan chose its action, when the plan event says. */
  planReasons?: string[];
  resourceId?: string;
  resourceDetail?: string;
  wait?: { status: string; elapsedMs: number; deadlineMs: number };
  /** `test --load` while it runs. */
  load?: Omit<Extract<RunnerEvent, { type: 'load-progress' }>, 'type' | 'step'>;
  retry?: { cloudCode: string; attempt: number; delayMs: number };
  action?: ResourceAction;
  summary?: string;
  ms?: number;
  error?: AlbFcError;
  skipReason?: string;
  skipOutcome?: 'skipped' | 'blocked';
  skipAction?: ResourceAction;
}

export class StepBoard {
  private readonly views = new Map<StepRef, StepView>();
  private readonly plannedIds = new Set<StepRef>();

  /** Folds one event in; returns the step it touched, if any. */
  apply(e: RunnerEvent): StepView | undefined {
    switch (e.type) {
      case 'plan': {
        const view = this.ensure(e.step, e.title);
        this.plannedIds.add(e.step);
        view.planAction = e.action;
        view.planDetail = e.detail;
        view.planReasons = e.reasons.filter((r) => r !== '');
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
      case 'load-progress': {
        const view = this.ensure(e.step);
        const { type: _type, step: _step, ...load } = e;
        view.load = load;
        delete view.wait;
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
        view.state = e.error.code === 'INTERRUPTED' ? 'interrupted' : 'failed';
        view.error = e.error;
        view.ms = e.ms;
        return view;
      }
      case 'step-skipped': {
        const view = this.ensure(e.step);
        view.state = 'skipped';
        view.skipReason = e.reason;
        view.skipOutcome = e.outcome;
        if (e.action !== undefined) view.skipAction = e.action;
        return view;
      }
      default:
        return undefined;
    }
  }

  get(step: StepRef): StepView | undefined {
    return this.views.get(step);
  }

  /** Every step seen, in the procedure's order (lookup, 1/5 … 5/5, test), whatever order they ran in. */
  all(): StepView[] {
    return [...this.views.values()].sort((a, b) => compareSteps(a.id, b.id));
  }

  /** Steps that were planned, in the procedure's order. */
  planned(): StepView[] {
    return this.all().filter((v) => this.plannedIds.has(v.id));
  }

  running(): StepView[] {
    return this.all().filter((v) => v.state === 'running');
  }

  /** `4/5 Listener`: the number of the step in the procedure; the lookup and the test have none. */
  label(view: StepView): string {
    const n = procedureNumber(view.id);
    return n === undefined ? view.title : `${n}/${PROCEDURE_LENGTH} ${view.title}`;
  }

  /** True once a step of the procedure started: from then on the cloud may hold something of this run. */
  anyResourceStarted(): boolean {
    return this.all().some((v) => procedureNumber(v.id) !== undefined && v.state !== 'pending');
  }

  /** The label of a step named by an error's `step` (a StepId, or free text from older callers). */
  labelOf(text: string): string {
    const step = text as StepRef;
    const view = this.views.get(step);
    if (view !== undefined) return this.label(view);
    const title = stepTitle(step);
    if (title === text) return text;
    return this.label({ id: step, title, state: 'pending' });
  }

  private ensure(step: StepRef, title?: string): StepView {
    let view = this.views.get(step);
    if (view === undefined) {
      view = { id: step, title: title ?? stepTitle(step), state: 'pending' };
      this.views.set(step, view);
    } else if (title !== undefined) {
      view.title = title;
    }
    return view;
  }
}
