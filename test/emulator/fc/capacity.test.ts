// FC capacity in the local cloud (docs/emulator.md, "Function Compute 3.0: capacity"), through the official FC
// client: reserved concurrency and provisioned instances (their APIs and checks), throttling past the reserved
// concurrency and the account's instances, provisioned instances that serve warm, and the delete FC refuses while
// provisioned instances exist.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { LocalCloud } from '../../../src/emulator/index.js';
import { startTestCloud } from '../../support/local-cloud.js';
import { makeZip } from '../../support/zip.js';
import { $Fc, createFunction, fcClient, invoke, rejection, type FcClientType } from './support.js';

/** A function that holds each request until `release` exists (so requests overlap without any timing). */
async function heldFunction(client: FcClientType, name: string): Promise<{ release: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'alb-fc-held-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const gate = join(dir, 'release');
  await createFunction(
    client,
    name,
    makeZip({
      'index.js': `const fs = require('node:fs');
        exports.handler = async () => {
          while (!fs.existsSync(process.env.GATE)) await new Promise((r) => setTimeout(r, 10));
          return 'done';
        };`,
    }),
    { environmentVariables: { GATE: gate }, timeout: 60 },
  );
  return { release: () => writeFile(gate, '') };
}

const putReserved = (client: FcClientType, name: string, reservedConcurrency: number) =>
  client.putConcurrencyConfig(
    name,
    new $Fc.PutConcurrencyConfigRequest({ body: new $Fc.PutConcurrencyInput({ reservedConcurrency }) }),
  );

const putProvisioned = (client: FcClientType, name: string, target: number) =>
  client.putProvisionConfig(
    name,
    new $Fc.PutProvisionConfigRequest({ qualifier: 'LATEST', body: new $Fc.PutProvisionConfigInput({ target }) }),
  );

const getProvisioned = async (client: FcClientType, name: string) =>
  (await client.getProvisionConfig(name, new $Fc.GetProvisionConfigRequest({ qualifier: 'LATEST' }))).body;

