// Every question names the flag (and env var) that answers it without a prompt: a prompt is only a way to fill
// in a value the user did not pass, and the non-interactive failure must tell them how to pass it.

export interface TextQuestion {
  message: string;
  /** `--domain`. */
  flag: string;
  /** `ALB_FC_DOMAIN`, when the value can come from the environment. */
  env?: string;
  /** The key in alb-fc.yaml; defaults to the flag without its dashes. */
  configKey?: string;
  default?: string;
  /** `true` when valid, else the message to show. Receives the trimmed answer. */
  validate?: (value: string) => true | string;
  /** What the non-interactive error adds to help answer it, e.g. the DNS zones found in the account. */
  hint?: string;
}

export interface Choice<T> {
  value: T;
  name?: string;
  description?: string;
}

export interface SelectQuestion<T> {
  message: string;
  flag: string;
  env?: string;
  configKey?: string;
  choices: readonly Choice<T>[];
  default?: T;
  /** How the non-interactive error introduces the choices, e.g. `ALB instances in cn-hangzhou`. */
  choicesTitle?: string;
}

export interface ConfirmQuestion {
  message: string;
  /** The flag that approves without asking; `--yes` unless a stronger one is needed (`--force-dns`). */
  flag?: string;
  /** What is refused without the flag, for the non-interactive message; `apply` by default. */
  action?: string;
  /** Defaults to No: a confirmation must be given, never assumed. */
  default?: boolean;
}

export interface Prompter {
  /** False when every question fails fast instead of asking. */
  readonly interactive: boolean;
  text(q: TextQuestion): Promise<string>;
  select<T>(q: SelectQuestion<T>): Promise<T>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
}
