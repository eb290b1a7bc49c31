// Behaviour every renderer must have, checked on each with the same event sequences.
import { describe, expect, it } from 'vitest';
import { usageError } from '../../src/errors.js';
import type { RunnerEvent } from '../../src/runner/events.js';
import { MASK } from '../../src/ui/index.js';
import * as ev from './helpers/events.js';
import { kinds, render } from './helpers/run-renderer.js';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe.each(kinds)('%s renderer', (kind) => {
  it('shows every finished step with its action, resource and duration', () => {
    const r = render(kind, ev.success);
    r.renderer.result(ev.successDoc);
    const out = r.human();
    expect(out).toMatch(
      /✔ 1\/5 FC function:? +created +hello-api acs:fc:cn-hangzhou:1234567890123456:functions\/hello-api/,
    );
    expect(out).toMatch(/✔ 2\/5 Server group:? +created +sgp-abc123/);
    expect(out).toMatch(/✔ 4\/5 Listener:? +created +lsn-xyz789 HTTP:80 +\(36\.0s\)/);
    expect(out).toMatch(/✔ 5\/5 DNS CNAME/);
  });

  it('ends a success with the URL, resource ids, the HTTP answer, curl and next steps', () => {
    const r = render(kind, ev.success);
    r.renderer.result(ev.successDoc);
    const out = r.human();
    expect(out).toContain('http://api.example.com/');
    for (const id of [ev.ids.functionArn, ev.ids.serverGroup, ev.ids.listener, ev.ids.albDns])
      expect(out).toContain(id);
    expect(out).toMatch(/HTTP 200 +hello world/);
    expect(out).toContain(ev.ids.curl);
    expect(out).toContain('alb-fc status --local');
    expect(out).toContain('alb-fc destroy --local');
    expect(out).not.toMatch(/failed|resume/i);
  });

  it('lists the plan as + create / ~ update / = unchanged / > adopt / ! conflict, with a summary line', () => {
    const plan: RunnerEvent[] = [
      { type: 'plan', reasons: [], step: 'function', title: 'FC function', action: 'create', detail: 'hello-api' },
      {
        type: 'plan',
        reasons: [],
        step: 'serverGroup',
        title: 'Server group',
        action: 'update',
        detail: 'health check off → on',
      },
      { type: 'plan', reasons: [], step: 'server', title: 'Add backend', action: 'unchanged', detail: '' },
      { type: 'plan', reasons: [], step: 'listener', title: 'Listener', action: 'adopt', detail: 'lsn-found' },
      {
        type: 'plan',
        reasons: [],
        step: 'dnsRecord',
        title: 'DNS CNAME',
        action: 'conflict',
        detail: 'A record exists',
      },
    ];
    const r = render(kind, plan);
    r.renderer.close();
    const out = r.human();
    expect(out).toContain('Plan: 1 to create, 1 to adopt, 1 to update, 1 in conflict, 1 unchanged');
    expect(out).toMatch(/\+ create +1\/5 FC function +hello-api/);
    expect(out).toMatch(/~ update +2\/5 Server group +health check off → on/);
    expect(out).toMatch(/= unchanged 3\/5 Add backend/);
    expect(out).toMatch(/> adopt +4\/5 Listener +lsn-found/);
    expect(out).toMatch(/! conflict +5\/5 DNS CNAME +A record exists/);
  });

  it('shows the plan as one block in procedure order, once complete, whatever order it arrived in', () => {
    const planned = ev.parallel.findIndex((e) => e.type === 'step-start' && e.step === 'serverGroup');
    const before = render(kind, ev.parallel.slice(0, planned));
    expect(before.human()).not.toContain('Plan:');

    const out = render(kind, ev.parallel.slice(0, planned + 1)).human();
    expect(out).toContain('Plan: 3 to create, 1 to update, 1 unchanged');
    const order = ['1/5 FC function', '2/5 Server group', '3/5 Add backend', '4/5 Listener', '5/5 DNS CNAME'].map(
      (label) => out.search(new RegExp(`(create|update|unchanged) +${label.replace('/', '\\/')}`)),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The step that started comes after the plan, and the plan is not repeated.
    expect(out.lastIndexOf('2/5 Server group')).toBeGreaterThan(out.search(/create +2\/5 Server group/));
    expect(out.split('Plan:')).toHaveLength(2);
  });

  it('numbers the steps by the procedure, not by the order they start in', () => {
    const r = render(kind, ev.parallel);
    r.renderer.result(ev.successDoc);
    const out = r.human();
    expect(out).toMatch(/✔ 1\/5 FC function:? +updated +hello-api/);
    expect(out).toMatch(/✔ 2\/5 Server group:? +created +sgp-abc123/);
    expect(out).toMatch(/✔ 3\/5 Add backend:? +created/);
    expect(out).toMatch(/✔ 4\/5 Listener:? +created +lsn-xyz789/);
    expect(out).toMatch(/✔ 5\/5 DNS CNAME:? +unchanged/);
    expect(out).not.toMatch(/\d\/5 (Lookup|Connectivity test)/);
  });

  it('ends the lookup and the connectivity test with what they found, never with a resource action', () => {
    const r = render(kind, ev.parallel);
    const out = r.human();
    expect(out).toMatch(/✔ Connectivity test:? +HTTP 200 via DNS/);
    expect(out).toMatch(/✔ Lookup:? +alb-seed0001 → /);
    expect(out).not.toMatch(/(Connectivity test|Lookup):? +unchanged/);
  });

  it('explains a cloud refusal: code, message, cloud code, RequestId, step, and how to resume', () => {
    const r = render(kind, ev.cloudFailure);
    r.renderer.result(ev.cloudFailureDoc, { exitCode: 3 });
    const out = r.human();
    expect(out).toContain('deploy failed: CLOUD_REFUSED');
    expect(out).toContain('User not authorized to operate on the specified resource.');
    expect(out).toMatch(/cloud code +Forbidden\.RAM \(RequestId REQ-FORBID-0001\)/);
    expect(out).toMatch(/step +4\/5 Listener/);
    expect(out).toContain('run the same command again to resume');
    expect(out).toContain(ev.ids.serverGroup);
    expect(out).not.toContain('Next steps');
  });

  it('explains a timeout with its hint, and finds the resumable exit code from the failed step', () => {
    const r = render(kind, ev.timeout);
    r.renderer.result(ev.timeoutDoc, { exitCode: 5 });
    const out = r.human();
    expect(out).toContain('deploy failed: WAIT_TIMEOUT');
    expect(out).toContain('still Provisioning after 10m');
    expect(out).toMatch(/hint +Run the same command with a longer --wait-timeout\./);
    expect(out).toContain('run the same command again to resume');
  });

  it('shows a failure once when the CLI reports it as a result and then as an error', () => {
    const r = render(kind, ev.cloudFailure);
    r.renderer.result(ev.cloudFailureDoc, { exitCode: 3 });
    r.renderer.error(ev.forbidden);
    r.renderer.error(ev.forbidden);
    expect(count(r.human(), 'failed: CLOUD_REFUSED')).toBe(1);
  });

  it('does not offer to resume a usage error, and names the command from its context', () => {
    const r = render(kind, []);
    r.renderer.error(usageError('BAD_VALUE', '--listener-port must be 1-65535', 'e.g. --listener-port 80'), {
      command: 'deploy',
    });
    const out = r.human();
    expect(out).toContain('deploy failed: BAD_VALUE');
    expect(out).toContain('--listener-port must be 1-65535');
    expect(out).toMatch(/hint +e\.g\. --listener-port 80/);
    expect(out).not.toContain('resume');
  });

  it('says "run the same command again" once for an interrupt', () => {
    const r = render(kind, ev.success.slice(0, 19));
    r.renderer.error(ev.interrupted);
    const out = r.human().toLowerCase();
    expect(out).toContain('interrupted');
    expect(count(out, 'run the same command again')).toBe(1);
  });

  it('reports an unexpected error as internal, with the stack only under --verbose', () => {
    const quiet = render(kind, []);
    quiet.renderer.error(new TypeError('boom'), { command: 'deploy' });
    expect(quiet.human()).toContain('deploy failed: INTERNAL');
    expect(quiet.human()).toContain('--verbose for the stack trace');
    expect(quiet.human()).not.toContain('at ');

    const loud = render(kind, [], { verbose: true });
    loud.renderer.error(new TypeError('boom'), { command: 'deploy' });
    expect(loud.human()).toMatch(/TypeError: boom\n\s+at /);
  });

  it('shows API calls only with --verbose: service, action, ms, RequestId and cloud code', () => {
    const quiet = render(kind, [...ev.success.slice(0, 7), ...ev.apiCalls]);
    expect(quiet.human()).not.toContain('CreateFunction');

    const loud = render(kind, [...ev.success.slice(0, 7), ...ev.apiCalls], { verbose: true });
    const out = loud.human();
    expect(out).toMatch(/api fc CreateFunction +120ms +HTTP 200 +RequestId REQ-FC-1/);
    expect(out).toMatch(/api alb CreateServerGroup +48ms +HTTP 400 +Throttling\.User +RequestId REQ-ALB-2/);
  });

  it('masks credentials in every line, whatever event carried them', () => {
    const r = render(kind, [...ev.success.slice(0, 7), ...ev.leaky], { secrets: [ev.secrets.accessKeySecret] });
    const leakyDoc = {
      ...ev.cloudFailureDoc,
      error: { code: 'CLOUD_REFUSED', message: `bad signature for ${ev.secrets.accessKeySecret}` },
    };
    r.renderer.result(leakyDoc);
    const all = r.everything();
    expect(all).not.toContain(ev.secrets.accessKeySecret);
    expect(all).not.toContain(encodeURIComponent(ev.secrets.accessKeySecret));
    expect(all).not.toContain(ev.secrets.stsToken);
    expect(r.human()).toContain(`signing with secret ${MASK}`);
  });
});

describe('plan reasons from the runner', () => {
  it.each(['tty', 'plain', 'json'] as const)('%s: shows why a change is planned, not why nothing changes', (kind) => {
    const events: RunnerEvent[] = [
      {
        type: 'plan',
        step: 'function',
        title: 'FC function',
        action: 'update',
        detail: 'hello-api',
        reasons: ['memory 128 MB → 512 MB'],
      },
      {
        type: 'plan',
        step: 'listener',
        title: 'Listener',
        action: 'unchanged',
        detail: 'HTTP:80',
        reasons: ['recorded'],
      },
      { type: 'step-start', step: 'function', title: 'FC function', at: 0 },
    ];
    const text = render(kind, events).human();
    expect(text).toContain('↳ memory 128 MB → 512 MB');
    expect(text).not.toContain('↳ recorded');
  });
});
