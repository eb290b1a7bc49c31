import { describe, expect, it } from 'vitest';
import { policyRows, ramPolicy } from '../../src/cloud/ram-policy.js';
import { policyOutput, stateOutput } from '../../src/ui/index.js';
import { ansiPattern } from './helpers/capture.js';
import { kinds, render } from './helpers/run-renderer.js';

// Commands that are not runs of the procedure (`policy`, `state pull|push|unlock`) end with `renderer.output()`:
// in json mode exactly their document on stdout, otherwise their lines for people; secrets masked either way.

const rows = policyRows({
  stack: 'demo',
  region: 'cn-hangzhou',
  accountId: '1234567890',
  loadBalancerIds: ['alb-abc'],
  functionNames: ['alb-fc-demo'],
  zones: ['example.com'],
});
const policy = policyOutput({
  schemaVersion: 1,
  command: 'policy',
  status: 'succeeded',
  stack: 'demo',
  region: 'cn-hangzhou',
  policy: ramPolicy(rows),
  actions: rows,
  notes: ['account unknown: pass --account-id'],
});

describe('command output', () => {
  it('is exactly the document on stdout with --json', () => {
    const r = render('json', [], { command: 'policy' });
    r.renderer.output(policy);
    r.renderer.error(new Error('a later failure writes no second document'));
    const out = r.stdout.raw();
    expect(out.endsWith('\n') && !out.slice(0, -1).includes('\n')).toBe(true);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(policy.document)));
  });

  it.each(kinds.filter((k) => k !== 'json'))('is a table and the policy document for people (%s)', (kind) => {
    const r = render(kind, [], { command: 'policy' });
    r.renderer.output(policy);
    r.renderer.close();
    const text = r.human();
    expect(text).toContain('RAM policy for stack demo (cn-hangzhou)');
    expect(text).toMatch(/alb:CreateServerGroup\s+acs:alb:cn-hangzhou:1234567890:servergroup\/\*/);
    expect(text).toMatch(/fc:CreateFunction\s+\*\s+\(no resource-level authorization\)/);
    expect(text).toContain('! account unknown: pass --account-id');
    expect(text).toContain('"Version": "1"');
    expect(r.everything()).not.toMatch(ansiPattern);
  });

  it('masks secrets in what it writes', () => {
    const r = render('plain', [], { command: 'state push', secrets: ['s3cr3t-value'] });
    r.renderer.output(
      stateOutput({
        schemaVersion: 1,
        command: 'state push',
        status: 'succeeded',
        stack: 'demo',
        from: '/home/s3cr3t-value/.alb-fc/demo.state.json',
        to: 'oss://alb-fc-state/team/demo.state.json',
      }),
    );
    expect(r.human()).toContain('copied the state of stack demo');
    expect(r.everything()).not.toContain('s3cr3t-value');
  });
});
