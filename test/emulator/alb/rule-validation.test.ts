import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  admin,
  albClient,
  createFcGroup,
  createListener,
  expectAlbError,
  running,
  waitGroup,
  type AlbClient,
} from './support.js';

// What a forwarding rule may hold (docs/emulator.md §9, "Rules"): its actions and conditions (metadata CreateRule),
// the per-rule limits of a Standard instance (ALB's quotas-and-limits page: 5 actions, 10 match conditions, 10
// wildcard entries), checked by dry runs so the listener stays free between cases.

let cloud: LocalCloud;
let alb: AlbClient;
let listenerId: string;
let groupId: string;

type Body = Record<string, unknown>;
const forward = (order = 1) => ({
  type: 'ForwardGroup',
  order,
  forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: groupId }] },
});
const insertHeader = (order: number) => ({
  type: 'InsertHeader',
  order,
  insertHeaderConfig: { key: `x-h${order}`, value: 'v', valueType: 'UserDefined' },
});
const pathIs = (...values: string[]) => ({ type: 'Path', pathConfig: { values } });
const hostIs = (...values: string[]) => ({ type: 'Host', hostConfig: { values } });

/** CreateRule as a dry run: the refusal it answers, or DryRunOperation when everything holds. */
function dryRun(body: Body) {
  return alb.createRule(
    new $Alb.CreateRuleRequest({
      listenerId,
      ruleName: 'checked',
      priority: 100,
      ruleConditions: [pathIs('/x')],
      ruleActions: [forward()],
      dryRun: true,
      ...body,
    } as never),
  );
}

const refused = (body: Body, code = 'InvalidParameter', status = 400) => expectAlbError(dryRun(body), code, status);
const accepted = (body: Body) => expectAlbError(dryRun(body), 'DryRunOperation');

/** An empty Available Fc group behind a Running listener on port 80 of the seeded load balancer. */
async function listenerOn(target: LocalCloud, client: AlbClient): Promise<{ groupId: string; listenerId: string }> {
  const group = (await createFcGroup(client)).id;
  await waitGroup(client, group);
  const listener = (await createListener(client, target.info.loadBalancers[0]!.id, group, 80)).id;
  await running(client, listener);
  return { groupId: group, listenerId: listener };
}

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  ({ groupId, listenerId } = await listenerOn(cloud, alb));
});
afterAll(async () => {
  await cloud.close();
});

describe('actions', () => {
  it('a Request rule needs exactly one final action (ForwardGroup, Redirect or FixedResponse)', async () => {
    await refused({ ruleActions: [insertHeader(1)] });
    await refused({
      ruleActions: [forward(1), { type: 'FixedResponse', order: 2, fixedResponseConfig: { content: 'x' } }],
    });
    await accepted({ ruleActions: [insertHeader(1), forward(2)] });
  });

  it('Rewrite only beside a ForwardGroup: OperationDenied.RewriteMissingForwardGroup', async () => {
    await refused(
      {
        ruleActions: [
          { type: 'Rewrite', order: 1, rewriteConfig: { path: '/new' } },
          { type: 'FixedResponse', order: 2, fixedResponseConfig: { content: 'x' } },
        ],
      },
      'OperationDenied.RewriteMissingForwardGroup',
    );
  });

  it('each action has its config and an Order that does not repeat', async () => {
    await refused({ ruleActions: [{ type: 'ForwardGroup', order: 1 }] });
    await refused({ ruleActions: [insertHeader(1), forward(1)] });
  });

  it('ForwardGroup: 1–5 groups, weights 0–100 and required for several, groups that exist', async () => {
    const tuples = (...list: Body[]) => ({
      ruleActions: [{ type: 'ForwardGroup', order: 1, forwardGroupConfig: { serverGroupTuples: list } }],
    });
    await refused(tuples({ serverGroupId: groupId }, { serverGroupId: groupId }));
    await refused(tuples({ serverGroupId: groupId, weight: 101 }));
    await refused(tuples(...Array.from({ length: 6 }, () => ({ serverGroupId: groupId, weight: 1 }))));
    await refused(tuples({ serverGroupId: 'sgp-nope' }), 'ResourceNotFound.ServerGroup', 404);
    await accepted(tuples({ serverGroupId: groupId, weight: 0 }, { serverGroupId: groupId, weight: 100 }));
  });

  it('FixedResponse: HttpCode 2xx/4xx/5xx, a known ContentType, at most 1 KB of ASCII', async () => {
    const fixed = (config: Body) => ({
      ruleActions: [{ type: 'FixedResponse', order: 1, fixedResponseConfig: config }],
    });
    await refused(fixed({ httpCode: '302', content: 'x' }));
    await refused(fixed({ httpCode: '404', contentType: 'image/png', content: 'x' }));
    await refused(fixed({ httpCode: '404', content: 'x'.repeat(1025) }));
    await refused(fixed({ httpCode: '404', content: 'café' }));
    await accepted(fixed({ httpCode: '404', contentType: 'application/json', content: '{"error":"no route"}' }));
  });

  it('Redirect: not every field at its default; codes 301/302/303/307/308; valid host, port, path', async () => {
    const redirect = (config: Body) => ({ ruleActions: [{ type: 'Redirect', order: 1, redirectConfig: config }] });
    await refused(redirect({}));
    await refused(redirect({ httpCode: '302', host: '${host}', path: '${path}', query: '${query}' }));
    await refused(redirect({ httpCode: '300', protocol: 'HTTPS' }));
    await refused(redirect({ port: '70000' }));
    await refused(redirect({ host: '${host}.cn' }));
    await refused(redirect({ path: 'no-slash' }));
    await refused(redirect({ path: '/${path}/${path}' }));
    await accepted(redirect({ protocol: 'HTTPS', port: '443' }));
    await accepted(redirect({ path: '/v2${path}', httpCode: '308' }));
  });
});

