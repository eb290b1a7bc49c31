import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/emulator/index.js';
import { cli, inventory, useWorkspace, writeCalls } from './harness.js';

// Non-interactive, alb-fc never chooses for the user (issue 8): a value the wizard would ask — the ALB, the custom
// domain — is exit 2 naming its flag and env var and listing what the account holds, and nothing is written.
// Only `--local` (alb-fc's own seeded cloud, never a production account) takes its single ALB and zone.

const ws = useWorkspace();
const empty = { functions: 0, serverGroups: 0, listeners: 0, records: 0 };

/** A second ALB in the local cloud (admin route), so there is a real choice. */
async function addLoadBalancer(cloud: LocalCloud, name: string, addressType = 'Internet'): Promise<string> {
  const response = await fetch(`${cloud.endpoint}/_emulator/alb/load-balancers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, addressType }),
  });
  return ((await response.json()) as { LoadBalancerId: string }).LoadBalancerId;
}

describe('non-interactive without --alb-id', () => {
  it('exits 2 naming --alb-id and ALB_FC_ALB_ID, listing every ALB with name, address type and DNS name', async () => {
    const seeded = ws.cloud.info.loadBalancers[0]!;
    const second = await addLoadBalancer(ws.cloud, 'private-one', 'Intranet');
    const args = [
      'deploy',
      '--endpoint',
      ws.cloud.endpoint,
      '--domain',
      'api.example.com',
      '--yes',
      '--non-interactive',
    ];
    const result = await cli(args, { cwd: ws.cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --alb-id');
    expect(result.stderr).toContain('ALB_FC_ALB_ID');
    expect(result.stderr).toContain(
      `ALB instances in cn-hangzhou: ${seeded.id}  alb-fc-local (Internet, ${seeded.dnsName})`,
    );
    expect(result.stderr).toMatch(
      new RegExp(`${second} {2}private-one \\(Intranet, ${second}\\.cn-hangzhou\\.alb\\.aliyuncs\\.com\\)`),
    );
    expect(writeCalls(ws.cloud)).toEqual([]);
    expect(await inventory(ws.cloud)).toEqual(empty);
  });

  it('with --json, the document says the same (one listed ALB is still not chosen)', async () => {
    const args = ['deploy', '--endpoint', ws.cloud.endpoint, '--domain', 'api.example.com', '--yes', '--json'];
    const result = await cli(args, { cwd: ws.cwd });
    expect(result.code).toBe(2);
    const doc = result.json<{ status: string; error: { code: string; message: string; hint: string } }>();
    expect(doc.status).toBe('failed');
    expect(doc.error.code).toBe('MISSING_VALUE');
    expect(doc.error.message).toContain('--alb-id');
    expect(doc.error.hint).toContain(ws.cloud.info.loadBalancers[0]!.id);
    expect(writeCalls(ws.cloud)).toEqual([]);
  });

  it('with --local and two ALBs in the local cloud, it does not pick one either', async () => {
    await addLoadBalancer(ws.cloud, 'another');
    const result = await cli(['deploy', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --alb-id');
    expect(result.stderr).toContain('another');
    expect(writeCalls(ws.cloud)).toEqual([]);
  });
});

describe('non-interactive without --domain', () => {
  it('exits 2 naming --domain and ALB_FC_DOMAIN, listing the DNS zones, or --skip-dns', async () => {
    const args = ['deploy', '--endpoint', ws.cloud.endpoint, '--alb-id', ws.cloud.info.loadBalancers[0]!.id, '--yes'];
    const result = await cli(args, { cwd: ws.cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --domain');
    expect(result.stderr).toContain('ALB_FC_DOMAIN');
    expect(result.stderr).toContain(
      'DNS zones in the account: example.com (e.g. --domain api.example.com), or pass --skip-dns',
    );
    expect(writeCalls(ws.cloud)).toEqual([]);
  });
});

describe('--local, the quick start', () => {
  it("takes the local cloud's only ALB and a host in its zone, and says so in the equivalent command line", async () => {
    const result = await cli(['init', '--local', '--yes'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`--alb-id ${ws.cloud.info.loadBalancers[0]!.id}`);
    expect(result.stdout).toContain('--domain hello.example.com');
  });
});
