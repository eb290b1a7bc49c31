// The engine's public door, the only module of src/runner the CLI imports: deploy, plan, destroy, status and
// the one-step subcommands. Each resolves with a RunReport (a failure of the run is in it, never thrown):
// render the events while it runs, then `toResultDocument(report)` for --json and `report.exitCode` to exit.
export { deploy, plan } from './deploy.js';
export { destroy, type DestroyOptions } from './destroy.js';
export { status } from './status.js';
export { runStep, STEP_COMMANDS, type RunStepOptions } from './run-step.js';
export type { LoadOptions } from '../steps/load-test.js';
export type { EngineDeps } from './run-context.js';
export type { EventSink, PlanEntry, RunnerEvent } from './events.js';
export { toResultDocument, type InvocationSummary, type ResultDocument } from './result-document.js';
export { detailedExitCode, type RunReport } from './report.js';