/** Polls GetProvisionConfig until `current` is `expected` (bounded: a deadline, not a timing assertion). */
async function provisionedCurrent(client: FcClientType, name: string, expected: number): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    const current = (await getProvisioned(client, name))?.current;
    if (current === expected) return;
    if (Date.now() > end) throw new Error(`provisioned instances of ${name}: current ${current}, expected ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function state(cloud: LocalCloud) {
  return (await (await fetch(`${cloud.endpoint}/_emulator/state`)).json()) as {
    services: {
      fc: { instances: Array<{ function: string; state: string; provisioned: boolean; invocations: number }> };
    };
  };
}

describe('reserved concurrency (Put/Get/DeleteConcurrencyConfig)', () => {
  it('is none until set, then answered, then gone again', async () => {
    const client = fcClient(await startTestCloud());
    await createFunction(client, 'rc-fn');
    expect((await client.getConcurrencyConfig('rc-fn')).body?.reservedConcurrency).toBeUndefined();
    const put = await putReserved(client, 'rc-fn', 3);
    expect(put.body).toMatchObject({
      reservedConcurrency: 3,
      functionArn: expect.stringMatching(/:functions\/rc-fn$/),
    });
    expect((await client.getConcurrencyConfig('rc-fn')).body?.reservedConcurrency).toBe(3);
    await client.deleteConcurrencyConfig('rc-fn');
    expect((await client.getConcurrencyConfig('rc-fn')).body?.reservedConcurrency).toBeUndefined();
  });

  it('refuses more than 90% of the account limit, and less than the provisioned instances it includes', async () => {
    const client = fcClient(await startTestCloud({ behaviour: { accountInstanceLimit: 10 } }));
    await createFunction(client, 'cap-fn');
    expect(await rejection(putReserved(client, 'cap-fn', 10))).toMatchObject({
      code: 'InvalidArgument',
      statusCode: 400,
      message: expect.stringContaining('functions may reserve 9 instances'),
    });
    await putReserved(client, 'cap-fn', 2);
    expect(await rejection(putProvisioned(client, 'cap-fn', 3))).toMatchObject({ code: 'InvalidArgument' });
    await putProvisioned(client, 'cap-fn', 2);
    expect(await rejection(putReserved(client, 'cap-fn', 1))).toMatchObject({ code: 'InvalidArgument' });
    await client.deleteProvisionConfig('cap-fn', new $Fc.DeleteProvisionConfigRequest({ qualifier: 'LATEST' }));
  });
});

describe('throttling', () => {
  it('answers ResourceExhausted (429) past the reserved concurrency, and serves again once an instance is free', async () => {
    const cloud = await startTestCloud();
    const client = fcClient(cloud);
    const held = await heldFunction(client, 'held-fn');
    await putReserved(client, 'held-fn', 1);
    const first = invoke(client, 'held-fn');
    // The first request is in flight until released; the second finds the one reserved instance busy.
    await untilServing(cloud, 'held-fn');
    const throttled = await rejection(invoke(client, 'held-fn'));
    expect(throttled).toMatchObject({ code: 'ResourceExhausted', statusCode: 429 });
    expect(throttled.message).toContain('reserved concurrency allows 1 instance(s)');
    await held.release();
    expect((await first).body.toString()).toBe('done');
    expect((await invoke(client, 'held-fn')).body.toString()).toBe('done');
  });

  it('blocks every invocation with a reserved concurrency of 0', async () => {
    const client = fcClient(await startTestCloud());
    await createFunction(client, 'blocked-fn');
    await putReserved(client, 'blocked-fn', 0);
    expect(await rejection(invoke(client, 'blocked-fn'))).toMatchObject({
      code: 'ResourceExhausted',
      message: expect.stringContaining('its reserved concurrency is 0'),
    });
  });

  it("throttles past the account's instances in the region, across functions (a knob)", async () => {
    const cloud = await startTestCloud({ behaviour: { accountInstanceLimit: 1 } });
    const client = fcClient(cloud);
    const held = await heldFunction(client, 'first-fn');
    await createFunction(client, 'second-fn');
    const first = invoke(client, 'first-fn');
    await untilServing(cloud, 'first-fn');
    expect(await rejection(invoke(client, 'second-fn'))).toMatchObject({
      code: 'ResourceExhausted',
      message: expect.stringContaining("the account's 1 instances in cn-hangzhou are all in use"),
    });
    await held.release();
    await first;
    expect((await invoke(client, 'second-fn')).statusCode).toBe(200);
  });

  it('answers with the status and code the behaviour names', async () => {
    const client = fcClient(
      await startTestCloud({ behaviour: { throttledInvocation: { status: 503, code: 'ResourceThrottled' } } }),
    );
    await createFunction(client, 'knob-fn');
    await putReserved(client, 'knob-fn', 0);
    expect(await rejection(invoke(client, 'knob-fn'))).toMatchObject({ code: 'ResourceThrottled', statusCode: 503 });
  });
});

describe('provisioned instances (Put/Get/DeleteProvisionConfig)', () => {
  it('starts them ahead, serves the first request warm, and stops them on delete', async () => {
    const cloud = await startTestCloud();
    const client = fcClient(cloud);
    await createFunction(client, 'warm-fn');
    expect(await getProvisioned(client, 'warm-fn')).toMatchObject({ target: 0, current: 0 });
    const put = await putProvisioned(client, 'warm-fn', 1);
    expect(put.body).toMatchObject({ target: 1, functionArn: expect.stringMatching(/:functions\/warm-fn$/) });
    await provisionedCurrent(client, 'warm-fn', 1);
    const before = (await state(cloud)).services.fc.instances.filter((i) => i.function === 'warm-fn');
    expect(before).toEqual([expect.objectContaining({ provisioned: true, invocations: 0 })]);

    expect((await invoke(client, 'warm-fn')).body.toString()).toBe('hello world');
    // The provisioned instance answered: no other instance was started for it.
    const after = (await state(cloud)).services.fc.instances.filter((i) => i.function === 'warm-fn');
    expect(after).toEqual([expect.objectContaining({ provisioned: true, invocations: 1 })]);

    expect(await rejection(client.deleteFunction('warm-fn'))).toMatchObject({ code: 'ProvisionConfigExist' });
    await client.deleteProvisionConfig('warm-fn', new $Fc.DeleteProvisionConfigRequest({ qualifier: 'LATEST' }));
    await provisionedCurrent(client, 'warm-fn', 0);
    await client.deleteFunction('warm-fn');
  });

  it('says why they cannot start', async () => {
    const client = fcClient(await startTestCloud());
    await createFunction(client, 'broken-fn', makeZip({ 'other.js': '' }));
    await putProvisioned(client, 'broken-fn', 1);
    const end = Date.now() + 20_000;
    let body = await getProvisioned(client, 'broken-fn');
    while (!body?.currentError && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      body = await getProvisioned(client, 'broken-fn');
    }
    expect(body).toMatchObject({
      target: 1,
      current: 0,
      currentError: expect.stringContaining("Cannot find module 'index'"),
    });
  });
});

/** Waits until a request of `name` holds an instance (so the gate has counted it); bounded by a deadline. */
async function untilServing(cloud: LocalCloud, name: string): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    const { instances } = (await state(cloud)).services.fc;
    if (instances.some((i) => i.function === name && (i.state === 'busy' || i.state === 'starting'))) return;
    if (Date.now() > end) throw new Error(`no request of ${name} is being served`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
