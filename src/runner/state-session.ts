// The runner's handle on one stack's state during a run: every change is saved at once, in order (the
// function and server-group steps run concurrently and both write). It is the StepSession the steps see
// (src/steps/step-session.ts), where the exactly-once protocol is described, plus what only the runner does:
// readiness, failures, deletes, the lookup and the last test.
import type { Clock } from '../clock.js';
import { isCloudError } from '../cloud/errors.js';
import { isAlbFcError } from '../errors.js';
import {
  type Intent,
  type StackState,
  type StepOutputs,
  type StepRecord,
  type LookupOutputs,
  type TestOutputs,
  resumableIntent,
  recordOf,
} from '../state/schema.js';
import { instanceId, keyOf, kindOf, type InstanceId } from '../state/instance-ids.js';
import type { StateStore } from '../state/store.js';
import { clientToken, type TokenInputs } from '../steps/client-token.js';
import type { StepSession } from '../steps/step-session.js';
import type { ResourceStepId } from '../steps/vocabulary.js';
import { classifyError } from './retry.js';

function sameRequest(a: TokenInputs, b: TokenInputs): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

export class StateSession implements StepSession {
  private chain: Promise<void> = Promise.resolve();
  /** True once anything was written during this run. */
  changed = false;

  constructor(
    private readonly store: StateStore,
    readonly state: StackState,
    private readonly clock: Clock,
  ) {}

  get stack(): string {
    return this.state.stack;
  }

  get epoch(): string {
    return this.state.epoch;
  }

  nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  record<K extends ResourceStepId>(step: InstanceId<K>): StepRecord<StepOutputs[K]> | undefined {
    return recordOf(this.state, step);
  }

  /** The instances the state has a record of. */
  instances(): InstanceId<ResourceStepId>[] {
    return Object.keys(this.state.steps).filter(
      (id) => this.state.steps[id] !== undefined,
    ) as InstanceId<ResourceStepId>[];
  }

  outputs<K extends ResourceStepId>(step: InstanceId<K>): StepOutputs[K] | undefined {
    return this.record(step)?.outputs;
  }

  /** Saves a snapshot of the state now; saves happen in call order. */
  save(): Promise<void> {
    this.state.updatedAt = this.nowIso();
    const snapshot = structuredClone(this.state);
    const write = this.chain.then(() => this.store.save(snapshot));
    this.chain = write.catch(() => undefined);
    this.changed = true;
    return write;
  }

  private ensure<K extends ResourceStepId>(step: InstanceId<K>): StepRecord<StepOutputs[K]> {
    const existing = this.record(step);
    if (existing) return existing;
    const created: StepRecord<StepOutputs[K]> = { status: 'pending', owned: true, updatedAt: this.nowIso() };
    (this.state.steps as Record<string, unknown>)[step] = created;
    return created;
  }

  /** The intent a resumed create must repeat: pending (outcome unknown), not refused, same request. */
  pendingIntent(step: InstanceId<ResourceStepId>, request?: TokenInputs): Intent | undefined {
    const intent = resumableIntent(this.record(step));
    if (!intent || (request && !sameRequest(intent.request, request))) return undefined;
    return intent;
  }

  /** Records (and saves) the intent of a create, reusing the pending one with the same request. */
  async beginCreate(step: InstanceId<ResourceStepId>, request: TokenInputs): Promise<Intent> {
    const reusable = this.pendingIntent(step, request);
    if (reusable) return reusable;
    const record = this.ensure(step);
    const seq = record.creates ?? 0;
    const intent: Intent = {
      clientToken: clientToken({ stack: this.stack, step, epoch: this.state.epoch, seq, inputs: request }),
      request,
      at: this.nowIso(),
      seq,
    };
    record.creates = seq + 1;
    record.intent = intent;
    record.status = 'pending';
    record.owned = true;
    record.outputs = undefined;
    record.lastError = undefined;
    record.updatedAt = this.nowIso();
    await this.save();
    return intent;
  }

  /**
   * After a failed create: a refusal (a non-transient cloud error) means nothing was created, so the next
   * create gets a new token; a transient failure or an interruption leaves the intent to be resumed.
   */
  async createFailed(step: InstanceId<ResourceStepId>, error: unknown): Promise<void> {
    const record = this.record(step);
    if (!record) return;
    if (record.intent && isCloudError(error) && !classifyError(error).retry) record.intent.refused = true;
    this.noteError(record, error);
    // Best effort: the cloud's error is what the user must see, not a failed write on top of it.
    await this.save().catch(() => undefined);
  }

  async createSucceeded<K extends ResourceStepId>(step: InstanceId<K>, outputs: StepOutputs[K]): Promise<void> {
    const record = this.ensure(step);
    record.outputs = outputs;
    record.status = 'created';
    record.owned = true;
    record.lastError = undefined;
    record.updatedAt = this.nowIso();
    await this.save();
  }

