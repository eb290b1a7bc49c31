// The cloud misbehaving, through the local cloud's fault injection and the official SDK clients: transient
// refusals are retried and the deploy succeeds; a permanent one fails fast (exit 3) with the cloud's code and
// RequestId; a create the cloud performed but whose answer was lost is resumed into the same resource.
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { toResultDocument } from '../../src/runner/result-document.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach, expectNothingLeft } from './support/expectations.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const stack = useLocalStack();

function callsOf(action: string): Array<{ status: number; code: string | null }> {
  return stack.cloud.calls
    .list()
    .filter((c) => c.action === action)
    .map((c) => ({ status: c.status, code: c.code }));
}

describe('transient faults', () => {
  it('retries SystemBusy, Throttling (429, x-acs-retry-after), a 503 and IncorrectStatus.LoadBalancer', async () => {
    const { faults } = stack.cloud;
    faults.add({ service: 'alb', action: 'CreateServerGroup', count: 2, error: { status: 400, code: 'SystemBusy' } });
    faults.add({
      service: 'alb',
      action: 'AddServersToServerGroup',
      count: 1,
      error: { status: 429, code: 'Throttling.User', headers: { 'x-acs-retry-after': '40' } },
    });
    faults.add({
      service: 'fc',
      action: 'CreateFunction',
      count: 1,
      error: { status: 503, code: 'ServiceUnavailable' },
    });
    faults.add({
      service: 'alb',
      action: 'CreateListener',
      count: 1,
      error: {
        status: 400,
        code: 'IncorrectStatus.LoadBalancer',
        message: 'The status of the load balancer is incorrect.',
      },
    });
    const { result } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.test?.body).toBe('hello world');

    const retries = stack.eventsOf('step-retry');
    expect(retries.map((r) => `${r.step} ${r.cloudCode}`).sort()).toEqual([
      'function ServiceUnavailable',
      'listener IncorrectStatus.LoadBalancer',
      'server Throttling.User',
      'serverGroup SystemBusy',
      'serverGroup SystemBusy',
    ]);
    // The SDK hands x-acs-retry-after (ms) to alb-fc, which waits at least that long.
    expect(retries.find((r) => r.cloudCode === 'Throttling.User')?.delayMs).toBeGreaterThanOrEqual(40);
    // Each refused call reached the cloud once per attempt: retried by alb-fc, not behind its back.
    expect(callsOf('CreateServerGroup')).toEqual([
      { status: 400, code: 'SystemBusy' },
      { status: 400, code: 'SystemBusy' },
      { status: 200, code: null },
    ]);
    expect(callsOf('AddServersToServerGroup')).toEqual([
      { status: 429, code: 'Throttling.User' },
      { status: 200, code: null },
    ]);
    expect(callsOf('CreateFunction').map((c) => c.status)).toEqual([503, 200]);
    expect(callsOf('CreateListener').map((c) => c.status)).toEqual([400, 200]);
    await expectExactlyOneOfEach(stack, 'after transient faults');
  });
});

