// Changes made by hand, through the official SDK clients, behind alb-fc's back: `status` reports what is
// missing or drifted, `plan` shows what deploy would do about it, and deploy puts it back.
import AlbModule from '@alicloud/alb20200616';
import * as $Alb from '@alicloud/alb20200616';
import { beforeEach, describe, expect, it } from 'vitest';
import { deploy, plan, status } from '../../src/runner/engine.js';
import { cjsDefault } from '../../src/lib/interop.js';
import { describeReport } from '../support/invariants.js';
import { sdkConfig } from '../support/sdk-config.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const Alb = cjsDefault(AlbModule);

const stack = useLocalStack();
beforeEach(async () => {
  const { result } = await stack.process((deps) => deploy(stack.input(), deps));
  expect(result.exitCode, describeReport(result)).toBe(0);
});

/** A server group made by hand (no alb-fc tags), Available. */
async function otherGroup(): Promise<string> {
  const ports = stack.ports(() => undefined);
  const { id } = await ports.alb.createServerGroup({
    clientToken: 'by-hand-1',
    name: 'other-sg',
    healthCheckEnabled: false,
    tags: {},
  });
  while ((await ports.alb.getServerGroup(id))?.status !== 'Available');
  return id;
}

async function retargetListener(listenerId: string, serverGroupId: string): Promise<void> {
  const client = new Alb(sdkConfig(stack.cloud));
  await client.updateListenerAttribute(
    new $Alb.UpdateListenerAttributeRequest({
      listenerId,
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId }] },
        } as $Alb.UpdateListenerAttributeRequestDefaultActions,
      ],
    }),
  );
  const ports = stack.ports(() => undefined);
  while ((await ports.alb.getListener(listenerId))?.status !== 'Running');
}

describe('drift made by hand', () => {
  it('shows a retargeted listener, a changed CNAME and a deleted function; plan and deploy fix them', async () => {
    const state = await stack.state();
    const listenerId = state?.steps.listener?.outputs?.id ?? '';
    const groupId = state?.steps.serverGroup?.outputs?.id ?? '';
    const recordId = state?.steps.dnsRecord?.outputs?.recordId ?? '';
    const other = await otherGroup();
    await retargetListener(listenerId, other);
    const ports = stack.ports(() => undefined);
    await ports.dns.updateRecord({ id: recordId, rr: 'api', type: 'CNAME', value: 'elsewhere.example.net', ttl: 600 });
    expect(await ports.functions.delete('hello')).toBe('deleted');

    const { result: seen } = await stack.process((deps) => status(STACK, deps));
    expect(seen.exitCode, describeReport(seen)).toBe(0);
    expect(seen.status).toBe('partial');
    const byStep = Object.fromEntries((seen.resourceStatus ?? []).map((e) => [e.step, e]));
    expect(byStep.function).toMatchObject({ state: 'missing', details: ['function hello does not exist'] });
    expect(byStep.listener).toMatchObject({
      state: 'drifted',
      details: [`forwards to ${other}, deployed ${groupId}`],
    });
    expect(byStep.dnsRecord).toMatchObject({
      state: 'drifted',
      details: [`value elsewhere.example.net, deployed ${stack.loadBalancer.dnsName}`],
    });
    expect(byStep.serverGroup?.state).toBe('present');
    expect(byStep.server?.state).toBe('present');

    const before = stack.mutations().length;
    const { result: planned } = await stack.process((deps) => plan(stack.input(), deps));
    expect(planned.exitCode, describeReport(planned)).toBe(0);
    expect(stack.mutations().slice(before), 'plan is read-only').toEqual([]);
    const actions = Object.fromEntries((planned.plan ?? []).map((p) => [p.step, p]));
    expect(actions.function?.action).toBe('create');
    expect(actions.listener?.action).toBe('update');
    expect(actions.listener?.reasons.join(' ')).toContain(`forwards to ${other}, not ${groupId}`);
    expect(actions.dnsRecord?.action).toBe('update');
    expect(actions.dnsRecord?.reasons.join(' ')).toContain('elsewhere.example.net');
    expect(actions.serverGroup?.action).toBe('unchanged');
    expect(planned.changes).toBe(3);

    const { result: fixed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(fixed.exitCode, describeReport(fixed)).toBe(0);
    expect(fixed.test?.body).toBe('hello world');
    // The group made by hand is not alb-fc's: it stays, and nothing forwards to it any more.
    expect((await stack.inventory()).groups).toContain(other);
    expect(await ports.alb.deleteServerGroup({ id: other, clientToken: 'by-hand-2' })).not.toBe('absent');
    while (await ports.alb.getServerGroup(other));
    await expectExactlyOneOfEach(stack, 'after the drift is fixed');
    const { result: clean } = await stack.process((deps) => status(STACK, deps));
    expect(clean.status).toBe('succeeded');
  });
});
