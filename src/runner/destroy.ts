// `alb-fc destroy`: the reverse of deploy, for what the stack created.
import { DEFAULT_WAIT_TIMEOUT_MS, type StackInput } from '../stack-input.js';
import type { ResourceStepId } from '../state/schema.js';
import { DESTROY_ORDER, RESOURCE_STEP_MODULES, STEP_TITLES } from '../steps/registry.js';
import { inputFromState, withRun } from './command.js';
import { discoverByTags } from './discovery.js';
import { resourceEntry } from './phases.js';
import type { RunReport } from './report.js';
import type { EngineDeps } from './run.js';

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
  return withRun('destroy', stack, region, deps, waitTimeoutMs, async (run) => {
    const session = await run.open({ lock: true });
    const input = options.input ?? inputFromState(session.state, waitTimeoutMs);
    const lookupOut = session.state.lookup?.outputs;
    const upstream = lookupOut ? { lookup: lookupOut } : {};
    if (!run.hasState()) {
      const found = await discoverByTags(run.context('lookup', input, upstream), options.input);
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
    const failed = new Set<ResourceStepId>();
    const keptListeners: string[] = [];
    for (const id of DESTROY_ORDER) {
      const step = RESOURCE_STEP_MODULES[id];
      const ctx = run.context(id, input, upstream);
      const startedAt = run.deps.clock.now();
      try {
        const record = session.record(id);
        for (const retired of record?.retired ?? []) {
          await step.remove(ctx, retired);
          await session.dropRetired(id, retired);
        }
        if (!record) {
          run.stepSkipped(id, 'nothing recorded', 'skipped', 'absent');
          continue;
        }
        const outputs = record.outputs ?? (record.intent ? await step.locate(ctx, record) : undefined);
        if (!outputs) {
          await session.removeRecord(id);
          run.stepSkipped(id, 'not found in the cloud', 'skipped', 'absent');
          continue;
        }
        if (id === 'function' && (outputs as { mode?: string }).mode === 'existing') {
          await session.removeRecord(id);
          run.stepSkipped(id, 'given by --function-arn: alb-fc never deletes it', 'skipped', 'skipped');
          continue;
        }
        if (!record.owned && !options.includeAdopted) {
          if (id === 'listener') keptListeners.push((outputs as { serverGroupId: string }).serverGroupId);
          run.stepSkipped(
            id,
            'adopted, not created by this stack: kept (--include-adopted deletes it)',
            'skipped',
            'skipped',
          );
          continue;
        }
        const blocker =
          id === 'serverGroup'
            ? failed.has('listener') || failed.has('server')
              ? 'the listener or the membership could not be removed'
              : keptListeners.includes((outputs as { id: string }).id)
                ? 'a kept (adopted) listener still forwards to it'
                : undefined
            : id === 'function' && failed.has('server')
              ? 'it could not be removed from the server group'
              : undefined;
        if (blocker) {
          failed.add(id);
          run.stepSkipped(id, `kept: ${blocker}`, 'blocked');
          run.emit({
            type: 'warning',
            step: id,
            message: `${STEP_TITLES[id]} ${step.resourceId(outputs)} kept: ${blocker}`,
          });
          continue;
        }
        run.stepStarted(id);
        const answer = await step.remove(ctx, outputs);
        await session.removeRecord(id);
        const action = answer === 'deleted' ? 'deleted' : 'absent';
        resourceEntry(run, id, outputs, action);
        run.stepDone(id, startedAt, action, step.describe(outputs), step.resourceId(outputs));
      } catch (error) {
        failed.add(id);
        run.stepFailed(id, startedAt, error);
      }
    }
    if (failed.size === 0 && session.isEmpty()) {
      await session.flush();
      await deps.store.remove(stack);
    }
  });
}
