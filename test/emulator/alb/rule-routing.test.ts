import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createListener,
  get,
  getWithHeaders,
  groupWithFunction,
  resolvePort,
  running,
  waitGroup,
  type AlbClient,
} from './support.js';

// Forwarding rules on the data plane (docs/emulator.md §9, "Rules on the data plane"): Request rules in priority
// order, Host (exact, wildcard, `~regex`, case-insensitive) and Path (case-sensitive) conditions, the listener's
// default action when none matches, the answers ALB gives itself (FixedResponse, Redirect), weight 0 and empty groups.

let cloud: LocalCloud;
let alb: AlbClient;
let lb: { id: string; dnsName: string };
let listenerId: string;
let port: number;
let groups: Record<'web' | 'api' | 'users' | 'other', string>;

const answering = (text: string) => `exports.handler = async () => '${text}';`;
const hostIs = (...values: string[]) => ({ type: 'Host', hostConfig: { values } });
const pathIs = (...values: string[]) => ({ type: 'Path', pathConfig: { values } });
const forwardTo = (...tuples: Array<{ serverGroupId: string; weight?: number }>) => ({
  type: 'ForwardGroup',
  order: 1,
  forwardGroupConfig: { serverGroupTuples: tuples },
});
const fixed = (httpCode: string, content: string, contentType?: string) => ({
  type: 'FixedResponse',
  order: 1,
  fixedResponseConfig: { httpCode, content, ...(contentType ? { contentType } : {}) },
});
const redirect = (config: Record<string, string>) => ({ type: 'Redirect', order: 1, redirectConfig: config });

function rule(priority: number, conditions: unknown[], action: unknown) {
  return {
    ruleName: `rule-${priority}`,
    priority,
    ruleConditions: conditions as never,
    ruleActions: [action] as never,
  };
}

async function createRules(rules: unknown[]): Promise<string[]> {
  const answer = await alb.createRules(new $Alb.CreateRulesRequest({ listenerId, rules: rules as never }));
  await running(alb, listenerId);
  return answer.body!.ruleIds!.map((r) => r.ruleId!);
}

async function ruleStatus(ruleId: string): Promise<string> {
  const answer = await alb.listRules(new $Alb.ListRulesRequest({ ruleIds: [ruleId] }));
  return answer.body?.rules?.[0]?.ruleStatus ?? 'gone';
}

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  lb = cloud.info.loadBalancers[0]!;
  groups = {
    web: await groupWithFunction(cloud, alb),
    api: await groupWithFunction(cloud, alb, answering('api')),
    users: await groupWithFunction(cloud, alb, answering('users')),
    other: await groupWithFunction(cloud, alb, answering('other')),
  };
  listenerId = (await createListener(alb, lb.id, groups.web, 80)).id;
  await running(alb, listenerId);
  port = await resolvePort(cloud, lb.dnsName, 80);
  // Listed out of priority order on purpose: the lowest number wins, not the first created.
  await createRules([
    rule(10, [hostIs('*.example.com'), pathIs('/users/*')], forwardTo({ serverGroupId: groups.users })),
    rule(5, [hostIs('api.example.com')], forwardTo({ serverGroupId: groups.api })),
    rule(2, [pathIs('/first')], fixed('200', 'second')),
    rule(1, [pathIs('/first')], fixed('200', 'first')),
    rule(20, [pathIs('/CASE/*')], fixed('200', 'case')),
    rule(30, [hostIs('~^shop[0-9]+\\.example\\.org$')], fixed('403', 'shop')),
    rule(40, [pathIs('/old/*')], redirect({ host: 'new.example.com', httpCode: '302' })),
    rule(50, [pathIs('/moved')], redirect({ protocol: 'HTTPS', port: '443' })),
    rule(60, [pathIs('/missing')], fixed('404', '{"error":"no route"}', 'application/json')),
  ]);
});
afterAll(async () => {
  await cloud.close();
});

describe('matching', () => {
  it('takes the lowest priority number that matches, not the first rule created', async () => {
    expect(await get(port, '/first', 'www.example.net')).toEqual({ status: 200, body: 'first' });
    expect(await get(port, '/users/1', 'api.example.com')).toEqual({ status: 200, body: 'api' });
  });

  it('matches hosts exactly or by wildcard, ignoring case and the port', async () => {
    expect(await get(port, '/x', 'API.Example.COM:80')).toEqual({ status: 200, body: 'api' });
    expect(await get(port, '/users/1', 'www.example.com')).toEqual({ status: 200, body: 'users' });
    // `*.example.com` wants a label before the domain; every condition of a rule must hold.
    expect(await get(port, '/users/1', 'example.com')).toEqual({ status: 200, body: 'hello /users/1' });
    expect(await get(port, '/orders/1', 'www.example.com')).toEqual({ status: 200, body: 'hello /orders/1' });
  });

  it('matches paths with case', async () => {
    expect(await get(port, '/CASE/x')).toEqual({ status: 200, body: 'case' });
    expect(await get(port, '/case/x')).toEqual({ status: 200, body: 'hello /case/x' });
    expect(await get(port, '/Users/1', 'www.example.com')).toEqual({ status: 200, body: 'hello /Users/1' });
  });

  it('matches a ~regex host without case', async () => {
    expect(await get(port, '/', 'shop12.example.org')).toEqual({ status: 403, body: 'shop' });
    expect(await get(port, '/', 'SHOP7.EXAMPLE.ORG')).toEqual({ status: 403, body: 'shop' });
    expect((await get(port, '/', 'shopx.example.org')).body).toBe('hello /');
  });
});

