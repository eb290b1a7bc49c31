// The renderer contract the CLI codes against. Kept small: events in, one final result or error out.
import type { RunnerEvent } from '../../runner/events.js';
import type { ResultDocument } from '../../runner/result-document.js';
import type { SecretList } from '../redact.js';
import type { Style } from './style.js';

export interface ResultExtras {
  /** The exit code the command ends with; 3, 5 and 130 add "run the same command again to resume". */
  exitCode?: number;
  /** `init`: the equivalent non-interactive command line. */
  commandLine?: string;
  /** `init`: the config file that was written. */
  configFile?: string;
  /**
   * Replaces the next steps the UI suggests itself (they depend on the command and its outcome: `status` and
   * `destroy` after init/deploy, `deploy` after a plan with changes, …). `alb-fc …` commands given here get the
   * run's follow-up flags (`--local`, `--stack`, see `RendererOptions.followUpFlags`) when they have none.
   */
  nextSteps?: NextStep[];
}

/**
 * The outcome of a command that is not a run of the procedure (`policy`, `state pull`): one JSON document for
 * --json, lines for people.
 */
export interface CommandOutput {
  document: { schemaVersion: 1; command: string; status: string; [field: string]: unknown };
  lines(style: Style): string[];
}

export interface NextStep {
  command: string;
  why: string;
}

/** Fills a failure document when no `run-start` event said what ran (e.g. a usage error before the run). */
export interface ErrorContext {
  command?: string;
  stack?: string;
  region?: string;
}

export interface Renderer {
  /** Never throws for a well-formed event; rendering must not break a run. */
  event(e: RunnerEvent): void;
  /** The command's outcome, success or failure. In json mode the one document on stdout. */
  result(doc: ResultDocument, extras?: ResultExtras): void;
  /** A command's own outcome (`CommandOutput`): its document on stdout in json mode, its lines otherwise. */
  output(out: CommandOutput): void;
  /**
   * A failure with no result document (usage error, lock, crash). Safe to call after `result()` for the same
   * failure: it is shown once, and json mode never writes a second document.
   */
  error(err: unknown, context?: ErrorContext): void;
  /** Stops any spinner and restores the cursor. Idempotent; call it in a `finally`. */
  close(): void;
}

export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface RendererOptions {
  json: boolean;
  /** Live spinner and redrawn step list (stderr is a terminal and not CI). */
  tty: boolean;
  /** ANSI colour in tty mode; plain and json output never has any. */
  color: boolean;
  /** Show every API call. */
  verbose: boolean;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Credentials to mask in every line written, whatever its origin; a function if they are known only later. */
  secrets?: SecretList | (() => SecretList);
  /** Timestamps of plain lines and durations of failures before a run began; defaults to `Date.now`. */
  now?: () => number;
  /**
   * The command the user typed (`init`, `status`, `function create`): names the command in headers and
   * headlines (`init` runs the engine's `deploy`), and a failure document written before any `run-start`.
   */
  command?: string;
  /**
   * Flags every suggested `alb-fc …` command needs to reach the same stack and cloud, e.g. `['--local']`,
   * `['--endpoint', 'http://127.0.0.1:4000', '--stack', 'blue']`, `['--config', 'other.yaml']`. Without it the UI
   * guesses from the run: `--stack` when not `default`, `--local` when the cloud was a local one (wrong when
   * it was reached with `--endpoint`).
   */
  followUpFlags?: readonly string[];
  /**
   * The run's interrupt signal: when it fires (first Ctrl-C) the renderer says that the run is finishing the
   * in-flight API call and saving state, and that a second Ctrl-C quits at once.
   */
  signal?: AbortSignal;
}
