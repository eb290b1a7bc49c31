import type { UiMode } from '../mode.js';
import { inquirerPrompter } from './inquirer-prompter.js';
import type { InquirerPrompterOptions } from './inquirer-prompter.js';
import { noPrompter } from './no-prompter.js';
import type { Prompter } from './questions.js';

export function createPrompter(
  mode: Pick<UiMode, 'interactive' | 'nonInteractiveReason'>,
  io: InquirerPrompterOptions,
): Prompter {
  return mode.interactive ? inquirerPrompter(io) : noPrompter(mode.nonInteractiveReason);
}
