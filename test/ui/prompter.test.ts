// The prompter in-process: inquirer reads keys from a stream and draws on another, so a test can answer it.
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AlbFcError } from '../../src/errors.js';
import { createPrompter, inquirerPrompter, noPrompter } from '../../src/ui/index.js';
import type { Prompter } from '../../src/ui/index.js';

const enter = '\r';
const down = '\x1b[B';
const ctrlC = '\x03';

/** A terminal stand-in: answer() waits until its text is drawn before typing, so no sleep is needed. */
function terminal(signal?: AbortSignal): {
  prompter: Prompter;
  screen(): string;
  answer(when: string, keys: string): Promise<void>;
} {
  const input = new PassThrough();
  const output = new PassThrough();
  let drawn = '';
  // Each answer looks only past the text the previous one matched, so a redrawn prompt is not mistaken for it.
  let consumed = 0;
  output.on('data', (chunk: Buffer) => {
    drawn += chunk.toString();
  });
  const screen = (): string => stripVTControlCharacters(drawn);
  return {
    prompter: inquirerPrompter({ input, output, ...(signal === undefined ? {} : { signal }) }),
    screen,
    answer: (when, keys) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          const at = screen().indexOf(when, consumed);
          if (at < 0) return;
          consumed = at + when.length;
          output.off('data', check);
          // Typing from inside the prompt's own render would interleave with it; a real user types afterwards.
          setImmediate(() => {
            input.write(keys);
            resolve();
          });
        };
        output.on('data', check);
        check();
      }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<AlbFcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AlbFcError);
  return error as AlbFcError;
}

describe('noPrompter', () => {
  const prompter = noPrompter('stdin is not a TTY');

  it('refuses a missing value with exit 2, naming the flag, the env var and the config key', async () => {
    const error = await rejection(prompter.text({ message: 'Custom domain', flag: '--domain', env: 'ALB_FC_DOMAIN' }));
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('MISSING_VALUE');
    expect(error.message).toBe(
      'missing --domain (cannot prompt: stdin is not a TTY). Pass --domain, set ALB_FC_DOMAIN or "domain" in alb-fc.yaml, or run "alb-fc init" in a terminal.',
    );
  });

  it('lists the choices a missing selection could take', async () => {
    const error = await rejection(
      prompter.select({
        message: 'ALB instance',
        flag: '--alb-id',
        choices: [{ value: 'alb-one', name: 'public' }, { value: 'alb-two' }],
      }),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('missing --alb-id (cannot prompt: stdin is not a TTY)');
    expect(error.message).not.toContain('undefined');
    expect(error.hint).toBe('--alb-id is one of: alb-one (public); alb-two.');
  });

  it('introduces the choices with their title, shows names that already hold the value as they are, and says when there is none', async () => {
    const choices = Array.from({ length: 12 }, (_, i) => ({ value: `alb-${i}`, name: `alb-${i}  lb${i} (Internet)` }));
    const many = await rejection(
      prompter.select({
        message: 'ALB instance',
        flag: '--alb-id',
        choicesTitle: 'ALB instances in cn-hangzhou',
        choices,
      }),
    );
    expect(many.hint).toMatch(/^ALB instances in cn-hangzhou: alb-0 {2}lb0 \(Internet\); alb-1 {2}lb1 \(Internet\);/);
    expect(many.hint).toMatch(/alb-9 {2}lb9 \(Internet\), and 2 more\.$/);
    const none = await rejection(
      prompter.select({
        message: 'ALB instance',
        flag: '--alb-id',
        choicesTitle: 'ALB instances in cn-hangzhou',
        choices: [],
      }),
    );
    expect(none.hint).toBe('no ALB instances in cn-hangzhou');
  });

  it('adds the hint a text question carries', async () => {
    const error = await rejection(
      prompter.text({ message: 'Custom domain', flag: '--domain', hint: 'DNS zones in the account: example.com.' }),
    );
    expect(error.hint).toBe('DNS zones in the account: example.com.');
  });

  it('refuses to apply without --yes', async () => {
    const error = await rejection(prompter.confirm({ message: 'Apply these 5 changes?' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('refusing to apply without --yes in non-interactive mode');
  });

  it('names the stronger flag a dangerous confirmation needs', async () => {
    const error = await rejection(
      prompter.confirm({ message: 'Replace the record?', flag: '--force-dns', action: 'replace a DNS record' }),
    );
    expect(error.message).toBe('refusing to replace a DNS record without --force-dns in non-interactive mode');
  });

  it('is what createPrompter returns when the mode cannot prompt', async () => {
    const chosen = createPrompter(
      { interactive: false, nonInteractiveReason: '--non-interactive' },
      { input: new PassThrough(), output: new PassThrough() },
    );
    expect(chosen.interactive).toBe(false);
    const error = await rejection(chosen.text({ message: 'Name', flag: '--function-name' }));
    expect(error.message).toContain('(cannot prompt: --non-interactive)');
  });
});

describe('inquirerPrompter', () => {
  it('defaults a confirmation to No', async () => {
    const t = terminal();
    const answer = t.prompter.confirm({ message: 'Apply these 5 changes?' });
    await t.answer('Apply these 5 changes?', enter);
    expect(await answer).toBe(false);
    expect(t.screen()).toContain('(y/N)');
  });

  it('accepts an explicit yes', async () => {
    const t = terminal();
    const answer = t.prompter.confirm({ message: 'Apply?' });
    await t.answer('Apply?', `y${enter}`);
    expect(await answer).toBe(true);
  });

  it('asks for text with the flag in the question, re-asks until valid, and trims the answer', async () => {
    const t = terminal();
    const answer = t.prompter.text({
      message: 'Custom domain',
      flag: '--domain',
      validate: (v) => v.includes('.') || 'a domain name has at least one dot',
    });
    await t.answer('Custom domain (--domain)', `nodot${enter}`);
    await t.answer('a domain name has at least one dot', `${'\x7f'.repeat(5)}  api.example.com ${enter}`);
    expect(await answer).toBe('api.example.com');
  });

  it('returns the default text on Enter', async () => {
    const t = terminal();
    const answer = t.prompter.text({ message: 'Runtime', flag: '--runtime', default: 'nodejs20' });
    await t.answer('Runtime', enter);
    expect(await answer).toBe('nodejs20');
  });

  it('selects with the arrow keys', async () => {
    const t = terminal();
    const answer = t.prompter.select({
      message: 'ALB instance',
      flag: '--alb-id',
      choices: [{ value: 'alb-one' }, { value: 'alb-two', name: 'alb-two (intranet)' }],
    });
    await t.answer('alb-two (intranet)', `${down}${enter}`);
    expect(await answer).toBe('alb-two');
  });

  it('turns Ctrl-C inside a prompt into the interrupted error (exit 130)', async () => {
    const t = terminal();
    const answer = t.prompter.text({ message: 'Custom domain', flag: '--domain' });
    await t.answer('Custom domain', ctrlC);
    const error = await rejection(answer);
    expect(error.code).toBe('INTERRUPTED');
    expect(error.exitCode).toBe(130);
  });

  it('turns an aborted run signal into the interrupted error', async () => {
    const controller = new AbortController();
    const t = terminal(controller.signal);
    const answer = t.prompter.confirm({ message: 'Apply?' });
    await t.answer('Apply?', '');
    controller.abort(new Error('SIGTERM'));
    expect((await rejection(answer)).exitCode).toBe(130);
  });

  it('refuses a selection with nothing to choose from as a usage error', async () => {
    const error = await rejection(terminal().prompter.select({ message: 'Zone', flag: '--domain', choices: [] }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('--domain');
  });
});
