import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src/emulator/auth/accounts.js';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { makeZip } from '../../support/zip.js';
import { $Fc, createFunction, fcClient, invoke, rejection, seedFc2, type FcClientType } from './support.js';

// Which warm instances an invocation reaches. The runtime tells functions apart by account, region, name
// and qualifier: two accounts' `demo`, a function's LATEST and its version, FC 2.0 `svcA$h`, `svcB$h` and
// FC 3.0 `h` each keep their own instances (regression: they shared one pool per bare name, so every
// alternate call started cold, and an update in one account stopped another's instances). Handlers see
// their own account.

const ACCOUNTS: Account[] = [
  {
    accountId: '1111111111111111',
    identityType: 'RAMUser',
    principalName: 'a',
    keys: [{ accessKeyId: 'ak-a', accessKeySecret: 'secret-a' }],
  },
  {
    accountId: '2222222222222222',
    identityType: 'RAMUser',
    principalName: 'b',
    keys: [{ accessKeyId: 'ak-b', accessKeySecret: 'secret-b' }],
  },
];

/** Answers `{label, pid, accountId, envAccountId}`. */
function whoami(label: string): Buffer {
  return makeZip({
    'index.js': `exports.handler = async (event, context) => JSON.stringify({
      label: ${JSON.stringify(label)}, pid: process.pid, accountId: context.accountId, envAccountId: process.env.FC_ACCOUNT_ID,
    });`,
  });
}

interface Who {
  label: string;
  pid: number;
  accountId: string;
  envAccountId: string;
}

async function who(client: FcClientType, name: string, qualifier?: string): Promise<Who> {
  return JSON.parse((await invoke(client, name, undefined, { qualifier })).body.toString()) as Who;
}

let cloud: LocalCloud;
let a: FcClientType;
let b: FcClientType;

beforeAll(async () => {
  cloud = await startLocalCloud({ accounts: ACCOUNTS });
  a = fcClient(cloud, { accessKeyId: 'ak-a', accessKeySecret: 'secret-a' });
  b = fcClient(cloud, { accessKeyId: 'ak-b', accessKeySecret: 'secret-b' });
});
afterAll(async () => {
  await cloud.close();
});

describe('warm instances per function identity', () => {
  it("keeps two accounts' functions of the same name apart, each with its own account", async () => {
    await createFunction(a, 'demo', whoami('A'));
    await createFunction(b, 'demo', whoami('B'));
    const calls = [await who(a, 'demo'), await who(b, 'demo'), await who(a, 'demo'), await who(b, 'demo')];
    expect(calls.map((c) => c.label)).toEqual(['A', 'B', 'A', 'B']);
    expect(calls[2]!.pid).toBe(calls[0]!.pid);
    expect(calls[3]!.pid).toBe(calls[1]!.pid);
    expect(calls[0]).toMatchObject({ accountId: '1111111111111111', envAccountId: '1111111111111111' });
    expect(calls[1]).toMatchObject({ accountId: '2222222222222222', envAccountId: '2222222222222222' });

    // An update in account A restarts A's instances only.
    await a.updateFunction(
      'demo',
      new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ description: 'changed' }) }),
    );
    expect((await who(b, 'demo')).pid).toBe(calls[1]!.pid);
  });

  it('keeps LATEST and a published version apart', async () => {
    await createFunction(a, 'versioned', whoami('v1'));
    await a.publishFunctionVersion(
      'versioned',
      new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({}) }),
    );
    await a.updateFunction(
      'versioned',
      new $Fc.UpdateFunctionRequest({
        body: new $Fc.UpdateFunctionInput({
          code: new $Fc.InputCodeLocation({ zipFile: whoami('latest').toString('base64') }),
        }),
      }),
    );
    const calls = [
      await who(a, 'versioned'),
      await who(a, 'versioned', '1'),
      await who(a, 'versioned'),
      await who(a, 'versioned', '1'),
    ];
    expect(calls.map((c) => c.label)).toEqual(['latest', 'v1', 'latest', 'v1']);
    expect(calls[2]!.pid).toBe(calls[0]!.pid);
    expect(calls[3]!.pid).toBe(calls[1]!.pid);
  });

  it('keeps FC 2.0 functions of the same name in two services and an FC 3.0 function of that name apart', async () => {
    for (const serviceName of ['svcA', 'svcB']) {
      const seeded = await seedFc2(cloud, {
        serviceName,
        functionName: 'h',
        qualifier: 'prod',
        runtime: 'nodejs18',
        handler: 'index.handler',
        code: whoami(serviceName).toString('base64'),
        handlerType: 'event',
        httpTrigger: false,
      });
      expect(seeded.status).toBe(200);
    }
    await createFunction(a, 'h', whoami('v3'));
    const names = ['svcA$h', 'svcB$h', 'h'];
    const round = async (): Promise<Who[]> => {
      const calls: Who[] = [];
      for (const name of names) calls.push(await who(a, name));
      return calls;
    };
    const first = await round();
    const second = await round();
    expect(first.map((c) => c.label)).toEqual(['svcA', 'svcB', 'v3']);
    expect(second.map((c) => c.pid)).toEqual(first.map((c) => c.pid));
  });
});

describe('FC 2.0 qualifiers', () => {
  it('GetFunctionCode checks the qualifier like GetFunction and InvokeFunction', async () => {
    const code = (qualifier: string) => a.getFunctionCode('svcA$h', new $Fc.GetFunctionCodeRequest({ qualifier }));
    expect((await code('prod')).statusCode).toBe(200);
    expect((await code('LATEST')).statusCode).toBe(200);
    for (const call of [
      code('nope'),
      a.getFunction('svcA$h', new $Fc.GetFunctionRequest({ qualifier: 'nope' })),
      invoke(a, 'svcA$h', undefined, { qualifier: 'nope' }),
    ]) {
      expect(await rejection(call)).toMatchObject({ code: 'AliasNotFound', statusCode: 404 });
    }
  });
});
