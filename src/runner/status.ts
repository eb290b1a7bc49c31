// `alb-fc status`: the state, and a live read of each resource in it (present / missing / drifted). It works
// from the state alone: no step sees a StackInput here.
import { DEFAULT_WAIT_TIMEOUT_MS } from '../stack-input.js';
import { kindOf } from '../state/instance-ids.js';
import { stepOf } from '../steps/registry.js';
import type { Upstream } from '../steps/step.js';
import { STEP_NEEDS, stepTitle } from '../steps/vocabulary.js';
import { inProcedureOrder, type ResourceRef } from './planning.js';
import { inCommandFrame } from './command-frame.js';
import type { RunReport, StatusEntry } from './report.js';
import type { EngineDeps, RunContext } from './run-context.js';

/** `alb-fc status`: the state, and a live read of each resource in it: present, missing, drifted. */
export function status(stack: string, deps: EngineDeps): Promise<RunReport> {
  const frame = { command: 'status', stack, region: deps.cloud.region, waitTimeoutMs: DEFAULT_WAIT_TIMEOUT_MS };
  return inCommandFrame(frame, deps, async (run) => {
    const session = await run.open({ lock: false });
    const entries: StatusEntry[] = [];
    run.report.setResourceStatus(entries);
    if (!run.hasState()) {
      run.emit({
        type: 'info',
        message: `no state for stack ${stack} (${deps.store.describe(stack)}): nothing deployed from here`,
      });
      run.report.statusOverride = 'no_changes';
      return;
    }
    const recorded = session.state.lookup?.outputs;
    // Every read goes out at once (issue 12): the resources are inspected against the recorded ALB, and those that
    // read the ALB's DNS name again only when the live one differs.
    const ids = inProcedureOrder(session.instances());
    const lbRead = recorded ? run.stepContext('lookup').cloud.alb.getLoadBalancer(recorded.loadBalancerId) : undefined;
    const rowsRead = Promise.all(ids.map((id) => statusOf(run, id, recorded ? { lookup: recorded } : {})));
    const [lb, rows] = await Promise.all([lbRead, rowsRead]);
    if (recorded) {
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
      if (lb && lb.dnsName !== recorded.dnsName) {
        const live: Upstream = { lookup: { ...recorded, dnsName: lb.dnsName } };
        for (const [i, id] of ids.entries()) {
          if (STEP_NEEDS[kindOf(id)].includes('lookup')) rows[i] = await statusOf(run, id, live);
        }
      }
    }
    for (const row of rows) entries.push(...row);
    run.report.statusOverride = entries.every((e) => e.state === 'present') ? 'succeeded' : 'partial';
  });
}

/** The rows of one step: its resource read live, an interrupted create, what an update replaced. */
async function statusOf(run: RunContext, id: ResourceRef, upstream: Upstream): Promise<StatusEntry[]> {
  const record = run.session.record(id);
  if (!record) return [];
  const step = stepOf(kindOf(id));
  const entries: StatusEntry[] = [];
  if (record.outputs) {
    const found = await step.inspect(run.stepContext(id, upstream), record.outputs);
    entries.push({
      step: id,
      title: stepTitle(id),
      state: found.state,
      id: step.resourceId(record.outputs),
      ...(found.status ? { status: found.status } : {}),
      owned: record.owned,
      details: found.details,
    });
  } else if (record.intent) {
    entries.push({
      step: id,
      title: stepTitle(id),
      state: 'pending',
      details: [`a create was interrupted (${record.intent.at}); \`alb-fc deploy\` resumes it`],
    });
  }
  for (const retired of record.retired ?? []) {
    entries.push({
      step: id,
      title: stepTitle(id),
      state: 'retired',
      id: step.resourceId(retired),
      details: ['replaced by an update and still to be deleted: `alb-fc deploy` finishes it'],
    });
  }
  return entries;
}
