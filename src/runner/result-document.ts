// The contract's `--json` document: exactly one per command, on stdout (README.md, "Exit codes" and below).
// It is built from a run report; nothing secret is in a report, so nothing secret can reach the document.
import type { AlbFcError } from '../errors.js';
import type { LoadResult } from '../steps/load-test.js';
import type { PlanEntry } from './events.js';
import type { ReportedResources, RunReport, RunStatus, StatusEntry } from './report.js';
import type { StackTree } from './stack-tree.js';

/** A report row as the document writes it: the step's id as `resource`, without its title. */
type DocumentRow<Row extends { step: string; title: string }> = Omit<Row, 'step' | 'title'> & { resource: string };

/** A failure as the document reports it: alb-fc's code, the cloud's code and RequestId, what to do. */
export interface ErrorSummary {
  code: string;
  message: string;
  hint?: string;
  cloudCode?: string;
  requestId?: string;
  step?: string;
}

/**
 * `test --load` (issue 10): `requests`, `ok`, `throttled` (429), `errors` by status, `qps` (served requests per
 * second) and `latencyMs` of the served requests, as the contract names them; then how it ran and why.
 */
export interface LoadDocument {
  requests: number;
  ok: number;
  throttled: number;
  errors: Record<string, number>;
  qps: number;
  latencyMs?: { p50: number; p90: number; p99: number; max: number; min: number; mean: number };
  attemptsPerSecond: number;
  concurrency: number;
  durationMs: number;
  histogram: Array<{ fromMs: number; toMs: number; count: number }>;
  /** The limit that throttled requests, when some were. */
  limit?: string;
  targetQps?: number;
  instancesNeeded?: number;
  explanation: string[];
}

export function loadDocument(load: LoadResult): LoadDocument {
  const latency = load.latencyMs;
  return {
    requests: load.requests,
    ok: load.ok,
    throttled: load.throttled,
    errors: load.errors,
    qps: load.qps,
    ...(latency
      ? {
          latencyMs: {
            p50: latency.p50,
            p90: latency.p90,
            p99: latency.p99,
            max: latency.max,
            min: latency.min,
            mean: latency.mean,
          },
        }
      : {}),
    attemptsPerSecond: load.attemptsPerSecond,
    concurrency: load.concurrency,
    durationMs: load.durationMs,
    histogram: load.histogram,
    ...(load.advice.limit ? { limit: load.advice.limit } : {}),
    ...(load.advice.targetQps !== undefined ? { targetQps: load.advice.targetQps } : {}),
    ...(load.advice.instancesNeeded !== undefined ? { instancesNeeded: load.advice.instancesNeeded } : {}),
    explanation: load.advice.lines,
  };
}

export interface ResultDocument {
  schemaVersion: 1;
  command: string;
  status: RunStatus;
  stack: string;
  region: string;
  resources: ReportedResources;

  test?: {
    url: string;
    via: 'dns' | 'alb-host-header';
    status: number;
    body: string;
    curl?: string;
    load?: LoadDocument;
  };
  durationMs: number;
  error?: ErrorSummary;
  /** Every failure when more than one step failed (`error` is the one that decided the exit code). */
  errors?: ErrorSummary[];
  /** `plan`: one entry per step, and how many steps take each action. */
  plan?: {
    changes: Array<DocumentRow<PlanEntry>>;
    summary: Record<string, number>;
  };
  /** `status`: each resource of the state, live. */
  resourceStatus?: Array<DocumentRow<StatusEntry>>;
  /**
   * `deploy`, `init`, `status`, `destroy`, the one-step commands: the stack as a picture, host → listener → route
   * (rule) → server group → function, each resource with its live `state` or the run's `action`.
   */
  tree?: StackTree;
  /** `function invoke`: what the function answered. */
  invocation?: InvocationSummary;
}

/** One invocation, as the console's "Test Function" shows it: status, answer, log tail. */
export interface InvocationSummary {
  function: { name: string; qualifier: string; arn?: string };
  statusCode: number;
  requestId?: string;
  durationMs?: number;
  /** `x-fc-error-type`: the function failed, and the body is its error. */
  errorType?: string;
  /** The answer as UTF-8 text; `bodyBase64` instead when it is not text. */
  body?: string;
  bodyBase64?: string;
  /** The invocation's log tail, when FC returned it. */
  log?: string;
}

function errorEntry(error: AlbFcError): ErrorSummary {
  return {
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.cloudCode ? { cloudCode: error.cloudCode } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
    ...(error.step ? { step: error.step } : {}),
  };
}

export function toResultDocument(report: RunReport): ResultDocument {
  const doc: ResultDocument = {
    schemaVersion: 1,
    command: report.command,
    status: report.status,
    stack: report.stack,
    region: report.region,
    resources: report.resources,
    durationMs: report.durationMs,
  };
  if (report.test?.ok && report.test.via) {
    doc.test = {
      url: report.test.url,
      via: report.test.via,
      status: report.test.status,
      body: report.test.body,
      ...(report.test.curl ? { curl: report.test.curl } : {}),
      ...(report.test.load ? { load: loadDocument(report.test.load) } : {}),
    };
  }
  if (report.error) doc.error = errorEntry(report.error);
  if (report.errors.length > 1) doc.errors = report.errors.map(errorEntry);
  if (report.plan) {
    const summary: Record<string, number> = {};
    for (const entry of report.plan) summary[entry.action] = (summary[entry.action] ?? 0) + 1;
    doc.plan = {
      changes: report.plan.map((p) => ({
        resource: p.step,
        action: p.action,
        detail: p.detail,
        reasons: p.reasons,
        ...(p.hint ? { hint: p.hint } : {}),
      })),
      summary,
    };
  }
  if (report.resourceStatus) {
    doc.resourceStatus = report.resourceStatus.map((s) => ({
      resource: s.step,
      state: s.state,
      ...(s.id ? { id: s.id } : {}),
      ...(s.status ? { status: s.status } : {}),
      ...(s.owned !== undefined ? { owned: s.owned } : {}),
      details: s.details,
    }));
  }
  if (report.tree) doc.tree = report.tree;
  return doc;
}
