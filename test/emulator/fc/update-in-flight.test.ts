import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { manualClock } from '../../support/fake-clock.js';
import { $Fc, createFunction, fcClient, rejection, type FcClientType } from './support.js';

// With a latency profile that gives `function.update` a duration, an update is in flight for that long:
// another UpdateFunction meanwhile is ConcurrentUpdateError (409, FC 3.0 error codes page) and GetFunction keeps
// showing InProgress until it is done. The clock is the local cloud's injected one, moved by the test.

const clock = manualClock();
let cloud: LocalCloud;
let client: FcClientType;

beforeAll(async () => {
  cloud = await startLocalCloud({
    clock,
    latency: { baseMs: 0, actionMs: {}, transitionMs: { 'function.update': 60_000 } },
  });
  client = fcClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

function update(timeout: number) {
  return client.updateFunction(
    'busy-fn',
    new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ timeout }) }),
  );
}

describe('an update in flight', () => {
  it('refuses a concurrent UpdateFunction, then accepts one once the update is done', async () => {
    await createFunction(client, 'busy-fn');
    await update(5);
    expect(await rejection(update(6))).toMatchObject({ code: 'ConcurrentUpdateError', statusCode: 409 });
    const during = await client.getFunction('busy-fn', new $Fc.GetFunctionRequest({}));
    expect(during.body).toMatchObject({ lastUpdateStatus: 'InProgress', timeout: 5 });
    const stillDuring = await client.getFunction('busy-fn', new $Fc.GetFunctionRequest({}));
    expect(stillDuring.body?.lastUpdateStatus).toBe('InProgress');
    clock.advance(61_000);
    const after = await client.getFunction('busy-fn', new $Fc.GetFunctionRequest({}));
    expect(after.body).toMatchObject({ state: 'Active', lastUpdateStatus: 'Successful' });
    expect((await update(7)).body?.timeout).toBe(7);
  });
});
