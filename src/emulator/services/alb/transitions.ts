import { finishTime, isDue } from './jobs.js';
import {
  serverKey,
  type JobRecord,
  type ListenerRecord,
  type RuleRecord,
  type ScopeState,
  type ServerGroupRecord,
} from './state.js';

// What each asynchronous call does when its job finishes (the status fields of the `@alicloud/alb20200616` list and
// get responses, ListAsynJobsResponseBody):
//   server group  Creating→Available, Configuring→Available, Deleting→gone
//   servers       Adding→Available, Removing→gone
//   listener      Provisioning→Running, Configuring→Running, Deleting→gone (the LB leaves Configuring)
//   rule          Provisioning→Available, Configuring→Available, Deleting→gone (the listener leaves Configuring)
// A job told to fail ends `Failed` and undoes the call: a create disappears, a delete or update returns
// to its steady state with the previous attributes, added servers go away, removed servers stay (assumption).

interface TransitionHooks {
  /** A listener stopped existing: close its data-plane server. */
  listenerGone(listener: ListenerRecord): void;
}

/** Finishes every job whose transition is over, oldest first. Call before any read or write. */
export function advance(scope: ScopeState, now: number, hooks: TransitionHooks): void {
  for (const job of scope.jobs) {
    if (!isDue(job, now)) continue;
    const failed = job.failWith !== undefined;
    job.Status = failed ? 'Failed' : 'Succeeded';
    job.ModifyTime = finishTime(job);
    if (job.failWith) {
      job.ErrorCode = job.failWith.code;
      job.ErrorMessage = job.failWith.message;
    }
    // Every job comes from one of these actions (their handlers are the only callers of startJob).
    EFFECTS[job.ApiName]?.(scope, job, !failed, hooks);
    delete job.rollback;
  }
}

type Effect = (scope: ScopeState, job: JobRecord, succeeded: boolean, hooks: TransitionHooks) => void;

const EFFECTS: Record<string, Effect> = {
  CreateServerGroup: (scope, job, ok) => {
    const group = heldGroup(scope, job);
    if (!group) return;
    if (ok) settleGroup(group);
    else scope.serverGroups = scope.serverGroups.filter((g) => g !== group);
  },
  DeleteServerGroup: (scope, job, ok) => {
    const group = heldGroup(scope, job);
    if (!group) return;
    if (ok) scope.serverGroups = scope.serverGroups.filter((g) => g !== group);
    else settleGroup(group);
  },
  UpdateServerGroupAttribute: (scope, job, ok) => {
    const group = heldGroup(scope, job);
    if (!group) return;
    if (!ok && job.rollback)
      Object.assign(group, job.rollback as Partial<ServerGroupRecord>, { servers: group.servers });
    settleGroup(group);
  },
  AddServersToServerGroup: (scope, job, ok) => {
    const group = heldGroup(scope, job);
    if (!group) return;
    const added = new Set(job.targets ?? []);
    if (ok) for (const server of group.servers) if (added.has(serverKey(server))) server.Status = 'Available';
    if (!ok) group.servers = group.servers.filter((s) => !(added.has(serverKey(s)) && s.Status === 'Adding'));
    settleGroup(group);
  },
  RemoveServersFromServerGroup: (scope, job, ok) => {
    const group = heldGroup(scope, job);
    if (!group) return;
    const removed = new Set(job.targets ?? []);
    if (ok) group.servers = group.servers.filter((s) => !(removed.has(serverKey(s)) && s.Status === 'Removing'));
    else for (const server of group.servers) if (removed.has(serverKey(server))) server.Status = 'Available';
    settleGroup(group);
  },
  CreateListener: (scope, job, ok, hooks) => {
    releaseLoadBalancer(scope, job);
    const listener = heldListener(scope, job);
    if (!listener) return;
    if (ok) settleListener(listener);
    else removeListener(scope, listener, hooks);
  },
  DeleteListener: (scope, job, ok, hooks) => {
    releaseLoadBalancer(scope, job);
    const listener = heldListener(scope, job);
    if (!listener) return;
    if (ok) removeListener(scope, listener, hooks);
    else settleListener(listener);
  },
  UpdateListenerAttribute: (scope, job, ok) => {
    const listener = heldListener(scope, job);
    if (!listener) return;
    if (!ok && job.rollback) {
      const port = listener.dataPlanePort;
      Object.assign(listener, job.rollback as Partial<ListenerRecord>, { dataPlanePort: port });
    }
    settleListener(listener);
  },
  CreateRule: (scope, job, ok) => settleRules(scope, job, ok ? 'keep' : 'remove'),
  CreateRules: (scope, job, ok) => settleRules(scope, job, ok ? 'keep' : 'remove'),
  UpdateRuleAttribute: (scope, job, ok) => {
    if (!ok && Array.isArray(job.rollback)) {
      for (const before of job.rollback as RuleRecord[]) {
        const rule = scope.rules.find((r) => r.id === before.id);
        if (rule) Object.assign(rule, before);
      }
    }
    settleRules(scope, job, 'keep');
  },
  DeleteRule: (scope, job, ok) => settleRules(scope, job, ok ? 'remove' : 'keep'),
};

function heldGroup(scope: ScopeState, job: JobRecord): ServerGroupRecord | undefined {
  return scope.serverGroups.find((g) => g.id === job.ResourceId && g.jobId === job.Id);
}

function heldListener(scope: ScopeState, job: JobRecord): ListenerRecord | undefined {
  return scope.listeners.find((l) => l.id === job.ResourceId && l.jobId === job.Id);
}

function settleGroup(group: ServerGroupRecord): void {
  group.status = 'Available';
  delete group.jobId;
}

function settleListener(listener: ListenerRecord): void {
  listener.status = 'Running';
  delete listener.jobId;
}

function releaseLoadBalancer(scope: ScopeState, job: JobRecord): void {
  for (const lb of scope.loadBalancers) if (lb.jobId === job.Id) delete lb.jobId;
}

function removeListener(scope: ScopeState, listener: ListenerRecord, hooks: TransitionHooks): void {
  scope.listeners = scope.listeners.filter((l) => l !== listener);
  scope.rules = scope.rules.filter((r) => r.listenerId !== listener.id);
  hooks.listenerGone(listener);
}

/** Rule jobs hold their rules and their listener (Configuring while they run). */
function settleRules(scope: ScopeState, job: JobRecord, outcome: 'keep' | 'remove'): void {
  const held = scope.rules.filter((r) => r.jobId === job.Id);
  if (outcome === 'remove') scope.rules = scope.rules.filter((r) => r.jobId !== job.Id);
  for (const rule of held) {
    rule.status = 'Available';
    delete rule.jobId;
  }
  for (const listener of scope.listeners) if (listener.jobId === job.Id) settleListener(listener);
}
