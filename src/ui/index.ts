// The public surface of src/ui: what the CLI (and tests standing in for it) use.
export { createRenderer } from './render/create-renderer.js';
export type { CommandOutput, OutputStream, Renderer, ResultExtras } from './render/types.js';
export { openRenderer } from './render/open-renderer.js';
export { policyOutput, type PolicyResult } from './render/summary-policy.js';
export { exportOutput, type ExportResult } from './render/summary-export.js';
export { stateOutput, type StateCommandResult } from './render/summary-state.js';
export { createRedactor, redactDeep, MASK } from './redact.js';
export { detectUiMode } from './mode.js';
export type { UiMode, UiModeInput } from './mode.js';
export { createPrompter } from './prompt/create-prompter.js';
export { inquirerPrompter } from './prompt/inquirer-prompter.js';
export { noPrompter } from './prompt/no-prompter.js';
export type { Prompter } from './prompt/questions.js';
