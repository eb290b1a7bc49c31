import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../support/zip.js';
import {
  $Alb,
  admin,
  albClient,
  createFunction,
  createListener,
  expectPopError,
  fcClient,
  httpTo,
  listenerOf,
  loadBalancerOf,
  readyFcGroup,
  runningListener,
  startCloud,
  until,
  useCloud,
  withTempFile,
  type AlbClient,
  type Cloud,
} from './support.js';

// docs/emulator.md §9, forwarding rules seen from outside: the compiled `alb-fc emulator start --json`, the official
// ALB client, plain HTTP to the listener. Routes by host and path in priority order, the answers ALB gives itself
// (FixedResponse, Redirect), a weighted split, and the edition knobs of `--behaviour FILE`.

interface Route {
  port: number;
}

const cloud = useCloud();
let alb: AlbClient;
let lb: { id: string; dnsName: string };
let listenerId: string;
let port: number;
const groups: Record<string, string> = {};

const forward = (...tuples: Array<{ serverGroupId: string; weight?: number }>) => ({
  type: 'ForwardGroup',
  order: 1,
  forwardGroupConfig: { serverGroupTuples: tuples },
});

function rule(priority: number, conditions: unknown[], action: unknown) {
  return { ruleName: `route-${priority}`, priority, ruleConditions: conditions, ruleActions: [action] };
}

async function functionGroup(name: string): Promise<string> {
  const zip = makeZip({ 'index.js': `exports.handler = async () => '${name}';\n` });
  const created = await createFunction(fcClient(cloud), name, zip);
  return readyFcGroup(alb, `${name}-group`, created.body!.functionArn!);
}

async function counts(path: string, host: string, requests: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < requests; i++) {
    const answer = await httpTo(port, { path, host });
    expect(answer.status).toBe(200);
    const body = answer.body.toString();
    seen[body] = (seen[body] ?? 0) + 1;
  }
  return seen;
}

