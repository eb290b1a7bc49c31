import { transitionDelay, type LatencyProfile } from '../../core/latency.js';
import type { StoredFunction } from './state.js';

// The function's state machine (`@alicloud/fc20230330` Function `state`, `lastUpdateStatus`). A create shows `Pending`
// (reason `Function creating`, code `Creating`, the SDK's own example) with `lastUpdateStatus: InProgress`, then
// `Active`/`Successful` ("Successful once the function has been successfully created"). An update keeps `Active` and
// shows `lastUpdateStatus: InProgress` (reason code `Updating`, assumption), then `Successful`.
//
// Choice (assumption): the in-between state is shown by the write's own answer and by
// the next GetFunction, then the final state once `function.create` / `function.update` of the latency
// profile has elapsed (0 by default). alb-fc polls GetFunction until Active/Successful, so its wait loop runs
// at least once against the local cloud, as for every transition (docs/emulator.md, "Latency": "at least one
// read sees the in-between state"); a client that does not wait (devsapp/fc3 waits for custom containers only,
// src/resources/fc/index.ts) is unaffected because
// invocation works throughout.

const TRANSITION_NAMES = { create: 'function.create', update: 'function.update' } as const;

export interface StatusFields {
  state: string;
  stateReason: string;
  stateReasonCode: string;
  lastUpdateStatus: string;
  lastUpdateStatusReason: string;
  lastUpdateStatusReasonCode: string;
}

export const SETTLED: StatusFields = {
  state: 'Active',
  stateReason: '',
  stateReasonCode: '',
  lastUpdateStatus: 'Successful',
  lastUpdateStatusReason: '',
  lastUpdateStatusReasonCode: '',
};

const CREATING: StatusFields = {
  state: 'Pending',
  stateReason: 'Function creating',
  stateReasonCode: 'Creating',
  lastUpdateStatus: 'InProgress',
  lastUpdateStatusReason: 'Function creating',
  lastUpdateStatusReasonCode: 'Creating',
};

const UPDATING: StatusFields = {
  ...SETTLED,
  lastUpdateStatus: 'InProgress',
  lastUpdateStatusReason: 'Function updating',
  lastUpdateStatusReasonCode: 'Updating',
};

export function beginTransition(
  fn: StoredFunction,
  kind: 'create' | 'update',
  now: number,
  latency: LatencyProfile,
): void {
  fn.transition = { kind, until: now + transitionDelay(latency, TRANSITION_NAMES[kind]), readsLeft: 1 };
}

/** The status a read shows; `consume` marks it as the read that has seen the in-between state. */
export function observeStatus(fn: StoredFunction, now: number, consume: boolean): StatusFields {
  const transition = fn.transition;
  if (!transition) return SETTLED;
  const inBetween = transition.kind === 'create' ? CREATING : UPDATING;
  if (!consume) return inBetween;
  if (transition.readsLeft > 0) {
    transition.readsLeft -= 1;
    return inBetween;
  }
  if (now < transition.until) return inBetween;
  delete fn.transition;
  return SETTLED;
}

/** Whether a create or update is still being worked on (ConcurrentUpdateError for another update). */
export function updateInFlight(fn: StoredFunction, now: number): boolean {
  return fn.transition !== undefined && now < fn.transition.until;
}