describe('conditions', () => {
  it('types by direction, hosts and paths in their formats, values without repeats, methods ALB knows', async () => {
    await refused({ ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['200'] } }] });
    await refused({ ruleConditions: [hostIs('localhost')] });
    await refused({ ruleConditions: [hostIs('.example.com')] });
    await refused({ ruleConditions: [pathIs('api')] });
    await refused({ ruleConditions: [hostIs('a.example.com', 'a.example.com')] });
    await refused({ ruleConditions: [{ type: 'Method', methodConfig: { values: ['TRACE'] } }] });
    await refused({ ruleConditions: [pathIs('~(')] });
    await refused({ ruleConditions: [{ type: 'Host', pathConfig: { values: ['/x'] } }] });
    await accepted({ ruleConditions: [hostIs('*.example.com', '~^api[0-9]\\.example\\.com$'), pathIs('/api/*')] });
  });

  it('Response rules: their own conditions and actions; priorities are unique per direction', async () => {
    const created = await alb.createRule(
      new $Alb.CreateRuleRequest({
        listenerId,
        ruleName: 'request-rule',
        priority: 7,
        ruleConditions: [pathIs('/r')],
        ruleActions: [forward()],
      } as never),
    );
    expect(created.body?.ruleId).toMatch(/^rule-/);
    await running(alb, listenerId);
    const response = {
      priority: 7,
      direction: 'Response',
      ruleConditions: [{ type: 'ResponseStatusCode', responseStatusCodeConfig: { values: ['404'] } }],
    };
    await refused({ ...response, ruleActions: [forward()] });
    await accepted({ ...response, ruleActions: [insertHeader(1)] });
    await expectAlbError(dryRun({ priority: 7 }), 'Conflict.Priority');
  });
});

describe('per-rule limits of a Standard instance', () => {
  it('at most 5 actions: QuotaExceeded.RuleActionsNum', async () => {
    await accepted({ ruleActions: [...[1, 2, 3, 4].map(insertHeader), forward(5)] });
    const data = await refused(
      { ruleActions: [...[1, 2, 3, 4, 5].map(insertHeader), forward(6)] },
      'QuotaExceeded.RuleActionsNum',
    );
    expect(data.Message).toBe('The quota of RuleActionsNum is exceeded, usage 6/5.');
  });

  it('at most 10 match conditions: QuotaExceeded.RuleMatchEvaluationsNum', async () => {
    const headers = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'Header', headerConfig: { key: `x-k${i}`, values: ['v'] } }));
    await accepted({ ruleConditions: headers(10) });
    const data = await refused({ ruleConditions: headers(11) }, 'QuotaExceeded.RuleMatchEvaluationsNum');
    expect(data.Message).toBe('The quota of RuleMatchEvaluationsNum is exceeded, usage 11/10.');
  });

  it('at most 10 wildcard entries: QuotaExceeded.RuleWildcardsNum (regular expressions do not count)', async () => {
    const hosts = Array.from({ length: 10 }, (_, i) => `*.h${i}.example.com`);
    await accepted({ ruleConditions: [hostIs(...hosts), pathIs('~^/api/.*$')] });
    const data = await refused(
      { ruleConditions: [hostIs(...hosts), pathIs('/api/*')] },
      'QuotaExceeded.RuleWildcardsNum',
    );
    expect(data.Message).toBe('The quota of RuleWildcardsNum is exceeded, usage 11/10.');
  });
});

