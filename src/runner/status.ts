// `alb-fc status`: the state, and a live read of each resource in it (present / missing / drifted).
import type { LookupOutputs } from '../state/schema.js';
import { RESOURCE_STEPS } from '../state/schema.js';
import { RESOURCE_STEP_MODULES, STEP_TITLES } from '../steps/registry.js';
import { inputFromState, withRun } from './command.js';
import type { RunReport, StatusEntry } from './report.js';
import { DEFAULT_WAIT_TIMEOUT_MS } from '../stack-input.js';
import type { EngineDeps } from './run.js';

/** `alb-fc status`: the state, and a live read of each resource in it: present, missing, drifted. */
export function status(stack: string, deps: EngineDeps): Promise<RunReport> {
  const region = deps.cloud.region;
  const waitTimeoutMs = DEFAULT_WAIT_TIMEOUT_MS;
  return withRun('status', stack, region, deps, waitTimeoutMs, async (run) => {
    const session = await run.open({ lock: false });
    const entries: StatusEntry[] = [];
    run.report.resourceStatus = entries;
    if (!run.hasState()) {
      run.emit({
        type: 'info',
        message: `no state for stack ${stack} (${deps.store.describe(stack)}): nothing deployed from here`,
      });
      run.statusOverride = 'no_changes';
      return;
    }
    const input = inputFromState(session.state, waitTimeoutMs);
    const recorded = session.state.lookup?.outputs;
    let lookupOut: LookupOutputs | undefined = recorded;
    if (recorded) {
      const ctx = run.context('lookup', input, {});
      const lb = await ctx.cloud.alb.getLoadBalancer(recorded.loadBalancerId);
      const details: string[] = [];
      if (lb && lb.dnsName !== recorded.dnsName) details.push(`DNS name ${lb.dnsName}, recorded ${recorded.dnsName}`);
      if (lb && lb.status !== 'Active') details.push(`the ALB is ${lb.status}`);
      entries.push({
        step: 'lookup',
        title: 'ALB',
        state: !lb ? 'missing' : details.length > 0 ? 'drifted' : 'present',
        id: recorded.loadBalancerId,
        ...(lb ? { status: lb.status } : {}),
        details: lb ? details : [`ALB ${recorded.loadBalancerId} does not exist`],
      });
      if (lb) lookupOut = { ...recorded, dnsName: lb.dnsName };
    }
    for (const id of RESOURCE_STEPS) {
      const record = session.record(id);
      if (!record) continue;
      const step = RESOURCE_STEP_MODULES[id];
      const ctx = run.context(id, input, lookupOut ? { lookup: lookupOut } : {});
      if (record.outputs) {
        const found = await step.inspect(ctx, record.outputs);
        entries.push({
          step: id,
          title: STEP_TITLES[id],
          state: found.state,
          id: step.resourceId(record.outputs),
          ...(found.status ? { status: found.status } : {}),
          owned: record.owned,
          details: found.details,
        });
      } else if (record.intent) {
        entries.push({
          step: id,
          title: STEP_TITLES[id],
          state: 'pending',
          details: [`a create was interrupted (${record.intent.at}); \`alb-fc deploy\` resumes it`],
        });
      }
      for (const retired of record.retired ?? []) {
        entries.push({
          step: id,
          title: STEP_TITLES[id],
          state: 'retired',
          id: step.resourceId(retired),
          details: ['replaced by an update and still to be deleted: `alb-fc deploy` finishes it'],
        });
      }
    }
    run.statusOverride = entries.every((e) => e.state === 'present') ? 'succeeded' : 'partial';
  });
}
