import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createListener,
  get,
  groupWithFunction as groupWithFunctionIn,
  running as runningListener,
  waitGroup,
  type AlbClient,
} from './support.js';

// The listeners' data plane (docs/emulator.md §7): each listener answers HTTP
// on a loopback port, routing to the function in its server group; the load balancer's DNS name and the
// listener port resolve to that port.

let cloud: LocalCloud;
let alb: AlbClient;
let lb: { id: string; dnsName: string };

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  lb = cloud.info.loadBalancers[0]!;
});
afterAll(async () => {
  await cloud.close();
});

async function resolvePort(listenerPort: number): Promise<number | undefined> {
  const response = await fetch(`${cloud.endpoint}/_emulator/resolve?host=${lb.dnsName}&port=${listenerPort}`);
  if (response.status === 404) return undefined;
  const route = (await response.json()) as { address: string; port: number; chain: string[] };
  expect(route.address).toBe('127.0.0.1');
  return route.port;
}

const groupWithFunction = (source?: string) => groupWithFunctionIn(cloud, alb, source);
const running = (listenerId: string) => runningListener(alb, listenerId);

describe('listener data plane', () => {
  it('answers 503 until the listener is Running, then runs the function', async () => {
    const groupId = await groupWithFunction();
    const { id } = await createListener(alb, lb.id, groupId, 80);
    const port = await resolvePort(80);
    expect(port).toBeGreaterThan(0);
    const early = await get(port!, '/hello', lb.dnsName);
    expect(early.status).toBe(503);
    await running(id);
    const answer = await get(port!, '/hello', lb.dnsName);
    expect(answer).toEqual({ status: 200, body: 'hello /hello' });
  });

  it('shows each listener and its data-plane URL in /_emulator/state', async () => {
    const state = (await (await fetch(`${cloud.endpoint}/_emulator/state`)).json()) as {
      services: { alb: { listeners: Array<Record<string, unknown>> } };
    };
    const listener = state.services.alb.listeners.find((l) => l.port === 80);
    const port = await resolvePort(80);
    expect(listener).toMatchObject({
      loadBalancerId: lb.id,
      protocol: 'HTTP',
      status: 'Running',
      dataPlanePort: port,
      dataPlane: `http://127.0.0.1:${port}`,
    });
  });

  it('routes by rule to another server group', async () => {
    const groupId = await groupWithFunction();
    const other = await groupWithFunction(`exports.handler = async () => 'other';`);
    const { id } = await createListener(alb, lb.id, groupId, 8080);
    await running(id);
    await alb.createRule(
      new $Alb.CreateRuleRequest({
        listenerId: id,
        ruleName: 'to-other',
        priority: 1,
        ruleConditions: [{ type: 'Path', pathConfig: { values: ['/other/*'] } }],
        ruleActions: [
          { type: 'ForwardGroup', order: 1, forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: other }] } },
        ],
      }),
    );
    await running(id);
    const port = (await resolvePort(8080))!;
    expect(await get(port, '/other/x')).toEqual({ status: 200, body: 'other' });
    expect(await get(port, '/x')).toEqual({ status: 200, body: 'hello /x' });
  });

  it('answers 503 when the group has no Available function', async () => {
    const { id: emptyGroup } = await createFcGroup(alb);
    await waitGroup(alb, emptyGroup);
    const { id } = await createListener(alb, lb.id, emptyGroup, 8081);
    await running(id);
    const port = (await resolvePort(8081))!;
    expect((await get(port, '/')).status).toBe(503);
  });

  it('stops serving once the listener is deleted', async () => {
    const groupId = await groupWithFunction();
    const { id } = await createListener(alb, lb.id, groupId, 8082);
    await running(id);
    const port = (await resolvePort(8082))!;
    expect((await get(port, '/')).status).toBe(200);
    await alb.deleteListener(new $Alb.DeleteListenerRequest({ listenerId: id }));
    await alb.listListeners(new $Alb.ListListenersRequest({ listenerIds: [id] }));
    const after = await alb.listListeners(new $Alb.ListListenersRequest({ listenerIds: [id] }));
    expect(after.body?.listeners).toEqual([]);
    await expect(get(port, '/')).rejects.toThrow();
    // The name still resolves, to a port whose connections fail.
    const after8082 = await resolvePort(8082);
    expect(after8082).not.toBe(port);
    await expect(get(after8082!, '/')).rejects.toThrow();
  });

  it('resolves the load balancer on a port without a listener, where connections fail', async () => {
    const port = await resolvePort(9999);
    expect(port).toBeGreaterThan(0);
    await expect(get(port!, '/')).rejects.toThrow();
  });

  it('does not resolve a name that is no load balancer', async () => {
    const response = await fetch(
      `${cloud.endpoint}/_emulator/resolve?host=alb-nope.cn-hangzhou.alb.aliyuncs.com&port=80`,
    );
    expect(response.status).toBe(404);
  });
});