describe('a Basic instance (behaviour.loadBalancerEdition, behaviour.loadBalancerRulesQuota)', () => {
  let basic: LocalCloud;
  let basicAlb: AlbClient;
  let basicListener: string;
  let basicGroup: string;

  beforeAll(async () => {
    basic = await startLocalCloud({
      behaviour: { loadBalancerEdition: 'Basic', loadBalancerRulesQuota: { Basic: 2 } },
    });
    basicAlb = albClient(basic);
    ({ groupId: basicGroup, listenerId: basicListener } = await listenerOn(basic, basicAlb));
  });
  afterAll(async () => {
    await basic.close();
  });

  const rule = (priority: number, body: Body = {}) => ({
    ruleName: `r-${priority}`,
    priority,
    ruleConditions: [pathIs(`/p${priority}`)],
    ruleActions: [
      { type: 'ForwardGroup', order: 1, forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: basicGroup }] } },
    ],
    ...body,
  });
  const create = (listener: string, priority: number, body: Body = {}) =>
    basicAlb.createRule(new $Alb.CreateRuleRequest({ listenerId: listener, ...rule(priority, body) } as never));

  it('reports its edition', async () => {
    const lbId = basic.info.loadBalancers[0]!.id;
    const got = await basicAlb.getLoadBalancerAttribute(
      new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId }),
    );
    expect(got.body?.loadBalancerEdition).toBe('Basic');
    const listed = await basicAlb.listLoadBalancers(new $Alb.ListLoadBalancersRequest({}));
    expect(listed.body?.loadBalancers?.[0]?.loadBalancerEdition).toBe('Basic');
    const state = (await admin(basic, '/_emulator/state', undefined, 'GET')).json as {
      services: { alb: { loadBalancers: Array<{ loadBalancerId: string; edition: string }> } };
    };
    expect(state.services.alb.loadBalancers).toEqual([
      expect.objectContaining({ loadBalancerId: lbId, edition: 'Basic' }),
    ]);
  });

  it('forwards and redirects only, on Host, Path and Header; no Response rules', async () => {
    const basicRefusal = (body: Body, code: string) =>
      expectAlbError(create(basicListener, 50, { ...body, dryRun: true }), code);
    await basicRefusal(
      { ruleActions: [{ type: 'FixedResponse', order: 1, fixedResponseConfig: { content: 'x' } }] },
      'UnsupportedFeature.FixedResponse',
    );
    await basicRefusal(
      { ruleConditions: [{ type: 'Method', methodConfig: { values: ['GET'] } }] },
      'UnsupportedFeature.Method',
    );
    await basicRefusal({ direction: 'Response' }, 'InvalidParameter');
  });

  it('at most 5 match conditions and 5 wildcard entries per rule', async () => {
    const headers = Array.from({ length: 6 }, (_, i) => ({
      type: 'Header',
      headerConfig: { key: `k${i}`, values: ['v'] },
    }));
    await expectAlbError(
      create(basicListener, 50, { ruleConditions: headers, dryRun: true }),
      'QuotaExceeded.RuleMatchEvaluationsNum',
    );
    const hosts = Array.from({ length: 6 }, (_, i) => `*.h${i}.example.com`);
    await expectAlbError(
      create(basicListener, 50, { ruleConditions: [hostIs(...hosts)], dryRun: true }),
      'QuotaExceeded.RuleWildcardsNum',
    );
  });

  it('counts the rules of every listener of the instance against the quota', async () => {
    const lbId = basic.info.loadBalancers[0]!.id;
    await basicAlb.createRules(
      new $Alb.CreateRulesRequest({ listenerId: basicListener, rules: [rule(1), rule(2)] as never }),
    );
    await running(basicAlb, basicListener);
    const data = await expectAlbError(create(basicListener, 3), 'ResourceQuotaExceeded.LoadBalancerRulesNum');
    expect(data.Message).toBe(`The quota of LoadBalancerRulesNum is exceeded for resource ${lbId}, usage 3/2.`);
    const second = (await createListener(basicAlb, lbId, basicGroup, 81)).id;
    await running(basicAlb, second);
    await expectAlbError(create(second, 1), 'ResourceQuotaExceeded.LoadBalancerRulesNum');
  });

  it('keeps the default quota of the editions the knob leaves out (Standard: 100)', async () => {
    const added = await admin(basic, '/_emulator/alb/load-balancers', { edition: 'Standard' });
    const lbId = String(added.json.LoadBalancerId);
    expect(added.json.LoadBalancerEdition).toBe('Standard');
    const listener = (await createListener(basicAlb, lbId, basicGroup, 80)).id;
    await running(basicAlb, listener);
    await basicAlb.createRules(
      new $Alb.CreateRulesRequest({ listenerId: listener, rules: [rule(1), rule(2), rule(3)] as never }),
    );
    await running(basicAlb, listener);
    const listed = await basicAlb.listRules(new $Alb.ListRulesRequest({ loadBalancerIds: [lbId] }));
    expect(listed.body?.rules?.map((r) => r.ruleStatus)).toEqual(['Available', 'Available', 'Available']);
  });
});
