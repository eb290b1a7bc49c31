import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/emulator/index.js';
import { cli, inventory, useWorkspace, writeCalls } from './harness.js';

// Preflight from FC's documented limits for ALB backends (FC "ALB triggers": the listener and the server group
// support only HTTP; FC 2.0 functions need an HTTP trigger): each refusal exits 4 naming the culprit before any
// write, as the local cloud's call log shows; a function that may outlive the listener's request timeout is a
// warning.

const ws = useWorkspace();
const empty = { functions: 0, serverGroups: 0, listeners: 0, records: 0 };

async function admin<T>(cloud: LocalCloud, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${cloud.endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

const local = () => ({ cwd: ws.cwd, cloud: ws.cloud });

describe('an HTTPS or QUIC listener for the Fc group', () => {
  it('--listener-protocol HTTPS: exit 4 with the documented reason, before any call that writes', async () => {
    const result = await cli(['deploy', '--local', '--yes', '--listener-protocol', 'https'], local());
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('LISTENER_PROTOCOL_UNSUPPORTED');
    expect(result.stderr).toContain(
      '--listener-protocol HTTPS: ALB forwards to Function Compute only through HTTP listeners (FC "ALB triggers": the listener and the server group support only HTTP)',
    );
    expect(writeCalls(ws.cloud)).toEqual([]);
    expect(await inventory(ws.cloud)).toEqual(empty);
  });

  it('listener-protocol: QUIC in alb-fc.yaml is refused the same way; TCP is not a listener protocol (exit 2)', async () => {
    await writeFile(join(ws.cwd, 'alb-fc.yaml'), 'listener-protocol: QUIC\n');
    const quic = await cli(['plan', '--local', '--json'], local());
    expect(quic.code).toBe(4);
    expect(quic.json<{ error: { code: string } }>().error.code).toBe('LISTENER_PROTOCOL_UNSUPPORTED');
    const tcp = await cli(['deploy', '--local', '--yes', '--listener-protocol', 'TCP'], local());
    expect(tcp.code).toBe(2);
    expect(tcp.stderr).toContain('must be HTTP, HTTPS or QUIC');
    expect(writeCalls(ws.cloud)).toEqual([]);
  });

  it('an HTTPS listener already on the port: exit 4 naming it, nothing written', async () => {
    const lb = ws.cloud.info.loadBalancers[0]!.id;
    const seeded = await admin<{ ListenerId: string }>(ws.cloud, '/_emulator/alb/listeners', {
      loadBalancerId: lb,
      port: 443,
      protocol: 'HTTPS',
    });
    const result = await cli(['deploy', '--local', '--yes', '--listener-port', '443'], local());
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      `port 443 of ${lb} has the HTTPS listener ${seeded.ListenerId}: ALB forwards to Function Compute only through HTTP listeners`,
    );
    expect(result.stderr).toContain('--listener-port');
    expect(writeCalls(ws.cloud)).toEqual([]);
    expect(await inventory(ws.cloud)).toEqual({ ...empty, listeners: 1 });
  });
});

describe("the function's timeout and the listener's request timeout", () => {
  it('a timeout above 60 s is a warning naming both, once, and the deploy goes on', async () => {
    const result = await cli(['deploy', '--local', '--yes', '--timeout', '120'], local());
    expect(result.code).toBe(0);
    const warning = "the function's timeout (120 s) is longer than the new listener's request timeout (60 s)";
    expect(result.stderr).toContain(warning);
    expect(result.stderr.split(warning)).toHaveLength(2);
    const quiet = await cli(['plan', '--local', '--timeout', '60'], local());
    expect(quiet.stderr + quiet.stdout).not.toContain('request timeout');
  });
});

describe('an FC 2.0 function without an HTTP trigger', () => {
  it('is refused (exit 4) naming it, nothing written', async () => {
    const seeded = await admin<{ arn: string }>(ws.cloud, '/_emulator/fc/fc2-functions', {
      serviceName: 'legacy',
      functionName: 'worker',
      handlerType: 'event',
      httpTrigger: false,
      runtime: 'nodejs20',
      handler: 'index.handler',
    });
    const result = await cli(['deploy', '--local', '--yes', '--function-arn', seeded.arn], local());
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('FC 2.0 function legacy/worker has no HTTP trigger');
    expect(writeCalls(ws.cloud)).toEqual([]);
  });
});
