// A question and the live progress share stderr: the renderer must write the plan before the confirmation
// and keep its spinner off the screen while a question is open. In-process, with the real inquirer prompter
// drawing on the same capture stream as the renderer, as the CLI wires them.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createRenderer, inquirerPrompter } from '../../src/ui/index.js';
import { duringPrompt, watchPrompts } from '../../src/ui/prompt-handoff.js';
import { CaptureStream } from './helpers/capture.js';
import * as ev from './helpers/events.js';

const spinnerFrames = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(tty: boolean): {
  stderr: CaptureStream;
  renderer: ReturnType<typeof createRenderer>;
} {
  const stderr = new CaptureStream(tty);
  const renderer = createRenderer(
    { json: false, tty, color: false, verbose: false, stdout: new CaptureStream(false), stderr, now: ev.fixedNow },
    { spinnerIntervalMs: 2 ** 30 },
  );
  cleanups.push(() => renderer.close());
  return { stderr, renderer };
}

/** Resolves once `text` is on the stream: the prompt draws asynchronously. */
async function drawn(stream: CaptureStream, text: string): Promise<void> {
  for (let i = 0; i < 10_000 && !stream.text().includes(text); i++) await new Promise((r) => setImmediate(r));
  expect(stream.text()).toContain(text);
}

const planned = ev.parallel.findIndex((e) => e.type === 'step-start' && e.step === 'serverGroup');

describe.each([true, false])('renderer (tty=%s) and prompter on one stream', (tty) => {
  it('writes the plan, in procedure order, before the confirmation is asked', async () => {
    const { stderr, renderer } = setup(tty);
    for (const e of ev.parallel.slice(0, planned)) renderer.event(e);
    expect(stderr.text()).not.toContain('Plan:');

    const input = new PassThrough();
    const answer = inquirerPrompter({ input, output: stderr }).confirm({ message: 'Apply these 4 changes?' });
    await drawn(stderr, 'Apply these 4 changes?');
    const text = stderr.text();
    expect(text.indexOf('Plan: 3 to create, 1 to update, 1 unchanged')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Plan:')).toBeLessThan(text.indexOf('Apply these 4 changes?'));
    expect(text.search(/1\/5 FC function/)).toBeLessThan(text.search(/2\/5 Server group/));
    input.write('\r');
    expect(await answer).toBe(false);
  });
});

describe('tty renderer during a question', () => {
  it('takes the spinner down while the question is open and brings it back after', async () => {
    const { stderr, renderer } = setup(true);
    const running = ev.success.findIndex((e) => e.type === 'step-wait' && e.step === 'listener') + 1;
    for (const e of ev.success.slice(0, running)) renderer.event(e);
    expect(stderr.screen().join('\n')).toMatch(spinnerFrames);

    let during = '';
    await duringPrompt(stderr, async () => {
      during = stderr.screen().join('\n');
    });
    expect(during).not.toMatch(spinnerFrames);
    expect(during).not.toMatch(/4\/5 Listener +lsn-xyz789 +Provisioning/);
    expect(stderr.screen().join('\n')).toMatch(/⠋ 4\/5 Listener +lsn-xyz789 +Provisioning/);
  });

  it('brings the spinner back after an abandoned question too (Ctrl-C), until the run settles', async () => {
    const { stderr, renderer } = setup(true);
    const running = ev.success.findIndex((e) => e.type === 'step-wait' && e.step === 'listener') + 1;
    for (const e of ev.success.slice(0, running)) renderer.event(e);
    await expect(duringPrompt(stderr, () => Promise.reject(new Error('ExitPromptError')))).rejects.toThrow(
      'ExitPromptError',
    );
    expect(stderr.screen().join('\n')).toMatch(/⠋ 4\/5 Listener +lsn-xyz789 +Provisioning/);
    renderer.error(ev.interrupted);
    renderer.close();
    const screen = stderr.screen().join('\n');
    expect(screen).not.toMatch(spinnerFrames);
    expect(screen).toMatch(/■ 4\/5 Listener +lsn-xyz789 +Provisioning/);
  });
});

describe('prompt handoff', () => {
  it('tells the renderers of the prompt’s own stream only, before it asks and after it is answered', async () => {
    const output = new PassThrough();
    const other = new PassThrough();
    const seen: string[] = [];
    cleanups.push(
      watchPrompts(output, { promptStarting: () => seen.push('start'), promptEnded: () => seen.push('end') }),
      watchPrompts(other, { promptStarting: () => seen.push('other'), promptEnded: () => seen.push('other') }),
    );
    const input = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => {
      if (screen === '') seen.push('drawn');
      screen += chunk.toString();
      if (screen.includes('Apply?')) setImmediate(() => input.write('y\r'));
    });
    expect(await inquirerPrompter({ input, output }).confirm({ message: 'Apply?' })).toBe(true);
    expect(seen).toEqual(['start', 'drawn', 'end']);
  });

  it('forgets a watcher once unregistered', async () => {
    const output = new PassThrough();
    let calls = 0;
    const stop = watchPrompts(output, { promptStarting: () => calls++, promptEnded: () => calls++ });
    await duringPrompt(output, async () => undefined);
    stop();
    await duringPrompt(output, async () => undefined);
    expect(calls).toBe(2);
  });
});
