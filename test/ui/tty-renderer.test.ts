import { describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../src/runner/events.js';
import * as ev from './helpers/events.js';
import * as stackEv from './helpers/stack-command-events.js';
import { render } from './helpers/run-renderer.js';
import type { Rendered } from './helpers/run-renderer.js';

function tty(events: RunnerEvent[], options: Parameters<typeof render>[2] = {}): Rendered {
  return render('tty', events, options);
}

// eslint-disable-next-line no-control-regex -- colour codes are what is checked
const sgr = /\x1b\[[0-9;]*m/;
const spinnerFrames = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const listenerWaiting = ev.success.findIndex((e) => e.type === 'step-wait' && e.elapsedMs === 35_000) + 1;

describe('tty renderer', () => {
  it('while waiting, redraws the running step with its resource id, status and [elapsed / deadline]', () => {
    const screen = tty(ev.success.slice(0, listenerWaiting)).stderr.screen();
    expect(screen.at(-2)).toMatch(/^⠋ 4\/5 Listener +lsn-xyz789 +Provisioning +\[35s \/ 10m\]$/);
    expect(screen.at(-1)).toMatch(/^· 5\/5 DNS CNAME +api\.example\.com → alb-seed0001/);
    // Once in the plan, once live: the live line is redrawn in place, never repeated.
    expect(screen.filter((l) => /4\/5 Listener +lsn-xyz789/.test(l))).toHaveLength(1);
  });

  it('shows a resource id as soon as it is known, before any wait', () => {
    const upTo = ev.success.findIndex((e) => e.type === 'step-resource' && e.step === 'listener') + 1;
    expect(tty(ev.success.slice(0, upTo)).stderr.screen().at(-2)).toMatch(/4\/5 Listener +lsn-xyz789 +create…/);
  });

  it('shows a retry on the running line', () => {
    const upTo = ev.cloudFailure.findIndex((e) => e.type === 'step-retry') + 1;
    expect(tty(ev.cloudFailure.slice(0, upTo)).stderr.screen().at(-2)).toMatch(
      /4\/5 Listener .*Throttling\.User, retry 2 in 2\.0s/,
    );
  });

  it('leaves only persisted lines on screen once the run ends: no spinner, cursor shown again', () => {
    const r = tty(ev.success);
    const screen = r.stderr.screen();
    expect(screen.join('\n')).not.toMatch(spinnerFrames);
    expect(screen.filter((l) => l.startsWith('✔'))).toHaveLength(6);
    const raw = r.stderr.raw();
    expect(raw).toContain('\x1b[?25l');
    expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l'));
  });

  it('keeps the last state of a step that was still running when interrupted', () => {
    const r = tty(ev.success.slice(0, listenerWaiting));
    r.renderer.error(ev.interrupted);
    r.renderer.close();
    const screen = r.stderr.screen().join('\n');
    expect(screen).toMatch(/■ 4\/5 Listener +lsn-xyz789 +Provisioning +\[35s \/ 10m\]/);
    expect(screen).not.toMatch(spinnerFrames);
  });

  it('marks a failed step with ✖, its error and duration', () => {
    const screen = tty(ev.timeout).stderr.screen().join('\n');
    expect(screen).toMatch(/✖ 4\/5 Listener +failed +lsn-xyz789 +WAIT_TIMEOUT: .*\(10m00s\)/);
  });

  it('colours output only when colour is on', () => {
    const plainScreen = tty(ev.success, { color: false });
    plainScreen.renderer.result(ev.successDoc);
    expect(plainScreen.everything()).not.toMatch(sgr);

    const coloured = tty(ev.success, { color: true });
    coloured.renderer.result(ev.successDoc);
    expect(coloured.stderr.raw()).toContain('\x1b[32m✔\x1b[39m');
  });

  it('writes the success summary to stdout', () => {
    const r = tty(ev.success);
    r.renderer.result(ev.successDoc);
    expect(r.stdout.text()).toContain('deploy succeeded');
    expect(r.stderr.text()).not.toContain('Next steps');
  });

  it('keeps the columns of finished steps aligned whatever order the steps come in (destroy: 5/5 first)', () => {
    const screen = tty(stackEv.destroyRun).stderr.screen();
    const done = screen.filter((l) => /^(✔|-) \d\/5/.test(l));
    expect(done).toHaveLength(5);
    const outcomeColumn = new Set(done.map((l) => l.search(/(deleted|skipped)/)));
    expect(outcomeColumn.size).toBe(1);
  });

  it('starts the second column at the same place for the lookup, the five steps and the test', () => {
    const done = tty(ev.parallel)
      .stderr.screen()
      .filter((l) => l.startsWith('✔ '));
    expect(done).toHaveLength(7);
    const secondColumn = new Set(done.map((l) => /^✔ \S+(?: \S+)*? {2,}/.exec(l)?.[0].length));
    expect([...secondColumn]).toHaveLength(1);
  });

  it('lists the steps still to come under the live one, in procedure order', () => {
    const upTo = ev.parallel.findIndex((e) => e.type === 'step-start' && e.step === 'function') + 1;
    const screen = tty(ev.parallel.slice(0, upTo)).stderr.screen();
    const pending = screen.filter((l) => l.startsWith('· '));
    expect(pending.map((l) => l.slice(2, 17).trim())).toEqual(['3/5 Add backend', '4/5 Listener']);
  });
});
