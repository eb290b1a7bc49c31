// `alb-fc destroy`: the reverse of deploy, for what the stack created. It works from the state alone (and,
// without one, from what carries the stack's tags): no step sees a StackInput here.
import { DEFAULT_WAIT_TIMEOUT_MS, type StackInput } from '../stack-input.js';
import { keyOf, kindOf } from '../state/instance-ids.js';
import { stepOf } from '../steps/registry.js';
import type { Upstream } from '../steps/step.js';
import { RESOURCE_STEPS, stepTitle } from '../steps/vocabulary.js';
import { inTeardownOrder, type ResourceRef } from './planning.js';
import { inCommandFrame } from './command-frame.js';
import { discoverByTags } from './discovery.js';
import type { RunReport } from './report.js';
import type { EngineDeps, RunContext } from './run-context.js';

export interface DestroyOptions {
  /** Also delete resources the stack adopted (found, not created). */
  includeAdopted: boolean;
  /** The stack's configuration, when the CLI has one: narrows the search by tags when there is no state. */
  input?: StackInput;
  waitTimeoutMs?: number;
}

/**
 * `alb-fc destroy`: reverse order (CNAME, listener, membership, server group, function), only what the stack
 * created unless `includeAdopted`, skipping what is gone; re-runnable. Without a state file it finds the stack's
 * resources by their tags first.
 */
export function destroy(stack: string, deps: EngineDeps, options: DestroyOptions): Promise<RunReport> {
  const region = options.input?.region ?? deps.cloud.region;
  const waitTimeoutMs = options.waitTimeoutMs ?? options.input?.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  return inCommandFrame({ command: 'destroy', stack, region, waitTimeoutMs }, deps, async (run) => {
    const session = await run.open({ lock: true });
    const lookupOut = session.state.lookup?.outputs;
    const upstream: Upstream = lookupOut ? { lookup: lookupOut } : {};
    if (!run.hasState()) {
      const found = await discoverByTags(run.stepContext('lookup', upstream), options.input);
      run.emit({
        type: 'info',
        message:
          found > 0
            ? `no state for stack ${stack}: found ${found} resource(s) by the stack's tags`
            : `no state for stack ${stack}, and nothing in the cloud carries its tags: nothing to destroy`,
      });
      if (!options.input?.dns) {
        run.emit({
          type: 'warning',
          message: 'without the state or --domain, a DNS record of this stack cannot be found',
        });
      }
    }
    const teardown: Teardown = { failed: new Set(), keptListenerGroups: [] };
    // Every step of the procedure gets a row, "nothing recorded" when the state has none of its kind.
    const instances = session.instances();
    const unrecorded = PROCEDURE_KINDS.filter((kind) => !instances.some((id) => kindOf(id) === kind));
    for (const id of inTeardownOrder([...instances, ...unrecorded])) {
      await destroyStep(run, id, upstream, options, teardown);
    }
    if (teardown.failed.size === 0 && session.isEmpty()) {
      await session.flush();
      await deps.store.remove(stack);
    }
  });
}

const PROCEDURE_KINDS = RESOURCE_STEPS.filter((kind) => kind !== 'rule');

/** What the steps destroyed so far mean for the next ones (their parents). */
interface Teardown {
  failed: Set<ResourceRef>;
  /** The server groups that kept (adopted) listeners or rules still forward to. */
  keptListenerGroups: string[];
}

/** Why a resource must stay although it is the stack's: something that uses it could not be removed. */
function blockerOf(id: ResourceRef, resourceId: string, teardown: Teardown): string | undefined {
  const failed = [...teardown.failed];
  const key = keyOf(id);
  const failedOf = (kind: string) => failed.some((f) => kindOf(f) === kind && (kind !== 'server' || keyOf(f) === key));
  if (kindOf(id) === 'serverGroup') {
    if (failedOf('listener') || failedOf('rule') || failedOf('server')) {
      return 'the listener, a rule or the membership could not be removed';
    }
    if (teardown.keptListenerGroups.includes(resourceId)) return 'a kept (adopted) listener still forwards to it';
  }
  if (kindOf(id) === 'function' && failedOf('server')) return 'it could not be removed from the server group';
  return undefined;
}

async function destroyStep(
  run: RunContext,
  id: ResourceRef,
  upstream: Upstream,
  options: DestroyOptions,
  teardown: Teardown,
): Promise<void> {
  const { session } = run;
  const step = stepOf(kindOf(id));
  const ctx = run.stepContext(id, upstream);
  const startedAt = run.deps.clock.now();
  try {
    const record = session.record(id);
    for (const retired of record?.retired ?? []) {
      await step.remove(ctx, retired);
      await session.dropRetired(id, retired);
    }
    if (!record) {
      run.report.stepSkipped(id, 'nothing recorded', 'skipped', 'absent');
      return;
    }
    const outputs = record.outputs ?? (record.intent ? await step.locate(ctx, record) : undefined);
    if (!outputs) {
      await session.removeRecord(id);
      run.report.stepSkipped(id, 'not found in the cloud', 'skipped', 'absent');
      return;
    }
    const recorded = outputs;
    if ('mode' in recorded && recorded.mode === 'existing') {
      await session.removeRecord(id);
      run.report.stepSkipped(id, 'given by --function-arn: alb-fc never deletes it', 'skipped', 'skipped');
      return;
    }
    if (!record.owned && !options.includeAdopted) {
      if ('port' in recorded) teardown.keptListenerGroups.push(recorded.serverGroupId);
      run.report.stepSkipped(
        id,
        'adopted, not created by this stack: kept (--include-adopted deletes it)',
        'skipped',
        'skipped',
      );
      return;
    }
    const blocker = blockerOf(id, step.resourceId(outputs), teardown);
    if (blocker) {
      teardown.failed.add(id);
      run.report.stepSkipped(id, `kept: ${blocker}`, 'blocked');
      run.emit({
        type: 'warning',
        step: id,
        message: `${stepTitle(id)} ${step.resourceId(outputs)} kept: ${blocker}`,
      });
      return;
    }
    run.report.stepStarted(id);
    const answer = await step.remove(ctx, outputs);
    await session.removeRecord(id);
    const action = answer === 'deleted' ? 'deleted' : 'absent';
    run.report.resource(id, outputs, action);
    run.report.stepDone(id, startedAt, action, step.describe(outputs), step.resourceId(outputs));
  } catch (error) {
    teardown.failed.add(id);
    run.report.stepFailed(id, startedAt, error);
  }
}
