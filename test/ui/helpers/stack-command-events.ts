// Event sequences of the commands about a deployed stack (plan, status, destroy), shaped like runs on the local
// cloud, beside the deploy runs of events.ts: every renderer is checked against the same ones.
import type { RunnerEvent } from '../../../src/runner/events.js';
import type { ResultDocument } from '../../../src/runner/result-document.js';
import { ids, lookup, runStart, successDoc, T0 } from './events.js';
import { singleTree } from './trees.js';

/** `alb-fc plan` on a deployed stack whose memory and domain changed: the events, then the document. */
export const planRun: RunnerEvent[] = [
  { ...runStart, command: 'plan' } as RunnerEvent,
  ...lookup,
  {
    type: 'plan',
    reasons: [],
    step: 'dnsRecord',
    title: 'DNS CNAME',
    action: 'create',
    detail: `new.example.com → ${ids.albDns}`,
  },
  {
    type: 'plan',
    reasons: [],
    step: 'function',
    title: 'FC function',
    action: 'update',
    detail: 'hello-api (nodejs20)',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'serverGroup',
    title: 'Server group',
    action: 'unchanged',
    detail: ids.serverGroup,
  },
  {
    type: 'plan',
    reasons: [],
    step: 'server',
    title: 'Add backend',
    action: 'unchanged',
    detail: 'hello-api → sgp-abc123',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'listener',
    title: 'Listener',
    action: 'unchanged',
    detail: `HTTP:80 (${ids.listener})`,
  },
  { type: 'run-end', at: T0 + 500 },
];

export const planDoc: ResultDocument = {
  schemaVersion: 1,
  command: 'plan',
  // The runner says no_changes for a plan with pending changes (nothing was changed): the plan decides.
  status: 'no_changes',
  stack: 'default',
  region: 'cn-hangzhou',
  resources: {},
  durationMs: 500,
  plan: {
    changes: [
      {
        resource: 'function',
        action: 'update',
        detail: 'hello-api (nodejs20)',
        reasons: ['memory 128 MB → 512 MB'],
      },
      { resource: 'serverGroup', action: 'unchanged', detail: ids.serverGroup, reasons: ['tagged for this stack'] },
      { resource: 'server', action: 'unchanged', detail: 'hello-api → sgp-abc123', reasons: [] },
      { resource: 'listener', action: 'unchanged', detail: `HTTP:80 (${ids.listener})`, reasons: [] },
      {
        resource: 'dnsRecord',
        action: 'create',
        detail: `new.example.com → ${ids.albDns}`,
        reasons: ['the domain changed from api.example.com', 'no record on new.example.com yet'],
      },
    ],
    summary: { update: 1, unchanged: 3, create: 1 },
  },
};

export const unchangedPlanDoc: ResultDocument = {
  ...planDoc,
  plan: {
    changes: (planDoc.plan?.changes ?? []).map((c) => ({ ...c, action: 'unchanged' as const, reasons: [] })),
    summary: { unchanged: 5 },
  },
};

const statusStart: RunnerEvent = { ...runStart, command: 'status' } as RunnerEvent;
export const statusRun: RunnerEvent[] = [statusStart, { type: 'run-end', at: T0 + 300 }];

export const statusDoc: ResultDocument = {
  schemaVersion: 1,
  command: 'status',
  status: 'succeeded',
  stack: 'default',
  region: 'cn-hangzhou',
  resources: {},
  durationMs: 300,
  resourceStatus: [
    { resource: 'lookup', state: 'present', id: 'alb-seed0001', status: 'Active', details: [] },
    { resource: 'function', state: 'present', id: ids.functionArn, status: 'Active', owned: true, details: [] },
    { resource: 'serverGroup', state: 'present', id: ids.serverGroup, status: 'Available', owned: true, details: [] },
    {
      resource: 'server',
      state: 'present',
      id: `${ids.serverGroup}/${ids.functionArn}`,
      status: 'Available',
      owned: true,
      details: [],
    },
    { resource: 'listener', state: 'present', id: ids.listener, status: 'Running', owned: false, details: [] },
    { resource: 'dnsRecord', state: 'present', id: ids.record, status: 'ENABLE', owned: true, details: [] },
  ],
  tree: singleTree(
    { state: 'present' },
    {
      lookup: { state: 'present', status: 'Active' },
      listener: { state: 'present', status: 'Running', owned: false },
    },
  ),
};

