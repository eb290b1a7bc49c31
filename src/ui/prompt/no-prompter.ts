// Non-interactive mode: never read stdin (piping `yes` must not approve anything); every question becomes an
// exit-2 error that says exactly which flag or env var would have answered it.
import { AlbFcError, ExitCode } from '../../errors.js';
import type { ConfirmQuestion, Prompter, SelectQuestion, TextQuestion } from './questions.js';

export function missingValueError(q: TextQuestion | SelectQuestion<unknown>, reason: string): AlbFcError {
  const key = q.configKey ?? q.flag.replace(/^-+/, '');
  const sources = q.env === undefined ? `Pass ${q.flag}` : `Pass ${q.flag}, set ${q.env}`;
  const hint = 'choices' in q ? choicesHint(q) : q.hint;
  return new AlbFcError({
    code: 'MISSING_VALUE',
    exitCode: ExitCode.usage,
    message: `missing ${q.flag} (cannot prompt: ${reason}). ${sources} or "${key}" in alb-fc.yaml, or run "alb-fc init" in a terminal.`,
    ...(hint === undefined ? {} : { hint }),
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

/** Every choice found (up to 10), so the user can pick one without a terminal; or that there was none. */
function choicesHint(q: SelectQuestion<unknown>): string {
  const title = q.choicesTitle ?? `${q.flag} is one of`;
  if (q.choices.length === 0) return q.choicesTitle === undefined ? `nothing to choose for ${q.flag}` : `no ${title}`;
  const shown = q.choices.slice(0, 10).map((c) => {
    const value = String(c.value);
    if (c.name === undefined || c.name === value) return value;
    // A name that starts with the value already shows it (`alb-x  name (Internet, …)`).
    return c.name.startsWith(value) ? c.name : `${value} (${c.name})`;
  });
  const more = q.choices.length > shown.length ? `, and ${q.choices.length - shown.length} more` : '';
  return `${title}: ${shown.join('; ')}${more}.`;
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
