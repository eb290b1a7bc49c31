// `alb-fc test --load` as the "Done when" tries it (issue 10): a function that sleeps 200 ms, deployed
// with --reserved-concurrency 2, is throttled under 40 requests 8 at a time, and the summary says which limit and
// what to change; with --reserved-concurrency 8 nothing is throttled and every request takes its 200 ms.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadDocument } from '../../src/runner/result-document.js';
import { cli, useWorkspace } from './harness.js';

const ws = useWorkspace();

async function sleepyCode(): Promise<string> {
  const dir = join(ws.cwd, 'sleepy');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'index.js'),
    "exports.handler = async () => { await new Promise((r) => setTimeout(r, 200)); return 'slept'; };\n",
  );
  return dir;
}

async function deploy(code: string, reserved: number): Promise<void> {
  const args = ['deploy', '--local', '--code', code, '--reserved-concurrency', String(reserved), '--yes', '--json'];
  const result = await cli(args, { cwd: ws.cwd, cloud: ws.cloud });
  expect(result.code, result.stderr).toBe(0);
}

async function loadTest(...extra: string[]): Promise<{ code: number; load: LoadDocument; stderr: string }> {
  const args = ['test', '--local', '--load', '--requests', '40', '--concurrency', '8', '--json', ...extra];
  const result = await cli(args, { cwd: ws.cwd, cloud: ws.cloud });
  return { code: result.code, load: result.json<{ test: { load: LoadDocument } }>().test.load, stderr: result.stderr };
}

describe('alb-fc test --load', () => {
  it('shows throttling at reserved concurrency 2 and why, and none at 8', async () => {
    const code = await sleepyCode();
    await deploy(code, 2);
    const throttled = await loadTest();
    expect(throttled.code, throttled.stderr).toBe(0);
    expect(throttled.load.requests).toBe(40);
    expect(throttled.load.throttled).toBeGreaterThan(0);
    expect(throttled.load.ok + throttled.load.throttled).toBe(40);
    expect(throttled.load.limit).toBe('reserved concurrency');
    expect(throttled.load.instancesNeeded).toBe(8);
    expect(throttled.load.explanation.join('\n')).toMatch(/reserved concurrency, 2 instances × 1 request each/);
    expect(throttled.load.explanation.join('\n')).toMatch(/--reserved-concurrency 8 \(now 2\)/);
    // Only two requests are served at once, each taking at least 200 ms.
    expect(throttled.load.qps).toBeLessThanOrEqual(10);

    await deploy(code, 8);
    const served = await loadTest();
    expect(served.load).toMatchObject({ requests: 40, ok: 40, throttled: 0, errors: {} });
    expect(served.load.latencyMs?.p50).toBeGreaterThanOrEqual(200);
    expect(served.load.explanation[0]).toMatch(/No request was throttled/);
  });

  it('runs for a duration, and the human summary has the histogram', async () => {
    await deploy(await sleepyCode(), 4);
    const result = await cli(['test', '--local', '--load', '--duration', '1s', '--concurrency', '2'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Load +\d+ requests, 2 at a time/);
    expect(result.stdout).toMatch(/Histogram +\d+–\d+ ms/);
    expect(result.stderr).toMatch(/Connectivity test: load \[█+░*\]/);
  });

  it('refuses load options without --load, and bad values, before anything runs', async () => {
    const alone = await cli(['test', '--local', '--requests', '5'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--requests is an option of the load test');
    const bad = await cli(['test', '--local', '--load', '--concurrency', '0'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency "0" must be a whole number from 1 to 1000');
  });
});

describe('capacity flags', () => {
  it('refuses values FC would refuse, naming the flag, before any write', async () => {
    const before = ws.cloud.calls.list().length;
    const result = await cli(['deploy', '--local', '--cpu', '1', '--memory', '128', '--yes'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--cpu 1 does not fit 128 MB of memory');
    expect(
      ws.cloud.calls
        .list()
        .slice(before)
        .filter((c) => !/^(Get|List|Describe)/.test(c.action)),
    ).toEqual([]);
  });

  it('refuses them with --function-arn, whose function alb-fc never changes', async () => {
    const arn = 'acs:fc:cn-hangzhou:1000000000000001:functions/theirs';
    const result = await cli(['deploy', '--local', '--function-arn', arn, '--reserved-concurrency', '2', '--yes'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reserved-concurrency cannot be used with --function-arn');
  });

  it('takes them from alb-fc.yaml and the environment too', async () => {
    await writeFile(join(ws.cwd, 'alb-fc.yaml'), 'reserved-concurrency: 3\n');
    const result = await cli(['plan', '--local', '--json'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
      env: { ALB_FC_PROVISIONED_INSTANCES: '1' },
    });
    expect(result.code, result.stderr).toBe(0);
    const plan = result.json<{ plan: { changes: Array<{ resource: string; reasons: string[] }> } }>().plan;
    expect(plan.changes.find((c) => c.resource === 'function')?.reasons).toEqual(
      expect.arrayContaining(['reserved concurrency none → 3', 'provisioned instances 0 → 1']),
    );
  });
});
