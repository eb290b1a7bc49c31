import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  $Alb,
  $Fc,
  albClient,
  createFcGroup,
  createFunction,
  createListener,
  expectPopError,
  failure,
  fcClient,
  groupOf,
  startCloud,
  until,
  useCloud,
  withTempFile,
  type Cloud,
} from './support.js';

// The few rules that need time to pass (docs/emulator.md §3 latency, §9 locks). No timing
// assertions: only what reads see while a transition is still running.

const realistic = useCloud(['--latency', 'realistic']);
let slowCreate: Cloud;
beforeAll(async () => {
  const profile = { baseMs: 0, actionMs: { CreateServerGroup: 1500 }, transitionMs: { 'function.create': 60_000 } };
  slowCreate = await withTempFile(JSON.stringify(profile), (file) => startCloud(['--latency', file]));
});
afterAll(async () => {
  await slowCreate?.stop();
});

describe('--latency realistic (emulator.md §3)', () => {
  it('a group stays Creating across reads, then Available; a listener keeps the LB Configuring and locks it (emulator.md §9)', async () => {
    const alb = albClient(realistic);
    const lbId = realistic.info.loadBalancers[0]!.id;
    const { serverGroupId } = await createFcGroup(alb, 'slow-group');
    // several reads, not just one, see the in-between state while time passes
    for (let i = 0; i < 3; i++) expect((await groupOf(alb, serverGroupId!))?.serverGroupStatus).toBe('Creating');
    await expectPopError(
      alb.updateServerGroupAttribute(
        new $Alb.UpdateServerGroupAttributeRequest({ serverGroupId, serverGroupName: 'renamed' }),
      ),
      'IncorrectStatus.ServerGroup',
      400,
      'Alb',
    );
    await until(
      () => groupOf(alb, serverGroupId!),
      (g) => g?.serverGroupStatus === 'Available',
      400,
    );

    const created = await createListener(alb, lbId, 80, serverGroupId!);
    const lb = () => alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId }));
    const listener = () =>
      alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: created.body!.listenerId }));
    for (let i = 0; i < 2; i++) {
      expect((await lb()).body?.loadBalancerStatus).toBe('Configuring');
      expect((await listener()).body?.listenerStatus).toBe('Provisioning');
    }
    // even after reads have seen it, a concurrent listener change is refused while the listener provisions
    await expectPopError(createListener(alb, lbId, 81, serverGroupId!), 'IncorrectStatus.LoadBalancer', 400, 'Alb');
  });
});

describe('--latency FILE (docs/emulator.md §3)', () => {
  it('ClientToken: the first call still running → IdempotenceProcessing; afterwards the same token replays (ClientToken page)', async () => {
    const alb = albClient(slowCreate);
    const request = () =>
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: 'in-flight',
          serverGroupType: 'Fc',
          healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
          clientToken: 'slow-token',
        }),
      );
    // Two calls at once: whichever takes the token first runs for 1.5 s, and the other, arriving meanwhile, is
    // refused — which of them comes first is the local cloud's to decide, not a sleep's.
    const calls = [request(), request()];
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((o) => o.status).sort(), 'one call answers, the other is refused').toEqual([
      'fulfilled',
      'rejected',
    ]);
    await expectPopError(
      calls[outcomes.findIndex((o) => o.status === 'rejected')]!,
      'IdempotenceProcessing',
      400,
      'Alb',
    );
    const answered = await calls[outcomes.findIndex((o) => o.status === 'fulfilled')]!;
    const replayed = await request();
    expect(replayed.body?.serverGroupId).toBe(answered.body?.serverGroupId);
    expect(replayed.body?.jobId).toBe(answered.body?.jobId);
  });

  it("transitionMs['function.create']: the function stays Pending, and an update meanwhile → ConcurrentUpdateError 409 (FC 3.0 error codes page)", async () => {
    const fc = fcClient(slowCreate);
    await createFunction(fc, 'pending-fn');
    for (let i = 0; i < 3; i++) {
      const read = await fc.getFunction('pending-fn', new $Fc.GetFunctionRequest({}));
      expect(read.body).toMatchObject({ state: 'Pending', lastUpdateStatus: 'InProgress' });
    }
    const error = await failure(
      fc.updateFunction(
        'pending-fn',
        new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ timeout: 10 }) }),
      ),
    );
    expect({ code: error.code, status: error.statusCode }).toEqual({ code: 'ConcurrentUpdateError', status: 409 });
  });
});
