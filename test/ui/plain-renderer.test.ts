import { describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../src/runner/events.js';
import { ansiPattern } from './helpers/capture.js';
import * as ev from './helpers/events.js';
import { render } from './helpers/run-renderer.js';
import type { Rendered } from './helpers/run-renderer.js';

function plain(events: RunnerEvent[], options: Parameters<typeof render>[2] = {}): Rendered {
  return render('plain', events, options);
}

const stamp = '2025-01-02T03:04:05.000Z';

describe('plain renderer', () => {
  it('writes no ANSI escape at all, even when colour is asked for', () => {
    const r = plain([...ev.cloudFailure, ...ev.apiCalls], { color: true, verbose: true });
    r.renderer.result(ev.cloudFailureDoc, { exitCode: 3 });
    r.renderer.error(new Error('late'));
    expect(r.everything()).not.toMatch(ansiPattern);
  });

  it('prefixes every progress line with an ISO timestamp', () => {
    const r = plain(ev.success);
    const lines = r.stderr.lines();
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.startsWith(`${stamp} `)).toBe(true);
  });

  it('writes one line per state change of a step', () => {
    const r = plain(ev.success);
    const listener = r.stderr.lines().filter((l) => l.includes('4/5 Listener:'));
    expect(listener).toEqual([
      `${stamp} 4/5 Listener: started (create)`,
      `${stamp} 4/5 Listener: lsn-xyz789 (HTTP:80 on alb-seed0001)`,
      `${stamp} 4/5 Listener: lsn-xyz789 Provisioning, waiting [0s / 10m]`,
      `${stamp} 4/5 Listener: lsn-xyz789 still Provisioning (35s elapsed, deadline 10m)`,
      `${stamp} ✔ 4/5 Listener: created lsn-xyz789 HTTP:80 (36.0s)`,
    ]);
  });

  it('during a wait, prints status changes at once and a heartbeat at most every 15 s of wait time', () => {
    const waits = plain(ev.heartbeats)
      .stderr.lines()
      .filter((l) => /waiting|still/.test(l))
      .map((l) => l.slice(stamp.length + 1));
    expect(waits).toEqual([
      '4/5 Listener: lsn-xyz789 Provisioning, waiting [0s / 10m]',
      '4/5 Listener: lsn-xyz789 still Provisioning (15s elapsed, deadline 10m)',
      '4/5 Listener: lsn-xyz789 still Provisioning (31s elapsed, deadline 10m)',
      '4/5 Listener: lsn-xyz789 still Provisioning (46s elapsed, deadline 10m)',
      '4/5 Listener: lsn-xyz789 Running, waiting [47s / 10m]',
    ]);
  });

  it('treats a wait whose clock restarts as a new wait', () => {
    const events: RunnerEvent[] = [
      { type: 'step-wait', step: 'server', status: 'Adding', elapsedMs: 0, deadlineMs: 60_000 },
      { type: 'step-wait', step: 'server', status: 'Adding', elapsedMs: 9_000, deadlineMs: 60_000 },
      { type: 'step-wait', step: 'server', status: 'Adding', elapsedMs: 1_000, deadlineMs: 60_000 },
    ];
    const waits = plain(events).stderr.lines();
    expect(waits.map((l) => l.slice(stamp.length + 1))).toEqual([
      '3/5 Add backend: Adding, waiting [0s / 1m]',
      '3/5 Add backend: Adding, waiting [1s / 1m]',
    ]);
  });

  it('puts the success summary on stdout and keeps progress on stderr', () => {
    const r = plain(ev.success);
    r.renderer.result(ev.successDoc);
    expect(r.stdout.text()).toContain('deploy succeeded in 43.0s');
    expect(r.stdout.text()).not.toContain(stamp);
    expect(r.stderr.text()).not.toContain('Next steps');
  });

  it('puts a failure summary on stderr', () => {
    const r = plain(ev.cloudFailure);
    r.renderer.result(ev.cloudFailureDoc, { exitCode: 3 });
    expect(r.stdout.text()).toBe('');
    expect(r.stderr.text()).toContain('deploy failed: CLOUD_REFUSED');
  });

  it('names a resource once when its detail already names it', () => {
    const lines = plain(ev.parallel)
      .stderr.lines()
      .map((l) => l.slice(stamp.length + 1));
    expect(lines).toContain('2/5 Server group: sgp-abc123 (type Fc)');
    expect(lines).toContain(`3/5 Add backend: ${ev.ids.functionArn} in sgp-abc123`);
  });

  it('marks an interrupted step as interrupted, with its resource id', () => {
    const lines = plain(ev.interruptedRun).stderr.lines();
    expect(lines).toContain(`${stamp} ■ 4/5 Listener: interrupted after 2.0s (lsn-xyz789)`);
    expect(lines.join('\n')).not.toContain('Listener: failed');
  });
});
