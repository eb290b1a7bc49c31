// Event sequences every renderer is fed, shaped like a deploy on the local cloud. One source of truth, so the
// tty, plain and json renderers are checked against the same runs.
import { CloudError } from '../../../src/cloud/errors.js';
import { AlbFcError, ExitCode, interruptedError } from '../../../src/errors.js';
import type { RunnerEvent } from '../../../src/runner/events.js';
import type { ResultDocument } from '../../../src/runner/result-document.js';
import { singleTree } from './trees.js';

export const T0 = Date.parse('2025-01-02T03:04:05.000Z');
export const fixedNow = (): number => T0;

export const ids = {
  functionArn: 'acs:fc:cn-hangzhou:1234567890123456:functions/hello-api',
  serverGroup: 'sgp-abc123',
  listener: 'lsn-xyz789',
  record: '9876543210',
  albDns: 'alb-seed0001.cn-hangzhou.alb.aliyuncs.com',
  curl: "curl -sS -H 'Host: api.example.com' http://127.0.0.1:40125/",
};

export const secrets = {
  accessKeySecret: 'Zk3cR3t/V4lu3+Th4tMustN3v3rShow',
  stsToken: `CAIS${'Qm9ndXNTdHNUb2tlbkZvclRlc3Rz'.repeat(4)}`,
};

export const runStart: RunnerEvent = {
  type: 'run-start',
  command: 'deploy',
  stack: 'default',
  region: 'cn-hangzhou',
  endpoint: 'http://127.0.0.1:40123',
  local: true,
  at: T0,
};

const plan: RunnerEvent[] = [
  {
    type: 'plan',
    reasons: [],
    step: 'function',
    title: 'FC function',
    action: 'create',
    detail: 'hello-api (nodejs20, 512 MB)',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'serverGroup',
    title: 'Server group',
    action: 'create',
    detail: 'alb-fc-default (type Fc)',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'server',
    title: 'Add backend',
    action: 'create',
    detail: 'hello-api → server group',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'listener',
    title: 'Listener',
    action: 'create',
    detail: 'HTTP:80 on alb-seed0001',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'dnsRecord',
    title: 'DNS CNAME',
    action: 'create',
    detail: `api.example.com → ${ids.albDns}`,
  },
];

const firstThree: RunnerEvent[] = [
  { type: 'step-start', step: 'function', title: 'FC function', at: T0 },
  { type: 'step-resource', step: 'function', id: 'hello-api', detail: ids.functionArn },
  { type: 'step-done', step: 'function', action: 'created', summary: `hello-api ${ids.functionArn}`, ms: 4100 },
  { type: 'step-start', step: 'serverGroup', title: 'Server group', at: T0 },
  { type: 'step-resource', step: 'serverGroup', id: ids.serverGroup },
  { type: 'step-wait', step: 'serverGroup', status: 'Creating', elapsedMs: 0, deadlineMs: 600_000 },
  { type: 'step-done', step: 'serverGroup', action: 'created', summary: `${ids.serverGroup} (type Fc)`, ms: 1200 },
  { type: 'step-start', step: 'server', title: 'Add backend', at: T0 },
  { type: 'step-done', step: 'server', action: 'created', summary: `hello-api → ${ids.serverGroup}`, ms: 900 },
  { type: 'step-start', step: 'listener', title: 'Listener', at: T0 },
  { type: 'step-resource', step: 'listener', id: ids.listener, detail: 'HTTP:80 on alb-seed0001' },
  { type: 'step-wait', step: 'listener', status: 'Provisioning', elapsedMs: 0, deadlineMs: 600_000 },
];

export const success: RunnerEvent[] = [
  runStart,
  ...plan,
  ...firstThree,
  { type: 'step-wait', step: 'listener', status: 'Provisioning', elapsedMs: 35_000, deadlineMs: 600_000 },
  { type: 'step-done', step: 'listener', action: 'created', summary: `${ids.listener} HTTP:80`, ms: 36_000 },
  { type: 'step-start', step: 'dnsRecord', title: 'DNS CNAME', at: T0 },
  { type: 'step-resource', step: 'dnsRecord', id: ids.record },
  { type: 'step-done', step: 'dnsRecord', action: 'created', summary: `api.example.com → ${ids.albDns}`, ms: 300 },
  // What the runner sends for the connectivity test: no resource, so its action is a placeholder.
  { type: 'step-start', step: 'test', title: 'Connectivity test', at: T0 },
  { type: 'step-done', step: 'test', action: 'unchanged', summary: 'HTTP 200 via DNS', ms: 183 },
  { type: 'run-end', at: T0 + 43_000 },
];