/** Drift as the runner reports it: `partial` without an error, exit 0. */
export const driftedStatusDoc: ResultDocument = {
  ...statusDoc,
  status: 'partial',
  resourceStatus: (statusDoc.resourceStatus ?? []).map((s) =>
    s.resource === 'function'
      ? { ...s, state: 'drifted' as const, details: ['memory 128 MB, deployed 256 MB'] }
      : s.resource === 'dnsRecord'
        ? { ...s, state: 'missing' as const, details: [`record ${ids.record} on api.example.com does not exist`] }
        : s,
  ),
  tree: singleTree(
    { state: 'present' },
    {
      lookup: { state: 'present', status: 'Active' },
      listener: { state: 'present', status: 'Running', owned: false },
      function: { state: 'drifted', details: ['memory 128 MB, deployed 256 MB'] },
      dnsRecord: { state: 'missing', details: [`record ${ids.record} on api.example.com does not exist`] },
    },
  ),
};

export const noStateStatusDoc: ResultDocument = {
  ...statusDoc,
  status: 'no_changes',
  resourceStatus: [],
  tree: undefined,
};

/** `alb-fc destroy` in its order (CNAME first): deleted, gone already, kept because adopted, nothing recorded. */
export const destroyRun: RunnerEvent[] = [
  { ...runStart, command: 'destroy' } as RunnerEvent,
  { type: 'step-start', step: 'dnsRecord', title: 'DNS CNAME', at: T0 },
  { type: 'step-done', step: 'dnsRecord', action: 'deleted', summary: `api.example.com CNAME ${ids.albDns}`, ms: 50 },
  {
    type: 'step-skipped',
    step: 'listener',
    reason: 'adopted, not created by this stack: kept (--include-adopted deletes it)',
    outcome: 'skipped',
    action: 'skipped',
  },
  { type: 'step-start', step: 'server', title: 'Add backend', at: T0 },
  { type: 'step-wait', step: 'server', status: 'Removing', elapsedMs: 0, deadlineMs: 600_000 },
  { type: 'step-done', step: 'server', action: 'deleted', summary: `hello-api in ${ids.serverGroup}`, ms: 3000 },
  { type: 'step-skipped', step: 'serverGroup', reason: 'not found in the cloud', outcome: 'skipped', action: 'absent' },
  { type: 'step-start', step: 'function', title: 'FC function', at: T0 },
  { type: 'step-done', step: 'function', action: 'deleted', summary: 'hello-api', ms: 80 },
  { type: 'run-end', at: T0 + 3_500 },
];

export const destroyDoc: ResultDocument = {
  schemaVersion: 1,
  command: 'destroy',
  status: 'succeeded',
  stack: 'default',
  region: 'cn-hangzhou',
  resources: {
    function: { name: 'hello-api', arn: ids.functionArn, action: 'deleted' },
    server: { serverGroupId: ids.serverGroup, functionArn: ids.functionArn, action: 'deleted' },
    dnsRecord: { recordId: ids.record, domain: 'api.example.com', value: ids.albDns, action: 'deleted' },
  },
  durationMs: 3_500,
};

/** A second destroy: no state, nothing tagged. */
export const emptyDestroyRun: RunnerEvent[] = [
  { ...runStart, command: 'destroy' } as RunnerEvent,
  ...(['dnsRecord', 'listener', 'server', 'serverGroup', 'function'] as const).map((step): RunnerEvent => ({
    type: 'step-skipped',
    step,
    reason: 'nothing recorded',
    outcome: 'skipped',
    action: 'absent',
  })),
  { type: 'run-end', at: T0 + 100 },
];

export const emptyDestroyDoc: ResultDocument = { ...destroyDoc, status: 'no_changes', resources: {}, durationMs: 100 };

/** The confirmation answered No: the plan had changes, nothing ran. */
export const declinedDoc: ResultDocument = {
  ...successDoc,
  status: 'no_changes',
  resources: {},
  test: undefined,
  tree: undefined,
  plan: { changes: planDoc.plan?.changes ?? [], summary: planDoc.plan?.summary ?? {} },
};
