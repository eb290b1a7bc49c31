// The state as a step sees it during a run: what the stack recorded for each step, and the exactly-once
// protocol around a create (docs/reliability.md, "Exactly once"): `beginCreate` saves the intent (with its
// ClientToken) before the create call, `createSucceeded` saves the outputs right after it. The runner
// implements it (src/runner/state-session.ts) and saves every change at once, in order.
import type { Intent, StepOutputs, StepRecord } from '../state/schema.js';
import type { TokenInputs } from './client-token.js';
import type { ResourceStepId } from './vocabulary.js';

export interface StepSession {
  readonly stack: string;
  /** Minted with the state; part of every ClientToken, so that no token outlives the state that issued it. */
  readonly epoch: string;
  record<K extends ResourceStepId>(step: K): StepRecord<StepOutputs[K]> | undefined;
  /** Records (and saves) the intent of a create, reusing the pending one with the same request. */
  beginCreate(step: ResourceStepId, request: TokenInputs): Promise<Intent>;
  /** A refusal means nothing was created (the next create gets a new token); anything else stays resumable. */
  createFailed(step: ResourceStepId, error: unknown): Promise<void>;
  createSucceeded<K extends ResourceStepId>(step: K, outputs: StepOutputs[K]): Promise<void>;
  /** Records a resource found in the cloud (adopted, or re-found after a lost state) as this step's. */
  adopt<K extends ResourceStepId>(step: K, outputs: StepOutputs[K], owned: boolean): Promise<void>;
  setOutputs<K extends ResourceStepId>(step: K, outputs: StepOutputs[K]): Promise<void>;
  /** Moves the current resource to `retired` (to be deleted once its replacement is ready). */
  retire(step: ResourceStepId): Promise<void>;
  /** Forgets the current resource (it is gone), keeping the create count so tokens stay fresh. */
  forget(step: ResourceStepId): Promise<void>;
  /** Records another resource of this step (found by tags besides the current one) for deletion. */
  addRetired<K extends ResourceStepId>(step: K, outputs: StepOutputs[K]): Promise<void>;
}
