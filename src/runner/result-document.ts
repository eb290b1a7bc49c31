// The contract's `--json` document (src/result.ts), built from a run report. Nothing secret is in a report, so
// nothing secret can reach the document.
import type { AlbFcError } from '../errors.js';
import type { ErrorSummary, ResultDocument } from '../result.js';
import type { RunReport } from './report.js';

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
  return doc;
}
