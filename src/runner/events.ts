// Everything the user sees is rendered from these events (src/ui/). The runner and the steps emit them and
// never print. Events carry no secrets: ids, names, statuses, durations and error codes only.
import type { ApiCall } from '../cloud/ports.js';
import type { AlbFcError } from '../errors.js';
import type { StepNotice } from '../steps/step.js';
import type { ResourceAction, StepAction, StepRef } from '../steps/vocabulary.js';

/** One row of a plan: a step's decision and why. Approval, the plan event and the report all use it. */
export interface PlanEntry {
  step: StepRef;
  title: string;
  action: StepAction;
  detail: string;
  reasons: string[];
  hint?: string;
}

export type RunnerEvent =
  | { type: 'run-start'; command: string; stack: string; region: string; endpoint?: string; local: boolean; at: number }
  | ({ type: 'plan' } & PlanEntry)
  | { type: 'step-start'; step: StepRef; title: string; at: number }
  /** A resource id became known (emitted the moment it is known, so an interrupted user can clean up). */
  | { type: 'step-resource'; step: StepRef; id: string; detail?: string }
  /** Warnings, and each poll of a wait (`step-wait`): said by the steps and the runner alike. */
  | StepNotice
  | { type: 'step-retry'; step: StepRef; cloudCode: string; attempt: number; delayMs: number }
  | { type: 'step-done'; step: StepRef; action: ResourceAction; summary: string; ms: number }
  | { type: 'step-failed'; step: StepRef; error: AlbFcError; ms: number }
  /** `blocked`: a step it needs failed. `action`: what that means for the resource (`absent`: nothing to do). */
  | { type: 'step-skipped'; step: StepRef; reason: string; outcome: 'skipped' | 'blocked'; action?: ResourceAction }
  | { type: 'info'; message: string }
  /** One per API call, shown with --verbose. */
  | ({ type: 'api-call' } & ApiCall)
  | { type: 'run-end'; at: number };

export type EventSink = (event: RunnerEvent) => void;