export const successDoc: ResultDocument = {
  schemaVersion: 1,
  command: 'deploy',
  status: 'succeeded',
  stack: 'default',
  region: 'cn-hangzhou',
  resources: {
    function: { name: 'hello-api', arn: ids.functionArn, action: 'created' },
    serverGroup: { id: ids.serverGroup, action: 'created' },
    server: { serverGroupId: ids.serverGroup, functionArn: ids.functionArn, action: 'created' },
    listener: { id: ids.listener, port: 80, action: 'created' },
    dnsRecord: { recordId: ids.record, domain: 'api.example.com', value: ids.albDns, action: 'created' },
  },
  test: { url: 'http://api.example.com/', via: 'dns', status: 200, body: 'hello world', curl: ids.curl },
  durationMs: 43_000,
  tree: singleTree({ action: 'created' }),
};

export const forbidden = new CloudError({
  service: 'alb',
  action: 'CreateListener',
  cloudCode: 'Forbidden.RAM',
  message: 'User not authorized to operate on the specified resource.',
  httpStatus: 403,
  requestId: 'REQ-FORBID-0001',
});
forbidden.step = 'listener';

export const cloudFailure: RunnerEvent[] = [
  runStart,
  ...plan,
  ...firstThree.slice(0, -3),
  { type: 'step-start', step: 'listener', title: 'Listener', at: T0 },
  { type: 'step-retry', step: 'listener', cloudCode: 'Throttling.User', attempt: 2, delayMs: 2000 },
  { type: 'step-failed', step: 'listener', error: forbidden, ms: 2500 },
  { type: 'run-end', at: T0 + 9_000 },
];

function failedDoc(error: AlbFcError): ResultDocument {
  const { test: _test, ...rest } = successDoc;
  const { listener: _l, dnsRecord: _d, ...resources } = successDoc.resources;
  return {
    ...rest,
    status: 'failed',
    resources,
    durationMs: 9_000,
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.cloudCode === undefined ? {} : { cloudCode: error.cloudCode }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      ...(error.step === undefined ? {} : { step: error.step }),
    },
  };
}

export const cloudFailureDoc = failedDoc(forbidden);

export const waitTimeout = new AlbFcError({
  code: 'WAIT_TIMEOUT',
  message: `listener ${ids.listener} still Provisioning after 10m (last observed: Provisioning)`,
  hint: 'Run the same command with a longer --wait-timeout.',
  exitCode: ExitCode.timeout,
  step: 'listener',
});

export const timeout: RunnerEvent[] = [
  runStart,
  ...plan,
  ...firstThree,
  { type: 'step-wait', step: 'listener', status: 'Provisioning', elapsedMs: 600_000, deadlineMs: 600_000 },
  { type: 'step-failed', step: 'listener', error: waitTimeout, ms: 600_100 },
  { type: 'run-end', at: T0 + 610_000 },
];

export const timeoutDoc = failedDoc(waitTimeout);

/** Polls of one wait: status changes are always shown, same-status polls at most every 15 s of wait time. */
export const heartbeats: RunnerEvent[] = [
  runStart,
  { type: 'step-start', step: 'listener', title: 'Listener', at: T0 },
  { type: 'step-resource', step: 'listener', id: ids.listener },
  ...[0, 5_000, 10_000, 15_000, 20_000, 29_000, 31_000, 45_000, 46_000].map((elapsedMs): RunnerEvent => ({
    type: 'step-wait',
    step: 'listener',
    status: 'Provisioning',
    elapsedMs,
    deadlineMs: 600_000,
  })),
  { type: 'step-wait', step: 'listener', status: 'Running', elapsedMs: 47_000, deadlineMs: 600_000 },
  { type: 'step-done', step: 'listener', action: 'created', summary: ids.listener, ms: 47_100 },
  { type: 'run-end', at: T0 + 48_000 },
];

export const apiCalls: RunnerEvent[] = [
  { type: 'api-call', service: 'fc', action: 'CreateFunction', ms: 120, requestId: 'REQ-FC-1', status: 200 },
  {
    type: 'api-call',
    service: 'alb',
    action: 'CreateServerGroup',
    ms: 48,
    requestId: 'REQ-ALB-2',
    cloudCode: 'Throttling.User',
    status: 400,
  },
];

