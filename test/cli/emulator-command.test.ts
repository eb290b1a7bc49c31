import AlbModule, * as $Alb from '@alicloud/alb20200616';
import StsModule from '@alicloud/sts20150401';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { cjsDefault } from '../../src/lib/interop.js';
import { main } from '../../src/main.js';
import { cli, inventory, useWorkspace } from './harness.js';
import { failure } from '../support/sdk-error.js';
import { tempDir } from '../support/temp-dir.js';

const Sts = cjsDefault(StsModule);
const Alb = cjsDefault(AlbModule);

// `alb-fc emulator start` in the foreground (in-process here): the ready line, several accounts with
// STS keys, and stopping on the signal. And `--endpoint` at a running local cloud.

let cwd: string;
beforeEach(async () => {
  cwd = await tempDir('alb-fc-emu-');
});

async function startForeground(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const controller = new AbortController();
  let errors = '';
  stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<Record<string, unknown>>((resolve) => {
    let text = '';
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!) as Record<string, unknown>);
    });
  });
  const exit = main(['emulator', 'start', '--json', ...args], {
    env: {},
    cwd,
    home: cwd,
    stdin: new PassThrough(),
    stdinIsTTY: false,
    stdout,
    stderr,
    clock: systemClock,
    signal: controller.signal,
  });
  // A local cloud that exits instead of getting ready fails the test at once, with what it said.
  const early = exit.then((code) => Promise.reject(new Error(`emulator start exited ${code}: ${errors}`)));
  early.catch(() => undefined); // after a normal stop, `early` rejects too: nobody needs to hear it
  return { ready: await Promise.race([ready, early]), stop: () => (controller.abort(), exit) };
}

describe('alb-fc emulator start', () => {
  it('prints one ready line, serves several accounts with STS keys, and stops on the signal', async () => {
    const accounts = join(cwd, 'accounts.json');
    await writeFile(
      accounts,
      JSON.stringify([
        { accountId: '1111111111111111', keys: [{ accessKeyId: 'ak-one', accessKeySecret: 'secret-one-123' }] },
        {
          accountId: '2222222222222222',
          identityType: 'AssumedRoleUser',
          principalName: 'deployer',
          keys: [{ accessKeyId: 'STS.two', accessKeySecret: 'secret-two-456', securityToken: 'token-two' }],
        },
      ]),
    );
    const emulator = await startForeground(['--accounts', accounts]);
    try {
      expect(emulator.ready).toMatchObject({ event: 'ready', accountId: '1111111111111111', accessKeyId: 'ak-one' });
      const host = String(emulator.ready.endpoint).replace('http://', '');
      const config = (extra: Record<string, string>) =>
        new $OpenApiUtil.Config({ endpoint: host, protocol: 'http', regionId: 'cn-hangzhou', ...extra });
      const assumed = await new Sts(
        config({ accessKeyId: 'STS.two', accessKeySecret: 'secret-two-456', securityToken: 'token-two' }),
      ).getCallerIdentity();
      expect(assumed.body).toMatchObject({ accountId: '2222222222222222', identityType: 'AssumedRoleUser' });
      const wrongToken = new Sts(
        config({ accessKeyId: 'STS.two', accessKeySecret: 'secret-two-456', securityToken: 'wrong' }),
      ).getCallerIdentity();
      expect(await failure(wrongToken)).toMatchObject({ code: 'InvalidSecurityToken.MismatchWithAccessKey' });
    } finally {
      await emulator.stop();
    }
    expect(await emulator.stop()).toBe(0);
  });

  it('refuses a malformed accounts file with exit 2', async () => {
    const accounts = join(cwd, 'accounts.json');
    await writeFile(accounts, '[{"accountId": 1}]');
    const result = await cli(['emulator', 'start', '--accounts', accounts], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--accounts');
    expect(result.stderr).toContain('must be a non-empty list');
  });
});

describe('alb-fc emulator start --behaviour', () => {
  it('applies the overrides (no region with Fc backends → UnsupportedFeature.FcServerGroup)', async () => {
    const behaviour = join(cwd, 'behaviour.json');
    await writeFile(behaviour, JSON.stringify({ fcBackendRegions: [] }));
    const emulator = await startForeground(['--behaviour', behaviour]);
    try {
      const alb = new Alb(
        new $OpenApiUtil.Config({
          endpoint: String(emulator.ready.endpoint).replace('http://', ''),
          protocol: 'http',
          regionId: 'cn-hangzhou',
          accessKeyId: String(emulator.ready.accessKeyId),
          accessKeySecret: String(emulator.ready.accessKeySecret),
        }),
      );
      const fcGroup = alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: 'fc-group',
          serverGroupType: 'Fc',
          healthCheckConfig: { healthCheckEnabled: false },
        }),
      );
      expect(await failure(fcGroup)).toMatchObject({ code: 'UnsupportedFeature.FcServerGroup' });
    } finally {
      await emulator.stop();
    }
  });

  it('refuses unknown keys with exit 2, naming them', async () => {
    const behaviour = join(cwd, 'behaviour.json');
    await writeFile(behaviour, JSON.stringify({ secondFunctionErrorCod: 'X' }));
    const result = await cli(['emulator', 'start', '--behaviour', behaviour], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('secondFunctionErrorCod');
  });
});

describe('--endpoint at a running local cloud', () => {
  const ws = useWorkspace();
  it('is recognised: its key is used when none is configured, and the test goes through its listener', async () => {
    const target = ['--alb-id', ws.cloud.info.loadBalancers[0]!.id, '--domain', 'hello.example.com'];
    const result = await cli(['deploy', '--endpoint', ws.cloud.endpoint, ...target, '--yes', '--json'], {
      cwd: ws.cwd,
    });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ status: 'succeeded', test: { via: 'dns', body: 'hello world' } });
    expect(await inventory(ws.cloud)).toEqual({ functions: 1, serverGroups: 1, listeners: 1, records: 1 });
  });
});
