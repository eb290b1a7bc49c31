// Everything the user sees is rendered from these events (src/ui/). The runner and steps emit them and
// never print. Events carry no secrets: ids, names, statuses, durations and error codes only.
import type { AlbFcError } from '../errors.js';

export type StepId = 'lookup' | 'function' | 'serverGroup' | 'server' | 'listener' | 'dnsRecord' | 'test';

/** The five steps of the procedure, in its order (step 1 … step 5): the steps that own a cloud resource. */
export const PROCEDURE_STEPS = ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const;

/** How every step is named, in the plan, the progress and the summaries. */
export const STEP_TITLES: Record<StepId, string> = {
  lookup: 'Lookup',
  function: 'FC function',
  serverGroup: 'Server group',
  server: 'Add backend',
  listener: 'Listener',
  dnsRecord: 'DNS CNAME',
  test: 'Connectivity test',
};

export type StepAction = 'create' | 'adopt' | 'update' | 'unchanged' | 'conflict' | 'delete' | 'skip';

/** What a finished step reports, in the words of the contract's `--json` document. */
export type ResourceAction = 'created' | 'adopted' | 'updated' | 'unchanged' | 'deleted' | 'skipped' | 'absent';

export type RunnerEvent =
  | { type: 'run-start'; command: string; stack: string; region: string; endpoint?: string; local: boolean; at: number }
  | { type: 'plan'; step: StepId; title: string; action: StepAction; detail: string; reasons: string[] }
  | { type: 'step-start'; step: StepId; title: string; at: number }
  /** A resource id became known (emitted the moment it is known, so an interrupted user can clean up). */
  | { type: 'step-resource'; step: StepId; id: string; detail?: string }
  /** A poll observed a status while waiting; `elapsedMs` since the wait began, `deadlineMs` its budget. */
  | { type: 'step-wait'; step: StepId; status: string; elapsedMs: number; deadlineMs: number }
  | { type: 'step-retry'; step: StepId; cloudCode: string; attempt: number; delayMs: number }
  | { type: 'step-done'; step: StepId; action: ResourceAction; summary: string; ms: number }
  | { type: 'step-failed'; step: StepId; error: AlbFcError; ms: number }
  /** `blocked`: a step it needs failed. `action`: what that means for the resource (`absent`: nothing to do). */
  | { type: 'step-skipped'; step: StepId; reason: string; outcome: 'skipped' | 'blocked'; action?: ResourceAction }
  | { type: 'warning'; message: string; step?: StepId }
  | { type: 'info'; message: string }
  /** One per API call, shown with --verbose. */
  | {
      type: 'api-call';
      service: string;
      action: string;
      ms: number;
      requestId?: string;
      cloudCode?: string;
      status?: number;
    }
  | { type: 'run-end'; at: number };

export type EventSink = (event: RunnerEvent) => void;