describe('answers ALB gives itself', () => {
  it('FixedResponse: its HttpCode, ContentType and Content', async () => {
    const answer = await getWithHeaders(port, '/missing');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toBe('{"error":"no route"}');
  });

  it('Redirect: its HttpCode and a Location from the request, where the config keeps the defaults', async () => {
    const moved = await getWithHeaders(port, '/old/page?a=1&b=2', 'www.example.net');
    expect(moved.status).toBe(302);
    expect(moved.headers.location).toBe('http://new.example.com/old/page?a=1&b=2');
    const secure = await getWithHeaders(port, '/moved?x=1', 'a.example.net:80');
    expect(secure.status).toBe(301);
    expect(secure.headers.location).toBe('https://a.example.net/moved?x=1');
  });
});

describe('rule changes on the data plane', () => {
  it('serves a rule once it is created, an update at once, a rule being deleted until it is gone', async () => {
    const created = await alb.createRule(
      new $Alb.CreateRuleRequest({ listenerId, ...rule(70, [pathIs('/fresh')], fixed('200', 'fresh')) }),
    );
    const ruleId = created.body!.ruleId!;
    expect((await get(port, '/fresh')).body).toBe('hello /fresh');
    expect(await ruleStatus(ruleId)).toBe('Provisioning');
    expect(await ruleStatus(ruleId)).toBe('Available');
    expect((await get(port, '/fresh')).body).toBe('fresh');

    await alb.updateRuleAttribute(
      new $Alb.UpdateRuleAttributeRequest({ ruleId, ruleConditions: [pathIs('/renewed')] as never }),
    );
    expect((await get(port, '/renewed')).body).toBe('fresh');
    expect((await get(port, '/fresh')).body).toBe('hello /fresh');
    await running(alb, listenerId);

    await alb.deleteRule(new $Alb.DeleteRuleRequest({ ruleId }));
    expect((await get(port, '/renewed')).body).toBe('fresh');
    expect(await ruleStatus(ruleId)).toBe('Deleting');
    expect(await ruleStatus(ruleId)).toBe('gone');
    expect((await get(port, '/renewed')).body).toBe('hello /renewed');
  });

  it('UpdateListenerAttribute DefaultActions moves what no rule matches to the new group', async () => {
    const defaultTo = async (serverGroupId: string) => {
      await alb.updateListenerAttribute(
        new $Alb.UpdateListenerAttributeRequest({
          listenerId,
          defaultActions: [{ type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId }] } }],
        }),
      );
      await running(alb, listenerId);
    };
    await defaultTo(groups.other);
    expect(await get(port, '/anything')).toEqual({ status: 200, body: 'other' });
    expect(await get(port, '/x', 'api.example.com')).toEqual({ status: 200, body: 'api' });
    await defaultTo(groups.web);
    expect((await get(port, '/anything')).body).toBe('hello /anything');
  });
});

describe('weights and empty groups', () => {
  it('a group of weight 0 gets nothing; only weight-0 groups, or an empty group, answer 503', async () => {
    const { id: empty } = await createFcGroup(alb);
    await waitGroup(alb, empty);
    await createRules([
      rule(
        80,
        [pathIs('/canary')],
        forwardTo({ serverGroupId: groups.api, weight: 0 }, { serverGroupId: groups.users, weight: 100 }),
      ),
      rule(
        81,
        [pathIs('/drained')],
        forwardTo({ serverGroupId: groups.api, weight: 0 }, { serverGroupId: groups.users, weight: 0 }),
      ),
      rule(82, [pathIs('/empty')], forwardTo({ serverGroupId: empty })),
    ]);
    const bodies = new Set<string>();
    for (let i = 0; i < 40; i++) bodies.add((await get(port, '/canary')).body);
    expect([...bodies]).toEqual(['users']);
    expect((await get(port, '/drained')).status).toBe(503);
    expect((await get(port, '/empty')).status).toBe(503);
  });
});