  /** Records a resource found in the cloud (adopted, or re-found after a lost state) as this step's. */
  async adopt<K extends ResourceStepId>(step: InstanceId<K>, outputs: StepOutputs[K], owned: boolean): Promise<void> {
    const record = this.ensure(step);
    record.outputs = outputs;
    record.owned = owned;
    if (record.status === 'pending') record.status = 'created';
    record.lastError = undefined;
    record.updatedAt = this.nowIso();
    await this.save();
  }

  async setOutputs<K extends ResourceStepId>(step: InstanceId<K>, outputs: StepOutputs[K]): Promise<void> {
    const record = this.ensure(step);
    record.outputs = outputs;
    record.updatedAt = this.nowIso();
    await this.save();
  }

  async markReady(step: InstanceId<ResourceStepId>): Promise<void> {
    const record = this.record(step);
    if (!record || record.status === 'ready') return;
    record.status = 'ready';
    record.lastError = undefined;
    record.updatedAt = this.nowIso();
    await this.save();
  }

  async noteFailure(step: InstanceId<ResourceStepId>, error: unknown): Promise<void> {
    const record = this.record(step);
    if (!record) return;
    this.noteError(record, error);
    await this.save();
  }

  private noteError(record: StepRecord<unknown>, error: unknown): void {
    if (!isAlbFcError(error)) return;
    record.lastError = {
      code: error.code,
      message: error.message,
      cloudCode: error.cloudCode,
      requestId: error.requestId,
      at: this.nowIso(),
    };
    record.updatedAt = this.nowIso();
  }

  /** Moves the current resource to `retired` (to be deleted once its replacement is ready). */
  async retire(step: InstanceId<ResourceStepId>): Promise<void> {
    const record = this.record(step);
    if (!record?.outputs) return;
    if (record.owned) record.retired = [...(record.retired ?? []), record.outputs];
    await this.forget(step);
  }

  /** Forgets the current resource (it is gone), keeping the create count so tokens stay fresh. */
  async forget(step: InstanceId<ResourceStepId>): Promise<void> {
    const record = this.record(step);
    if (!record) return;
    record.outputs = undefined;
    record.intent = undefined;
    record.status = 'pending';
    record.owned = true;
    record.updatedAt = this.nowIso();
    await this.save();
  }

  /** Records another resource of this step (found by tags besides the current one) for deletion. */
  async addRetired<K extends ResourceStepId>(step: InstanceId<K>, outputs: StepOutputs[K]): Promise<void> {
    const record = this.ensure(step);
    record.retired = [...(record.retired ?? []), outputs];
    record.updatedAt = this.nowIso();
    await this.save();
  }

  async dropRetired<K extends ResourceStepId>(step: InstanceId<K>, retired: StepOutputs[K]): Promise<void> {
    const record = this.record(step);
    if (!record?.retired) return;
    const key = JSON.stringify(retired);
    record.retired = record.retired.filter((item) => JSON.stringify(item) !== key);
    if (record.retired.length === 0) record.retired = undefined;
    record.updatedAt = this.nowIso();
    await this.save();
  }

  /** Removes the step's record entirely (its resource was deleted or released). */
  async removeRecord(step: InstanceId<ResourceStepId>): Promise<void> {
    if (!this.state.steps[step]) return;
    delete (this.state.steps as Record<string, unknown>)[step];
    await this.save();
  }

  async setLookup(outputs: LookupOutputs): Promise<void> {
    const previous = this.state.lookup?.outputs;
    if (previous && JSON.stringify(previous) === JSON.stringify(outputs)) return;
    this.state.lookup = { outputs, updatedAt: this.nowIso() };
    await this.save();
  }

  async setLastTest(outputs: TestOutputs): Promise<void> {
    this.state.lastTest = outputs;
    await this.save();
  }

  /** Waits for every save issued so far. */
  async flush(): Promise<void> {
    await this.chain;
  }

  isEmpty(): boolean {
    return Object.values(this.state.steps).every((record) => record === undefined);
  }
}

/**
 * The state as the steps of one instance see it: a step names records by kind (`record('serverGroup')`), and
 * reads and writes those of its own route or host (`serverGroup:users` from `server:users`).
 */
export function scopedSession(session: StateSession, step: InstanceId<ResourceStepId>): StepSession {
  const key = keyOf(step);
  const id = <K extends ResourceStepId>(kind: K): InstanceId<K> => instanceId(kindOf<K>(kind), key);
  return {
    stack: session.stack,
    epoch: session.epoch,
    record: (kind) => session.record(id(kind)),
    beginCreate: (kind, request) => session.beginCreate(id(kind), request),
    createFailed: (kind, error) => session.createFailed(id(kind), error),
    createSucceeded: (kind, outputs) => session.createSucceeded(id(kind), outputs),
    adopt: (kind, outputs, owned) => session.adopt(id(kind), outputs, owned),
    setOutputs: (kind, outputs) => session.setOutputs(id(kind), outputs),
    retire: (kind) => session.retire(id(kind)),
    forget: (kind) => session.forget(id(kind)),
    addRetired: (kind, outputs) => session.addRetired(id(kind), outputs),
  };
}
