import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionDirectoryOf } from '../../../src/emulator/core/function-directory.js';
import { startLocalCloud } from '../../../src/emulator/index.js';
import { makeZip } from '../../support/zip.js';
import { $Fc, createFunction, fcClient, helloZip, httpEvent, invoke, seedFc2 } from './support.js';

// With `dataDir`, functions, their code, triggers, versions and FC 2.0 seeds survive a restart, and the code
// still runs; a reset clears them and the runtime starts again.

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'alb-fc-fc-persist-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps functions and their code across a restart', async () => {
    const zip = helloZip('still here');
    const first = await startLocalCloud({ dataDir });
    let functionId: string | undefined;
    try {
      const client = fcClient(first);
      functionId = (await createFunction(client, 'kept-fn', zip, { tags: [new $Fc.Tag({ key: 'k', value: 'v' })] }))
        .body?.functionId;
      await client.createTrigger(
        'kept-fn',
        new $Fc.CreateTriggerRequest({
          body: new $Fc.CreateTriggerInput({ triggerName: 'web', triggerType: 'http', triggerConfig: '{}' }),
        }),
      );
      await client.publishFunctionVersion(
        'kept-fn',
        new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({}) }),
      );
      const seeded = await seedFc2(first, {
        serviceName: 'old',
        functionName: 'kept',
        runtime: 'nodejs16',
        handler: 'index.handler',
        code: makeZip({ 'index.js': `exports.handler = async () => 'fc2 kept';` }).toString('base64'),
        handlerType: 'event',
        httpTrigger: true,
      });
      expect(seeded.status).toBe(200);
      expect((await invoke(client, 'kept-fn')).body.toString()).toBe('still here');
    } finally {
      await first.close();
    }
    const saved = await readFile(join(dataDir, 'state.json'), 'utf8');
    expect(saved).toContain('kept-fn');
    expect(saved).not.toContain(zip.toString('base64'));

    const second = await startLocalCloud({ dataDir });
    try {
      const client = fcClient(second);
      // The read owed to the in-between state (never made before the restart) is still owed after it.
      const owed = await client.getFunction('kept-fn', new $Fc.GetFunctionRequest({}));
      expect(owed.body).toMatchObject({ functionId, state: 'Pending' });
      const fn = await client.getFunction('kept-fn', new $Fc.GetFunctionRequest({}));
      expect(fn.body).toMatchObject({ functionId, state: 'Active', lastUpdateStatus: 'Successful' });
      expect(fn.body?.tags?.map((t) => [t.key, t.value])).toEqual([['k', 'v']]);
      expect((await invoke(client, 'kept-fn')).body.toString()).toBe('still here');
      expect((await invoke(client, 'kept-fn', undefined, { qualifier: '1' })).body.toString()).toBe('still here');
      const triggers = await client.listTriggers('kept-fn', new $Fc.ListTriggersRequest({}));
      expect(triggers.body?.triggers?.map((t) => t.triggerName)).toEqual(['web']);
      const directory = functionDirectoryOf(second.services)!;
      const ref = directory.findByArn(
        second.info.accountId,
        `acs:fc:${second.info.region}:${second.info.accountId}:services/old/functions/kept`,
      );
      expect((await directory.invoke(ref!, httpEvent()))?.body.toString()).toBe('fc2 kept');
    } finally {
      await second.close();
    }
  });

  it('writes a read that saw the in-between state at once (a kill -9 after it does not owe it again)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alb-fc-fc-read-'));
    const cloud = await startLocalCloud({ dataDir: dir });
    try {
      const client = fcClient(cloud);
      await createFunction(client, 'read-fn');
      const seen = await client.getFunction('read-fn', new $Fc.GetFunctionRequest({}));
      expect(seen.body).toMatchObject({ state: 'Pending' });
      // On disk before any stop: the transition's owed read is spent.
      const saved = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as {
        services: {
          fc: { scopes: Record<string, { functions: Record<string, { transition?: { readsLeft: number } }> }> };
        };
      };
      const [scope] = Object.values(saved.services.fc.scopes);
      expect(scope?.functions['read-fn']?.transition?.readsLeft).toBe(0);
    } finally {
      await cloud.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('clears functions on reset and runs code again afterwards', async () => {
    const cloud = await startLocalCloud();
    try {
      const client = fcClient(cloud);
      await createFunction(client, 'reset-fn', helloZip('before'));
      expect((await invoke(client, 'reset-fn')).body.toString()).toBe('before');
      expect((await fetch(`${cloud.endpoint}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
      await expect(client.getFunction('reset-fn', new $Fc.GetFunctionRequest({}))).rejects.toMatchObject({
        code: 'FunctionNotFound',
      });
      await createFunction(client, 'reset-fn', helloZip('after'));
      expect((await invoke(client, 'reset-fn')).body.toString()).toBe('after');
    } finally {
      await cloud.close();
    }
  });
});
