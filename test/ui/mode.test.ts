import { describe, expect, it } from 'vitest';
import { detectUiMode } from '../../src/ui/index.js';
import type { UiModeInput } from '../../src/ui/index.js';

const terminal: UiModeInput = {
  json: false,
  nonInteractive: false,
  noColor: false,
  verbose: false,
  env: {},
  stdinIsTTY: true,
  stdoutIsTTY: true,
  stderrIsTTY: true,
};

describe('detectUiMode', () => {
  it('prompts, spins and colours at a terminal', () => {
    expect(detectUiMode(terminal)).toEqual({
      json: false,
      tty: true,
      color: true,
      verbose: false,
      interactive: true,
      nonInteractiveReason: undefined,
    });
  });

  it.each([
    [{ nonInteractive: true }, '--non-interactive'],
    [{ env: { CI: 'true' } }, 'CI is set'],
    [{ stdinIsTTY: false }, 'stdin is not a TTY'],
    [{ stdoutIsTTY: false }, 'stdout is not a TTY'],
  ] as const)('does not prompt with %o', (change, reason) => {
    const mode = detectUiMode({ ...terminal, ...change });
    expect(mode.interactive).toBe(false);
    expect(mode.nonInteractiveReason).toBe(reason);
  });

  it('treats CI=false as not CI', () => {
    expect(detectUiMode({ ...terminal, env: { CI: 'false' } }).interactive).toBe(true);
  });

  it('uses plain lines in CI, when stderr is not a terminal, and with --json', () => {
    expect(detectUiMode({ ...terminal, env: { CI: '1' } }).tty).toBe(false);
    expect(detectUiMode({ ...terminal, stderrIsTTY: false }).tty).toBe(false);
    expect(detectUiMode({ ...terminal, json: true }).tty).toBe(false);
  });

  it('keeps the spinner when only stdout is redirected', () => {
    expect(detectUiMode({ ...terminal, stdoutIsTTY: false }).tty).toBe(true);
  });

  it('turns colour off with --no-color or a non-empty NO_COLOR', () => {
    expect(detectUiMode({ ...terminal, noColor: true }).color).toBe(false);
    expect(detectUiMode({ ...terminal, env: { NO_COLOR: '1' } }).color).toBe(false);
    expect(detectUiMode({ ...terminal, env: { NO_COLOR: '' } }).color).toBe(true);
  });
});