describe('transient faults while destroying', () => {
  it('retries each delete (with a fresh ClientToken per attempt) and removes everything', async () => {
    const { result: deployed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(deployed.exitCode, describeReport(deployed)).toBe(0);
    const { faults } = stack.cloud;
    faults.add({
      service: 'alidns',
      action: 'DeleteDomainRecord',
      count: 1,
      error: { status: 400, code: 'LastOperationNotFinished' },
    });
    faults.add({ service: 'alb', action: 'DeleteListener', count: 1, error: { status: 400, code: 'SystemBusy' } });
    faults.add({
      service: 'alb',
      action: 'RemoveServersFromServerGroup',
      count: 1,
      error: { status: 429, code: 'Throttling', headers: { 'x-acs-retry-after': '10' } },
    });
    faults.add({
      service: 'alb',
      action: 'DeleteServerGroup',
      count: 1,
      error: { status: 400, code: 'ResourceInUse.ServerGroup' },
    });
    faults.add({
      service: 'fc',
      action: 'DeleteFunction',
      count: 1,
      error: { status: 503, code: 'ServiceUnavailable' },
    });
    const { result } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(
      stack
        .eventsOf('step-retry')
        .map((r) => r.cloudCode)
        .sort(),
    ).toEqual([
      'LastOperationNotFinished',
      'ResourceInUse.ServerGroup',
      'ServiceUnavailable',
      'SystemBusy',
      'Throttling',
    ]);
    await expectNothingLeft(stack, 'after transient faults while destroying');
  });
});

describe('a permanent refusal', () => {
  it('fails fast with exit 3, the cloud code and its RequestId, and a later deploy succeeds', async () => {
    stack.cloud.faults.add({
      service: 'alb',
      action: 'CreateServerGroup',
      count: 1,
      error: {
        status: 403,
        code: 'Forbidden.RAM',
        message: 'User not authorized to operate on the specified resource.',
      },
    });
    const { result } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(result.exitCode, describeReport(result)).toBe(3);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ step: 'serverGroup', cloudCode: 'Forbidden.RAM' });
    expect(result.error?.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(result.error?.message).toContain('not authorized');
    const doc = toResultDocument(result);
    expect(doc.error).toMatchObject({ cloudCode: 'Forbidden.RAM', requestId: result.error?.requestId });
    expect(callsOf('CreateServerGroup'), 'not retried').toHaveLength(1);
    // The --verbose line of the refused call carries the same RequestId.
    const line = stack.eventsOf('api-call').find((e) => e.action === 'CreateServerGroup');
    expect(line).toMatchObject({ cloudCode: 'Forbidden.RAM', status: 403, requestId: result.error?.requestId });
    const saved = await stack.state();
    expect(saved?.steps.serverGroup?.intent?.refused).toBe(true);
    expect(saved?.steps.serverGroup?.lastError).toMatchObject({ cloudCode: 'Forbidden.RAM' });

    const { result: again } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(again.exitCode, describeReport(again)).toBe(0);
    await expectExactlyOneOfEach(stack, 'after the refusal is lifted');
  });
});

describe('the cloud did it, the client never heard', () => {
  it('retries a dropped ALB create with the same ClientToken and gets the same resource back', async () => {
    for (const action of ['CreateServerGroup', 'AddServersToServerGroup', 'CreateListener']) {
      stack.cloud.faults.add({ service: 'alb', action, count: 1, drop: 'after' });
    }
    stack.cloud.faults.add({ service: 'fc', action: 'CreateFunction', count: 1, drop: 'after' });
    stack.cloud.faults.add({ service: 'alidns', action: 'AddDomainRecord', count: 1, drop: 'after' });
    const { result } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    for (const action of ['CreateServerGroup', 'AddServersToServerGroup', 'CreateListener']) {
      expect(callsOf(action), action).toEqual([
        { status: 0, code: 'ConnectionDropped' },
        { status: 200, code: null },
      ]);
    }
    expect(stack.eventsOf('step-retry').map((r) => r.cloudCode)).toContain('NetworkError');
    await expectExactlyOneOfEach(stack, 'after dropped answers');
  });

  it('resumes a create whose answer was lost in an earlier run: found by its tags, never created twice', async () => {
    stack.cloud.faults.add({ service: 'alb', action: 'CreateServerGroup', count: 1, drop: 'after' });
    // One attempt per call: the run ends at the lost answer, as a killed CI job would.
    const { result: lost } = await stack.process((deps) => deploy(stack.input(), deps), {
      deps: (deps) => ({ ...deps, retry: { ...deps.retry, maxAttempts: 1 } }),
    });
    expect(lost.exitCode, describeReport(lost)).toBe(3);
    expect(lost.error?.cloudCode).toBe('NetworkError');
    const groups = (await stack.inventory()).groups;
    expect(groups, 'ALB made the group').toHaveLength(1);
    const saved = await stack.state();
    expect(saved?.steps.serverGroup?.outputs).toBeUndefined();
    const token = saved?.steps.serverGroup?.intent?.clientToken;
    expect(token).toBeDefined();

    const { result: resumed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    const after = await stack.state();
    expect(after?.steps.serverGroup?.intent?.clientToken).toBe(token);
    expect(after?.steps.serverGroup?.outputs?.id).toBe(groups[0]);
    expect(callsOf('CreateServerGroup'), 'only the lost create').toHaveLength(1);
    await expectExactlyOneOfEach(stack, 'after a lost answer and a new run');
  });
});