/** Lines a misbehaving adapter could let through; the redaction guard must mask them. */
export const leaky: RunnerEvent[] = [
  { type: 'warning', message: `signing with secret ${secrets.accessKeySecret}` },
  { type: 'info', message: `token=${secrets.stsToken}` },
  { type: 'info', message: `encoded ${encodeURIComponent(secrets.accessKeySecret)}` },
];

export const interrupted = interruptedError('listener');

export const lookup: RunnerEvent[] = [
  { type: 'step-start', step: 'lookup', title: 'Lookup', at: T0 },
  {
    type: 'step-done',
    step: 'lookup',
    action: 'unchanged',
    summary: `alb-seed0001 → ${ids.albDns}; zone example.com`,
    ms: 40,
  },
];

/**
 * A deploy as the runner really orders it: plans arrive as each step is planned (in parallel), and independent
 * steps start together, so the function starts after the server group and the CNAME.
 */
export const parallel: RunnerEvent[] = [
  runStart,
  ...lookup,
  {
    type: 'plan',
    reasons: [],
    step: 'serverGroup',
    title: 'Server group',
    action: 'create',
    detail: 'alb-fc-default (type Fc)',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'listener',
    title: 'Listener',
    action: 'create',
    detail: 'HTTP:80 on alb-seed0001',
  },
  {
    type: 'plan',
    reasons: [],
    step: 'dnsRecord',
    title: 'DNS CNAME',
    action: 'unchanged',
    detail: `api.example.com → ${ids.albDns}`,
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
    step: 'server',
    title: 'Add backend',
    action: 'create',
    detail: 'hello-api → the new group',
  },
  { type: 'step-start', step: 'serverGroup', title: 'Server group', at: T0 },
  { type: 'step-start', step: 'dnsRecord', title: 'DNS CNAME', at: T0 },
  { type: 'step-start', step: 'function', title: 'FC function', at: T0 },
  { type: 'step-resource', step: 'serverGroup', id: ids.serverGroup, detail: `${ids.serverGroup} (type Fc)` },
  { type: 'step-done', step: 'dnsRecord', action: 'unchanged', summary: `api.example.com → ${ids.albDns}`, ms: 10 },
  { type: 'step-done', step: 'serverGroup', action: 'created', summary: `${ids.serverGroup} (type Fc)`, ms: 1200 },
  { type: 'step-start', step: 'listener', title: 'Listener', at: T0 },
  { type: 'step-done', step: 'function', action: 'updated', summary: 'hello-api', ms: 4100 },
  { type: 'step-start', step: 'server', title: 'Add backend', at: T0 },
  {
    type: 'step-resource',
    step: 'server',
    id: `${ids.serverGroup}/${ids.functionArn}`,
    detail: `${ids.functionArn} in ${ids.serverGroup}`,
  },
  {
    type: 'step-done',
    step: 'server',
    action: 'created',
    summary: `${ids.functionArn} in ${ids.serverGroup}`,
    ms: 900,
  },
  { type: 'step-done', step: 'listener', action: 'created', summary: `${ids.listener} HTTP:80`, ms: 6000 },
  { type: 'step-start', step: 'test', title: 'Connectivity test', at: T0 },
  { type: 'step-done', step: 'test', action: 'unchanged', summary: 'HTTP 200 via DNS', ms: 183 },
  { type: 'run-end', at: T0 + 8_000 },
];

/** Re-running a deployed stack: every step unchanged. */
export const noChangesDoc: ResultDocument = {
  ...successDoc,
  status: 'no_changes',
  resources: Object.fromEntries(
    Object.entries(successDoc.resources).map(([k, v]) => [k, { ...v, action: 'unchanged' }]),
  ) as ResultDocument['resources'],
  tree: singleTree({ action: 'unchanged' }),
};

/** Ctrl-C while the listener waits: the runner fails the running steps with INTERRUPTED, then the result. */
export const interruptedRun: RunnerEvent[] = [
  ...success.slice(0, success.findIndex((e) => e.type === 'step-wait' && e.step === 'listener') + 1),
  { type: 'step-failed', step: 'listener', error: interruptedError('listener'), ms: 2_000 },
  { type: 'step-skipped', step: 'dnsRecord', reason: 'not run: listener did not succeed', outcome: 'blocked' },
  { type: 'step-skipped', step: 'test', reason: 'not run: not every resource is in place', outcome: 'blocked' },
  { type: 'run-end', at: T0 + 5_000 },
];

export const interruptedDoc: ResultDocument = {
  ...failedDoc(interruptedError('listener')),
  durationMs: 5_000,
};
