import { beforeAll, describe, expect, it } from 'vitest';
import { $Fc, createFunction, expectFcError, fcClient, useCloud, type FcClient } from './support.js';

// docs/emulator.md §5 (Function Compute 3.0: capacity), through the official FC client.

const cloud = useCloud();
let fc: FcClient;
beforeAll(async () => {
  fc = fcClient(cloud);
});

describe('capacity (FC SDK ConcurrencyConfig, ProvisionConfig)', () => {
  it('PutConcurrencyConfig/GetConcurrencyConfig and PutProvisionConfig/GetProvisionConfig answers, and DeleteFunction refused while provisioned (SDK ConcurrencyConfig, ProvisionConfig; devsapp/fc3 ProvisionConfigExist)', async () => {
    await createFunction(fc, 'cap-fn');
    expect((await fc.getConcurrencyConfig('cap-fn')).body).toEqual({
      functionArn: `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/cap-fn`,
    });
    const put = await fc.putConcurrencyConfig(
      'cap-fn',
      new $Fc.PutConcurrencyConfigRequest({ body: new $Fc.PutConcurrencyInput({ reservedConcurrency: 2 }) }),
    );
    expect(put.body?.reservedConcurrency).toBe(2);
    const provision = await fc.putProvisionConfig(
      'cap-fn',
      new $Fc.PutProvisionConfigRequest({ qualifier: 'LATEST', body: new $Fc.PutProvisionConfigInput({ target: 1 }) }),
    );
    expect(provision.body).toMatchObject({ target: 1, functionArn: expect.stringMatching(/:functions\/cap-fn$/) });
    await expectFcError(
      fc.putProvisionConfig(
        'cap-fn',
        new $Fc.PutProvisionConfigRequest({
          qualifier: 'LATEST',
          body: new $Fc.PutProvisionConfigInput({ target: 3 }),
        }),
      ),
      'InvalidArgument',
      400,
    );
    await expectFcError(fc.deleteFunction('cap-fn'), 'ProvisionConfigExist', 400);
    await fc.deleteProvisionConfig('cap-fn', new $Fc.DeleteProvisionConfigRequest({ qualifier: 'LATEST' }));
    expect((await fc.getProvisionConfig('cap-fn', new $Fc.GetProvisionConfigRequest({}))).body?.target).toBe(0);
    await fc.deleteFunction('cap-fn');
  });
});
