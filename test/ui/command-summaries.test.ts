// The final block of each command, as a person reads it: plan, status, destroy, a run with nothing to change,
// a declined confirmation, an interrupt. Checked on the three renderers (json: the human lines on stderr).
import { describe, expect, it } from 'vitest';
import { interruptedError } from '../../src/errors.js';
import * as ev from './helpers/events.js';
import * as stackEv from './helpers/stack-command-events.js';
import { kinds, render } from './helpers/run-renderer.js';

function count(haystack: string, needle: string | RegExp): number {
  return haystack.split(needle).length - 1;
}

describe.each(kinds)('%s renderer', (kind) => {
  describe('plan', () => {
    it('lists each step once, in procedure order, with the reasons of what changes and a summary line', () => {
      const r = render(kind, stackEv.planRun);
      r.renderer.result(stackEv.planDoc);
      const out = r.human();
      expect(out).toContain('Plan: 1 to create, 1 to update, 3 unchanged');
      expect(count(out, /update +1\/5 FC function/)).toBe(1);
      expect(out).toMatch(/~ update +1\/5 FC function +hello-api \(nodejs20\)\n.*↳ memory 128 MB → 512 MB/);
      expect(out).toMatch(/\+ create +5\/5 DNS CNAME .*\n.*↳ the domain changed from api\.example\.com\n.*↳ no record/);
      // An unchanged entry needs no reason, even when the runner gives one.
      expect(out).not.toContain('tagged for this stack');
      expect(out.search(/1\/5 FC function/)).toBeLessThan(out.search(/2\/5 Server group/));
      expect(out.search(/4\/5 Listener/)).toBeLessThan(out.search(/5\/5 DNS CNAME/));
    });

    it('says what to run next: deploy, with the flags that reach the same cloud', () => {
      const r = render(kind, stackEv.planRun);
      r.renderer.result(stackEv.planDoc);
      expect(r.human()).toMatch(/Next steps\n +alb-fc deploy --local +apply this plan/);
    });

    it('says "nothing to change" when every step is unchanged, and suggests no deploy', () => {
      const r = render(kind, stackEv.planRun);
      r.renderer.result(stackEv.unchangedPlanDoc);
      const out = r.human();
      expect(out).toContain('✔ Plan: nothing to change (5 unchanged)');
      expect(out).not.toContain('alb-fc deploy');
    });
  });

  describe('status', () => {
    it('draws the stack under "all present": host to ALB, listener, default action, group and function', () => {
      const r = render(kind, stackEv.statusRun, { command: 'status' });
      r.renderer.result(stackEv.statusDoc, { nextSteps: [] });
      const out = r.human();
      expect(out).toContain('✔ status: all 6 resources present');
      expect(out).toMatch(/\n {2}api\.example\.com -> ALB alb-seed0001 +Active +present\n/);
      expect(out).toMatch(/\n {2}`- listener lsn-xyz789 +HTTP:80 \(adopted\) +Running +present\n/);
      expect(out).toMatch(/\n {5}`- default action\n {8}`- sgp-abc123 -> hello-api +present\n/);
      expect(out).not.toContain('To repair');
      // The rows of each resource are for --verbose.
      expect(out).not.toMatch(/1\/5 FC function +present/);
    });

    it('with --verbose also lists each resource with its id and live status', () => {
      const r = render(kind, stackEv.statusRun, { command: 'status', verbose: true });
      r.renderer.result(stackEv.statusDoc, { nextSteps: [] });
      const out = r.human();
      expect(out).toMatch(/`- sgp-abc123 -> hello-api +present/);
      expect(out).toMatch(/ALB +present +alb-seed0001 +Active/);
      expect(out).toMatch(
        /1\/5 FC function +present +acs:fc:cn-hangzhou:1234567890123456:functions\/hello-api +Active/,
      );
      expect(out).toMatch(/4\/5 Listener +present +lsn-xyz789 +Running +\(adopted\)/);
      expect(out).toMatch(/5\/5 DNS CNAME +present +9876543210 +ENABLE/);
    });

    it('counts drifted and missing resources in the headline, marks them in the tree with why, and how to repair', () => {
      const r = render(kind, stackEv.statusRun, { command: 'status' });
      r.renderer.result(stackEv.driftedStatusDoc, { nextSteps: [] });
      const out = r.human();
      expect(out).toContain('! status: 1 missing, 1 drifted, 4 present');
      expect(out).toMatch(
        /api\.example\.com -> ALB alb-seed0001 +Active +present, api\.example\.com missing\n +\| +> api\.example\.com: record 9876543210 on api\.example\.com does not exist/,
      );
      expect(out).toMatch(
        /`- sgp-abc123 -> hello-api +present, function drifted\n {11}> function: memory 128 MB, deployed 256 MB/,
      );
      expect(out).toMatch(/To repair\n +alb-fc plan --local +shows what deploy would change/);
      expect(out).toMatch(/alb-fc deploy --local +recreates what is missing, puts back what drifted/);
    });

    it('writes drift to stdout like any report: it is not a failure of the command', () => {
      if (kind === 'json') return;
      const r = render(kind, stackEv.statusRun, { command: 'status' });
      r.renderer.result(stackEv.driftedStatusDoc, { nextSteps: [] });
      expect(r.stdout.text()).toContain('! status: 1 missing');
    });

    it('says that nothing is deployed when there is no state, and how to deploy', () => {
      const r = render(kind, stackEv.statusRun, { command: 'status' });
      r.renderer.result(stackEv.noStateStatusDoc, { nextSteps: [] });
      const out = r.human();
      expect(out).toContain('status: nothing deployed for stack default from here (no state)');
      expect(out).toMatch(/alb-fc init --local/);
    });
  });

  describe('destroy', () => {
    it('lists what was deleted, already absent and kept, and how to delete what was adopted', () => {
      const r = render(kind, stackEv.destroyRun, { command: 'destroy' });
      r.renderer.result(stackEv.destroyDoc, { nextSteps: [] });
      const out = r.human();
      expect(out).toContain('✔ destroy succeeded in 3.5s: 3 deleted, 1 already absent, 1 kept');
      expect(out).toMatch(/deleted +1\/5 FC function +hello-api/);
      expect(out).toMatch(/already absent +2\/5 Server group +not found in the cloud/);
      expect(out).toMatch(/deleted +3\/5 Add backend +hello-api in sgp-abc123/);
      expect(out).toMatch(/kept +4\/5 Listener +adopted, not created by this stack/);
      expect(out).toMatch(/deleted +5\/5 DNS CNAME +api\.example\.com CNAME/);
      expect(out).toContain('alb-fc destroy --include-adopted --local deletes them too');
    });

    it('never offers the deleted stack as a URL', () => {
      const r = render(kind, stackEv.destroyRun, { command: 'destroy' });
      r.renderer.result(stackEv.destroyDoc, { nextSteps: [] });
      expect(r.human()).not.toContain('http://api.example.com/');
    });

    it('says "nothing to delete" when nothing was recorded, not "everything is in place"', () => {
      const r = render(kind, stackEv.emptyDestroyRun, { command: 'destroy' });
      r.renderer.result(stackEv.emptyDestroyDoc, { nextSteps: [] });
      const out = r.human();
      expect(out).toContain('✔ destroy: nothing to delete');
      expect(out).not.toMatch(/in place|no changes/);
    });
  });

  describe('init and deploy', () => {
    it('says "nothing to change" prominently when the run changed nothing', () => {
      const r = render(kind, ev.success);
      r.renderer.result(ev.noChangesDoc);
      expect(r.human()).toContain('✔ deploy: nothing to change, everything is already in place');
      expect(r.human()).not.toContain('succeeded');
    });

    it('says that nothing was changed when the confirmation was declined, and how to start again', () => {
      const r = render(kind, stackEv.planRun.slice(0, -1), { command: 'init' });
      r.renderer.result({ ...stackEv.declinedDoc, command: 'deploy' });
      const out = r.human();
      expect(out).toContain('init: not applied, nothing was changed');
      expect(out).not.toMatch(/nothing to change|everything is already in place/);
      expect(out).toMatch(/alb-fc init --local +start again, and answer y/);
    });

    it('names the command the user typed: init runs the engine’s deploy', () => {
      const r = render(kind, ev.success, { command: 'init' });
      r.renderer.result(ev.successDoc);
      const out = r.human();
      expect(out).toContain('alb-fc init · stack default');
      expect(out).toContain('init succeeded in 43.0s');
    });

    it('shows no URL after a failure, but every id it created', () => {
      const r = render(kind, ev.cloudFailure);
      r.renderer.result(ev.cloudFailureDoc, { exitCode: 3 });
      const out = r.human();
      expect(out).not.toMatch(/URL +http/);
      expect(out).toContain(ev.ids.serverGroup);
    });

    it('never writes two blank lines in a row before a failure', () => {
      const r = render(kind, ev.cloudFailure);
      r.renderer.result({ ...ev.cloudFailureDoc, resources: {} }, { exitCode: 3 });
      const stderr = kind === 'tty' ? r.stderr.screen().join('\n') : r.stderr.text();
      expect(stderr).not.toMatch(/\n[^\S\n]*\n[^\S\n]*\n/);
    });
  });

  describe('interrupts', () => {
    it('marks the steps Ctrl-C stopped as interrupted, not failed, and says the state is saved once', () => {
      const r = render(kind, ev.interruptedRun);
      r.renderer.result(ev.interruptedDoc, { exitCode: 130 });
      const out = r.human();
      expect(out).toMatch(/■ 4\/5 Listener:? +interrupted/);
      expect(out).not.toMatch(/Listener:? +failed/);
      expect(out).toContain('■ deploy interrupted');
      expect(out).toMatch(/interrupted +4\/5 Listener +lsn-xyz789/);
      expect(count(out.toLowerCase(), 'run the same command again')).toBe(1);
      expect(out).not.toContain('INTERRUPTED: Interrupted');
    });

    it('says that nothing was changed when interrupted before any step of the procedure started', () => {
      const atPrompt = render(kind, [], { command: 'init' });
      atPrompt.renderer.error(interruptedError());
      expect(atPrompt.human()).toMatch(/■ init interrupted\n +Nothing was changed\./);
      expect(atPrompt.human()).not.toContain('State is saved');

      const atConfirmation = render(kind, stackEv.planRun.slice(0, 4), { command: 'init' });
      atConfirmation.renderer.error(interruptedError());
      expect(atConfirmation.human()).toContain('Nothing was changed.');
    });
  });

  describe('follow-up commands', () => {
    it('use the flags the CLI gives, on its own next steps too', () => {
      const flags = ['--endpoint', 'http://127.0.0.1:4000', '--stack', 'blue'];
      const r = render(kind, ev.success, { followUpFlags: flags });
      r.renderer.result(ev.successDoc);
      expect(r.human()).toContain('alb-fc status --endpoint http://127.0.0.1:4000 --stack blue');

      const cli = render(kind, stackEv.planRun, { followUpFlags: ['--local'] });
      cli.renderer.result(stackEv.planDoc, { nextSteps: [{ command: 'alb-fc deploy', why: 'apply this plan' }] });
      expect(cli.human()).toMatch(/alb-fc deploy --local +apply this plan/);
    });

    it('name the stack when it is not the default one', () => {
      const r = render(kind, ev.success);
      r.renderer.result({ ...ev.successDoc, stack: 'blue' });
      expect(r.human()).toContain('alb-fc destroy --stack blue --local');
    });
  });

  it('acknowledges the first Ctrl-C at once, and a second time never', () => {
    const controller = new AbortController();
    const r = render(kind, ev.success.slice(0, 10), { signal: controller.signal });
    controller.abort();
    const out = r.human();
    expect(out).toContain(
      'Interrupt received — finishing the in-flight API call and saving state (press Ctrl-C again to force quit)',
    );
    expect(count(out, 'Interrupt received')).toBe(1);

    const late = new AbortController();
    const closed = render(kind, ev.success, { signal: late.signal });
    closed.renderer.close();
    late.abort();
    expect(closed.human()).not.toContain('Interrupt received');
  });
});
