// Small text formats shared by every renderer, so tty, plain and json-on-stderr read the same.
import { formatElapsed } from '../../lib/duration.js';
import type { RunnerEvent } from '../../runner/events.js';
import {
  isResourceStep,
  PROCEDURE_STEP,
  STEPS,
  stepKind,
  type StepAction,
  type StepId,
  type StepRef,
} from '../../steps/vocabulary.js';

export { formatDuration, formatElapsed } from '../../lib/duration.js';

export function waitClock(elapsedMs: number, deadlineMs: number): string {
  return `[${formatElapsed(elapsedMs)} / ${formatElapsed(deadlineMs)}]`;
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const planSymbols: Record<StepAction, string> = {
  create: '+',
  update: '~',
  unchanged: '=',
  adopt: '>',
  conflict: '!',
  delete: '-',
  skip: '·',
};

/** `+ create`, `~ update`, … padded so that the resource titles line up (Terraform / `s plan` style). */
export function planMarker(action: StepAction): string {
  return `${planSymbols[action]} ${action.padEnd(9)}`;
}

// Summary order and words of a plan: changes first, then what stays (Terraform's "Plan: 1 to add, …").
const planWords: Array<[StepAction, (n: number) => string]> = [
  ['create', (n) => `${n} to create`],
  ['adopt', (n) => `${n} to adopt`],
  ['update', (n) => `${n} to update`],
  ['delete', (n) => `${n} to delete`],
  ['conflict', (n) => `${n} in conflict`],
  ['unchanged', (n) => `${n} unchanged`],
  ['skip', (n) => `${n} skipped`],
];

/** `3 to create, 1 to update, 2 unchanged`, from the counts of each action. */
export function planSummaryText(counts: Readonly<Record<string, number | undefined>>): string {
  const parts = planWords
    .filter(([action]) => (counts[action] ?? 0) > 0)
    .map(([action, words]) => words(counts[action] ?? 0));
  return parts.length === 0 ? 'nothing planned' : parts.join(', ');
}

export function countActions(actions: readonly StepAction[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const action of actions) counts[action] = (counts[action] ?? 0) + 1;
  return counts;
}

/**
 * The five steps of Alibaba Cloud's procedure, in its order: their numbers (`1/5` … `5/5`) never depend on the
 * order the runner starts them in (it runs independent steps in parallel). The lookup before and the
 * connectivity test after are not steps of the procedure and carry no number.
 */

/** `1` … `5` for a step of the procedure, `undefined` for the lookup and the test. */
export function procedureNumber(step: StepRef): number | undefined {
  const kind = stepKind(step);
  return isResourceStep(kind) ? PROCEDURE_STEP[kind] : undefined;
}

export const displayOrder: readonly StepId[] = STEPS;

/**
 * Sort key: lookup, the procedure's steps in order, the test; anything unknown last. A route's steps sort with
 * their kind, by route (the single function's first).
 */
export function displayRank(step: StepRef): number {
  const index = displayOrder.indexOf(stepKind(step));
  return index < 0 ? displayOrder.length : index;
}

/** Orders two steps for display: by kind, then by key. */
export function compareSteps(a: StepRef, b: StepRef): number {
  return displayRank(a) - displayRank(b) || a.localeCompare(b);
}

/**
 * The lookup and the test create nothing, so their outcome is never a resource action ("unchanged" would read
 * as if the connectivity test were a resource): their done line shows only what they found.
 */
export function showsResourceAction(step: StepRef): boolean {
  return procedureNumber(step) !== undefined;
}

/**
 * What to show for a resource id announced with a detail: the detail alone when it already names every part of
 * the id (`sgp-1 (type Fc)` for `sgp-1`), else both.
 */
export function resourceText(id: string, detail: string | undefined): string {
  if (detail === undefined || detail === '' || detail === id) return id;
  const parts = id.split('/').filter((part) => part !== '');
  return parts.every((part) => detail.includes(part)) ? detail : `${id} (${detail})`;
}

export function apiCallText(e: Extract<RunnerEvent, { type: 'api-call' }>): string {
  const parts = [`api ${e.service} ${e.action}`, `${Math.round(e.ms)}ms`];
  if (e.status !== undefined) parts.push(`HTTP ${e.status}`);
  if (e.cloudCode !== undefined) parts.push(e.cloudCode);
  if (e.requestId !== undefined) parts.push(`RequestId ${e.requestId}`);
  return parts.join('  ');
}

/** @param command what the user typed (`init` runs the engine's `deploy`), when it differs from the run's. */
export function runHeader(e: Extract<RunnerEvent, { type: 'run-start' }>, command = e.command): string {
  const parts = [`alb-fc ${command}`, `stack ${e.stack}`, `region ${e.region}`];
  if (e.local) parts.push(e.endpoint === undefined ? 'local cloud' : `local cloud ${e.endpoint}`);
  else if (e.endpoint !== undefined) parts.push(`endpoint ${e.endpoint}`);
  return parts.join(' · ');
}
