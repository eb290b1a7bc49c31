// Non-interactive mode: never read stdin (piping `yes` must not approve anything); every question becomes an
// exit-2 error that says exactly which flag or env var would have answered it.
import { AlbFcError, ExitCode } from '../../errors.js';
import type { ConfirmQuestion, Prompter, SelectQuestion, TextQuestion } from './questions.js';

export function missingValueError(q: TextQuestion | SelectQuestion<unknown>, reason: string): AlbFcError {
  const key = q.configKey ?? q.flag.replace(/^-+/, '');
  const sources = q.env === undefined ? `Pass ${q.flag}` : `Pass ${q.flag}, set ${q.env}`;
  const choices = 'choices' in q ? choiceList(q.choices) : undefined;
  return new AlbFcError({
    code: 'MISSING_VALUE',
    exitCode: ExitCode.usage,
    message: `missing ${q.flag} (cannot prompt: ${reason}). ${sources} or "${key}" in alb-fc.yaml, or run "alb-fc init" in a terminal.`,
    ...(choices === undefined ? {} : { hint: `${q.flag} is one of: ${choices}` }),
  });
}

export function confirmationRequiredError(q: ConfirmQuestion): AlbFcError {
  const flag = q.flag ?? '--yes';
  return new AlbFcError({
    code: 'CONFIRMATION_REQUIRED',
    exitCode: ExitCode.usage,
    message: `refusing to ${q.action ?? 'apply'} without ${flag} in non-interactive mode`,
    hint: `Review what would change (alb-fc plan), then run again with ${flag}.`,
  });
}

function choiceList(choices: readonly { value: unknown; name?: string }[]): string | undefined {
  if (choices.length === 0) return undefined;
  const shown = choices.slice(0, 10).map((c) => {
    const value = String(c.value);
    return c.name === undefined || c.name === value ? value : `${value} (${c.name})`;
  });
  return choices.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** @param reason why prompting is impossible, e.g. `stdin is not a TTY`, `--non-interactive`. */
export function noPrompter(reason = 'not a TTY'): Prompter {
  return {
    interactive: false,
    text: (q) => Promise.reject(missingValueError(q, reason)),
    select: (q) => Promise.reject(missingValueError(q, reason)),
    confirm: (q) => Promise.reject(confirmationRequiredError(q)),
  };
}
