// The public surface of src/ui: the composition root imports from here only.
export { createRenderer } from './render/create-renderer.js';
export type { RendererTestHooks } from './render/create-renderer.js';
export type { ErrorContext, NextStep, OutputStream, Renderer, RendererOptions, ResultExtras } from './render/types.js';
export { describeError, resumableExitCodes } from './render/error-view.js';
export type { ErrorView } from './render/error-view.js';
export { createRedactor, redactDeep, MASK } from './redact.js';
export type { Redactor, SecretList } from './redact.js';
export { detectUiMode } from './mode.js';
export type { UiMode, UiModeInput } from './mode.js';
export { createPrompter } from './prompt/create-prompter.js';
export { inquirerPrompter, isPromptInterrupt } from './prompt/inquirer-prompter.js';
export type { InquirerPrompterOptions } from './prompt/inquirer-prompter.js';
export { noPrompter, missingValueError, confirmationRequiredError } from './prompt/no-prompter.js';
export type { Choice, ConfirmQuestion, Prompter, SelectQuestion, TextQuestion } from './prompt/questions.js';
