// Interactive prompts on a terminal. Ctrl-C inside a prompt (or the run's AbortSignal firing) must end the
// command like any other interrupt, exit 130, instead of an unhandled ExitPromptError stack trace.
import type * as Inquirer from '@inquirer/prompts';
import { interruptedError, usageError } from '../../errors.js';
import { duringPrompt } from '../prompt-handoff.js';
import type { ConfirmQuestion, Prompter, SelectQuestion, TextQuestion } from './questions.js';

export interface InquirerPrompterOptions {
  input: NodeJS.ReadableStream;
  /** stderr, so that `--json` output on stdout stays one clean document. */
  output: NodeJS.WritableStream;
  /** Aborting it (SIGTERM, a second Ctrl-C handled elsewhere) cancels the open prompt. */
  signal?: AbortSignal;
}

// @inquirer/core's error classes are not exported by @inquirer/prompts; their names are its documented API.
const interruptNames = new Set(['ExitPromptError', 'AbortPromptError']);

export function isPromptInterrupt(error: unknown): boolean {
  return error instanceof Error && interruptNames.has(error.name);
}

// Loaded on first use: most runs never prompt, and importing every inquirer prompt costs ~50 ms at start-up.
let inquirer: Promise<typeof Inquirer> | undefined;

/**
 * Asks one question on `output`. A renderer drawing on the same stream is paused meanwhile (its spinner would
 * otherwise redraw over the question, and lines it holds back, like the plan, must be on screen before it).
 */
async function asking<T>(output: NodeJS.WritableStream, prompt: (prompts: typeof Inquirer) => Promise<T>): Promise<T> {
  inquirer ??= import('@inquirer/prompts');
  const prompts = await inquirer;
  try {
    return await duringPrompt(output, () => prompt(prompts));
  } catch (error) {
    if (isPromptInterrupt(error)) throw interruptedError();
    throw error;
  }
}

function withFlag(message: string, flag: string): string {
  return `${message} (${flag})`;
}

export function inquirerPrompter(options: InquirerPrompterOptions): Prompter {
  const context = {
    input: options.input,
    output: options.output,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  return {
    interactive: true,
    async text(q: TextQuestion): Promise<string> {
      const validate = q.validate;
      const answer = await asking(options.output, ({ input }) =>
        input(
          {
            message: withFlag(q.message, q.flag),
            ...(q.default === undefined ? { required: true } : { default: q.default }),
            ...(validate === undefined ? {} : { validate: (value: string) => validate(value.trim()) }),
          },
          context,
        ),
      );
      return answer.trim();
    },
    async select<T>(q: SelectQuestion<T>): Promise<T> {
      if (q.choices.length === 0) {
        throw usageError('NO_CHOICES', `nothing to choose for ${q.flag}`, `Pass ${q.flag} explicitly.`);
      }
      const choices = q.choices.map((c) => ({
        value: c.value,
        name: c.name ?? String(c.value),
        ...(c.description === undefined ? {} : { description: c.description }),
      }));
      return asking(options.output, ({ select }) =>
        select<T>(
          {
            message: withFlag(q.message, q.flag),
            choices,
            ...(q.default === undefined ? {} : { default: q.default }),
          },
          context,
        ),
      );
    },
    confirm(q: ConfirmQuestion): Promise<boolean> {
      return asking(options.output, ({ confirm }) =>
        confirm({ message: q.message, default: q.default ?? false }, context),
      );
    },
  };
}
