// Which module implements each resource step. Typed per step: a step's plan goes back to the same step's apply,
// so the runner needs no casts (see `stepOf`).
import type { StepOutputs } from '../state/schema.js';
import { addCname, type DnsPlan } from './add-cname.js';
import { addRule, type RulePlan } from './add-rule.js';
import { addServer, type ServerPlan } from './add-server.js';
import { createFunction, type FunctionPlan } from './create-function.js';
import { createListener, type ListenerPlan } from './create-listener.js';
import { createServerGroup, type ServerGroupPlan } from './create-server-group.js';
import type { ResourceStep, StepPlan } from './step.js';
import type { ResourceStepId } from './vocabulary.js';

/** Each resource step's plan type. */
export interface StepPlans {
  function: FunctionPlan;
  serverGroup: ServerGroupPlan;
  server: ServerPlan;
  listener: ListenerPlan;
  rule: RulePlan;
  dnsRecord: DnsPlan;
}

/** Step `K`'s plan. (The intersection only restates, for a generic K, that each plan is a StepPlan.) */
export type PlanOf<K extends ResourceStepId> = StepPlans[K] & StepPlan<StepOutputs[K]>;

export type StepModule<K extends ResourceStepId> = ResourceStep<K, PlanOf<K>>;

// The state schema records the outputs of exactly these steps: a step added to one and not the other fails here.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Holds<T extends true> = T;
type _StepsMatchTheState = Holds<SameKeys<StepOutputs, Record<ResourceStepId, unknown>>>;

const STEP_MODULES: { readonly [K in ResourceStepId]: StepModule<K> } = {
  function: createFunction,
  serverGroup: createServerGroup,
  server: addServer,
  listener: createListener,
  rule: addRule,
  dnsRecord: addCname,
};

/** The module of step `id`, typed for that step. */
export function stepOf<K extends ResourceStepId>(id: K): StepModule<K> {
  return STEP_MODULES[id];
}