beforeAll(async () => {
  alb = albClient(cloud);
  lb = cloud.info.loadBalancers[0]!;
  for (const name of ['web', 'users', 'orders', 'canary']) groups[name] = await functionGroup(name);
  listenerId = (await createListener(alb, lb.id, 80, groups.web!)).body!.listenerId!;
  await runningListener(alb, listenerId);
  port = (await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=80`)).port;
  const answer = await alb.createRules(
    new $Alb.CreateRulesRequest({
      listenerId,
      rules: [
        rule(
          20,
          [{ type: 'Host', hostConfig: { values: ['*.example.com'] } }],
          forward({ serverGroupId: groups.orders! }),
        ),
        rule(10, [{ type: 'Path', pathConfig: { values: ['/users/*'] } }], forward({ serverGroupId: groups.users! })),
        rule(
          30,
          [{ type: 'Path', pathConfig: { values: ['/split'] } }],
          forward({ serverGroupId: groups.web!, weight: 75 }, { serverGroupId: groups.canary!, weight: 25 }),
        ),
        rule(
          40,
          [{ type: 'Path', pathConfig: { values: ['/drain'] } }],
          forward({ serverGroupId: groups.web!, weight: 0 }, { serverGroupId: groups.canary!, weight: 100 }),
        ),
        rule(50, [{ type: 'Path', pathConfig: { values: ['/gone/*'] } }], {
          type: 'Redirect',
          order: 1,
          redirectConfig: { host: 'www.example.org', path: '/new${path}', httpCode: '308' },
        }),
        rule(10000, [{ type: 'Path', pathConfig: { values: ['/*'] } }], {
          type: 'FixedResponse',
          order: 1,
          fixedResponseConfig: { httpCode: '404', contentType: 'text/plain', content: 'no route' },
        }),
      ] as never,
    }),
  );
  expect(answer.body?.ruleIds?.map((r) => r.priority)).toEqual([20, 10, 30, 40, 50, 10000]);
  await runningListener(alb, listenerId);
});

describe('routes on one listener (emulator.md §9)', () => {
  it('host and path rules in priority order; the lowest number wins (ALB rules page)', async () => {
    expect((await httpTo(port, { path: '/users/7', host: 'shop.example.com' })).body.toString()).toBe('users');
    expect((await httpTo(port, { path: '/cart', host: 'Shop.Example.com' })).body.toString()).toBe('orders');
  });

  it('a catch-all FixedResponse rule answers what no other rule matches (metadata FixedResponseConfig)', async () => {
    const answer = await httpTo(port, { path: '/nothing', host: 'other.net' });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/plain');
    expect(answer.body.toString()).toBe('no route');
  });

  it('a Redirect rule answers its code and a Location built from the request (metadata RedirectConfig)', async () => {
    const answer = await httpTo(port, { path: '/gone/page?id=3', host: 'other.net' });
    expect(answer.status).toBe(308);
    expect(answer.headers.location).toBe('http://www.example.org/new/gone/page?id=3');
  });

  it('weights split a route over many requests; weight 0 gets nothing (metadata ServerGroupTuples.Weight)', async () => {
    // 300 draws at 25 %: 75 expected, a standard deviation of 7.5; ±40 is over five of them.
    const split = await counts('/split', 'other.net', 300);
    expect(split.canary! + split.web!).toBe(300);
    expect(split.canary).toBeGreaterThanOrEqual(75 - 40);
    expect(split.canary).toBeLessThanOrEqual(75 + 40);
    expect(await counts('/drain', 'other.net', 30)).toEqual({ canary: 30 });
  });

  it('deleting the catch-all rule: Deleting, then gone, then the default action answers (SDK DeleteRule)', async () => {
    const listed = await alb.listRules(new $Alb.ListRulesRequest({ listenerIds: [listenerId] }));
    const catchAll = listed.body!.rules!.find((r) => r.priority === 10000)!;
    await alb.deleteRule(new $Alb.DeleteRuleRequest({ ruleId: catchAll.ruleId }));
    const statuses: string[] = [];
    await until(
      async () => {
        const rules = await alb.listRules(new $Alb.ListRulesRequest({ ruleIds: [catchAll.ruleId!] }));
        const status = rules.body?.rules?.[0]?.ruleStatus ?? 'gone';
        statuses.push(status);
        return status;
      },
      (status) => status === 'gone',
    );
    expect(statuses[0]).toBe('Deleting');
    await until(
      () => listenerOf(alb, listenerId),
      (l) => l?.listenerStatus === 'Running',
    );
    expect((await httpTo(port, { path: '/nothing', host: 'other.net' })).body.toString()).toBe('web');
  });
});

describe('editions and the rules quota (--behaviour FILE)', () => {
  let basic: Cloud;
  beforeAll(async () => {
    const behaviour = JSON.stringify({ loadBalancerEdition: 'Basic', loadBalancerRulesQuota: { Basic: 1 } });
    basic = await withTempFile(behaviour, (file) => startCloud(['--behaviour', file]));
  });
  afterAll(async () => {
    await basic?.stop();
  });

  it('the seeded instance is Basic: FixedResponse refused, one rule at most (ALB rules; ALB quotas)', async () => {
    const client = albClient(basic);
    const lbId = basic.info.loadBalancers[0]!.id;
    expect((await loadBalancerOf(client, lbId))?.loadBalancerEdition).toBe('Basic');
    const created = await createFunction(fcClient(basic), 'basic-fn');
    const groupId = await readyFcGroup(client, 'basic-group', created.body!.functionArn!);
    const basicListener = (await createListener(client, lbId, 80, groupId)).body!.listenerId!;
    await runningListener(client, basicListener);
    const create = (priority: number, action: unknown) =>
      client.createRule(
        new $Alb.CreateRuleRequest({
          listenerId: basicListener,
          ...rule(priority, [{ type: 'Path', pathConfig: { values: [`/p${priority}`] } }], action),
        } as never),
      );
    await expectPopError(
      create(1, { type: 'FixedResponse', order: 1, fixedResponseConfig: { httpCode: '404', content: 'x' } }),
      'UnsupportedFeature.FixedResponse',
      400,
      'Alb',
    );
    await create(1, forward({ serverGroupId: groupId }));
    await runningListener(client, basicListener);
    const error = await expectPopError(
      create(2, forward({ serverGroupId: groupId })),
      'ResourceQuotaExceeded.LoadBalancerRulesNum',
      400,
      'Alb',
    );
    expect(error.data?.Message).toBe(`The quota of LoadBalancerRulesNum is exceeded for resource ${lbId}, usage 2/1.`);
  });
});
