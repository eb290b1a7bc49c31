// How the CLI decides, once, between spinner and plain lines, colour or none, prompting or failing fast.
// Inputs are passed in (never read from process) so tests state them.

export interface UiModeInput {
  json: boolean;
  nonInteractive: boolean;
  /** `--no-color`. */
  noColor: boolean;
  verbose: boolean;
  env: Readonly<Record<string, string | undefined>>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export interface UiMode {
  json: boolean;
  /** Spinner and redrawn step list on stderr. */
  tty: boolean;
  color: boolean;
  verbose: boolean;
  /** Prompts are allowed. */
  interactive: boolean;
  /** Why prompting is impossible, for the "cannot prompt: …" message. */
  nonInteractiveReason: string | undefined;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function detectUiMode(input: UiModeInput): UiMode {
  const ci = isSet(input.env.CI);
  const nonInteractiveReason = input.nonInteractive
    ? '--non-interactive'
    : ci
      ? 'CI is set'
      : !input.stdinIsTTY
        ? 'stdin is not a TTY'
        : !input.stdoutIsTTY
          ? 'stdout is not a TTY'
          : undefined;
  const tty = !input.json && !ci && input.stderrIsTTY && input.env.TERM !== 'dumb';
  // https://no-color.org: any non-empty NO_COLOR disables colour.
  const noColorEnv = input.env.NO_COLOR !== undefined && input.env.NO_COLOR !== '';
  return {
    json: input.json,
    tty,
    color: tty && !input.noColor && !noColorEnv,
    verbose: input.verbose,
    interactive: nonInteractiveReason === undefined,
    nonInteractiveReason,
  };
}
