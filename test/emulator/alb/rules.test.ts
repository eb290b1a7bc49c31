import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { manualClock, type FakeClock } from '../../support/fake-clock.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createListener,
  expectAlbError,
  jobStatus,
  transitionsOf,
  type AlbClient,
} from './support.js';

// Forwarding rules (metadata CreateRule, CreateRules, UpdateRuleAttribute, DeleteRule, ListRules): a rule
// change configures its listener, so a concurrent one is ResourceInConfiguring.Listener.

const STEP = 1000;
let cloud: LocalCloud;
let alb: AlbClient;
let clock: FakeClock;
let listenerId: string;
let groupId: string;
let otherGroupId: string;

beforeAll(async () => {
  clock = manualClock();
  cloud = await startLocalCloud({ clock, latency: transitionsOf(STEP) });
  alb = albClient(cloud);
  groupId = (await createFcGroup(alb)).id;
  otherGroupId = (await createFcGroup(alb)).id;
  clock.advance(STEP);
  listenerId = (await createListener(alb, cloud.info.loadBalancers[0]!.id, groupId, 80)).id;
  clock.advance(STEP);
});
afterAll(async () => {
  await cloud.close();
});

function pathRule(priority: number, path: string, name = `rule-${priority}`) {
  return {
    ruleName: name,
    priority,
    ruleConditions: [{ type: 'Path', pathConfig: { values: [path] } }],
    ruleActions: [
      { type: 'ForwardGroup', order: 1, forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: otherGroupId }] } },
    ],
  };
}

async function rules() {
  const answer = await alb.listRules(new $Alb.ListRulesRequest({ listenerIds: [listenerId] }));
  return answer.body!;
}

async function listenerStatus(): Promise<string | undefined> {
  return (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId }))).body?.listenerStatus;
}

describe('rules', () => {
  it('creates a rule: Provisioning → Available, the listener Configuring meanwhile', async () => {
    const created = await alb.createRule(new $Alb.CreateRuleRequest({ listenerId, ...pathRule(10, '/api/*') }));
    const ruleId = created.body!.ruleId!;
    expect(ruleId).toMatch(/^rule-[a-z0-9]{18}$/);
    expect((await rules()).rules?.[0]?.ruleStatus).toBe('Provisioning');
    expect(await listenerStatus()).toBe('Configuring');
    await expectAlbError(
      alb.createRule(new $Alb.CreateRuleRequest({ listenerId, ...pathRule(20, '/b/*') })),
      'ResourceInConfiguring.Listener',
    );
    clock.advance(STEP);
    expect(await listenerStatus()).toBe('Running');
    expect(await jobStatus(alb, created.body!.jobId!)).toMatchObject({
      apiName: 'CreateRule',
      operateType: 'Create',
      resourceType: 'rule',
      resourceId: ruleId,
      status: 'Succeeded',
    });
    const listed = await rules();
    expect(listed.rules?.[0]).toBeInstanceOf($Alb.ListRulesResponseBodyRules);
    expect(listed.rules?.[0]).toMatchObject({
      ruleId,
      ruleName: 'rule-10',
      listenerId,
      loadBalancerId: cloud.info.loadBalancers[0]!.id,
      priority: 10,
      direction: 'Request',
      ruleStatus: 'Available',
      ruleConditions: [{ type: 'Path', pathConfig: { values: ['/api/*'] } }],
      // A lone server group without a weight weighs 100 (metadata ServerGroupTuples.Weight).
      ruleActions: [
        {
          type: 'ForwardGroup',
          order: 1,
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: otherGroupId, weight: 100 }] },
        },
      ],
      tags: [],
    });
    expect(listed.totalCount).toBe(1);
  });

  it('refuses a priority the listener already has: Conflict.Priority', async () => {
    await expectAlbError(
      alb.createRule(new $Alb.CreateRuleRequest({ listenerId, ...pathRule(10, '/dup/*', 'dup') })),
      'Conflict.Priority',
    );
  });

  it('creates several rules in one call', async () => {
    const answer = await alb.createRules(
      new $Alb.CreateRulesRequest({ listenerId, rules: [pathRule(30, '/c/*'), pathRule(31, '/d/*')] }),
    );
    expect(answer.body?.ruleIds?.map((r) => r.priority)).toEqual([30, 31]);
    clock.advance(STEP);
    expect((await rules()).rules?.map((r) => [r.priority, r.ruleStatus])).toEqual([
      [10, 'Available'],
      [30, 'Available'],
      [31, 'Available'],
    ]);
  });

  it('updates and deletes a rule', async () => {
    const ruleId = (await rules()).rules!.find((r) => r.priority === 30)!.ruleId!;
    await alb.updateRuleAttribute(new $Alb.UpdateRuleAttributeRequest({ ruleId, priority: 40, ruleName: 'moved' }));
    expect((await rules()).rules?.find((r) => r.ruleId === ruleId)?.ruleStatus).toBe('Configuring');
    await expectAlbError(alb.deleteRule(new $Alb.DeleteRuleRequest({ ruleId })), 'IncorrectStatus.Rule');
    clock.advance(STEP);
    expect((await rules()).rules?.find((r) => r.ruleId === ruleId)).toMatchObject({ priority: 40, ruleName: 'moved' });
    const deleted = await alb.deleteRule(new $Alb.DeleteRuleRequest({ ruleId }));
    // "If the forwarding rule is in the Deleting state, the forwarding rule is being deleted" (SDK DeleteRule).
    expect((await rules()).rules?.find((r) => r.ruleId === ruleId)?.ruleStatus).toBe('Deleting');
    await expectAlbError(
      alb.updateRuleAttribute(new $Alb.UpdateRuleAttributeRequest({ ruleId, ruleName: 'late' })),
      'IncorrectStatus.Rule',
    );
    expect(await jobStatus(alb, deleted.body!.jobId!)).toMatchObject({
      apiName: 'DeleteRule',
      operateType: 'Delete',
      resourceType: 'rule',
      resourceId: ruleId,
      status: 'Processing',
    });
    clock.advance(STEP);
    expect((await rules()).rules?.some((r) => r.ruleId === ruleId)).toBe(false);
    await expectAlbError(alb.deleteRule(new $Alb.DeleteRuleRequest({ ruleId })), 'ResourceNotFound.Rule', 404);
  });

  it('validates actions, conditions and references', async () => {
    await expectAlbError(
      alb.createRule(new $Alb.CreateRuleRequest({ listenerId: 'lsn-nope', ...pathRule(50, '/x') })),
      'ResourceNotFound.Listener',
      404,
    );
    const missingGroup = pathRule(50, '/x');
    missingGroup.ruleActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId = 'sgp-nope';
    await expectAlbError(
      alb.createRule(new $Alb.CreateRuleRequest({ listenerId, ...missingGroup })),
      'ResourceNotFound.ServerGroup',
      404,
    );
    await expectAlbError(
      alb.createRule(
        new $Alb.CreateRuleRequest({
          listenerId,
          ...pathRule(51, '/y'),
          ruleConditions: [{ type: 'Planet', pathConfig: { values: ['/'] } }],
        }),
      ),
      'InvalidParameter',
    );
    await expectAlbError(
      alb.createRule(new $Alb.CreateRuleRequest({ listenerId, ...pathRule(52, '/z'), priority: 0 })),
      'InvalidParameter',
    );
  });

  it('keeps a server group a rule forwards to: ResourceInUse.ServerGroup', async () => {
    await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: otherGroupId })),
      'ResourceInUse.ServerGroup',
    );
  });
});

describe('rule writes: ClientToken, failed jobs', () => {
  it('replays a CreateRule with the same ClientToken: the same RuleId and JobId, no second rule', async () => {
    const request = () =>
      new $Alb.CreateRuleRequest({ listenerId, clientToken: 'rule-token-1', ...pathRule(60, '/token/*', 'token') });
    const first = await alb.createRule(request());
    const again = await alb.createRule(request());
    expect(again.body).toMatchObject({ ruleId: first.body!.ruleId, jobId: first.body!.jobId });
    expect(again.body?.requestId).not.toBe(first.body?.requestId);
    await expectAlbError(
      alb.createRule(
        new $Alb.CreateRuleRequest({ listenerId, clientToken: 'rule-token-1', ...pathRule(61, '/other/*', 'token') }),
      ),
      'IdempotenceSignatureMismatch',
    );
    clock.advance(STEP);
    expect((await rules()).rules?.filter((r) => r.ruleName === 'token')).toHaveLength(1);
  });

  it('a CreateRule job that fails leaves no rule; an UpdateRuleAttribute one restores the rule', async () => {
    await fetch(`${cloud.endpoint}/_emulator/alb/job-failures`, {
      method: 'POST',
      body: JSON.stringify({ apiName: 'CreateRule', code: 'InternalError' }),
    });
    const created = await alb.createRule(new $Alb.CreateRuleRequest({ listenerId, ...pathRule(70, '/doomed') }));
    clock.advance(STEP);
    expect(await jobStatus(alb, created.body!.jobId!)).toMatchObject({ status: 'Failed', errorCode: 'InternalError' });
    expect((await rules()).rules?.some((r) => r.ruleId === created.body!.ruleId)).toBe(false);
    expect(await listenerStatus()).toBe('Running');

    const ruleId = (await rules()).rules!.find((r) => r.priority === 60)!.ruleId!;
    await fetch(`${cloud.endpoint}/_emulator/alb/job-failures`, {
      method: 'POST',
      body: JSON.stringify({ apiName: 'UpdateRuleAttribute' }),
    });
    await alb.updateRuleAttribute(new $Alb.UpdateRuleAttributeRequest({ ruleId, priority: 65, ruleName: 'renamed' }));
    expect((await rules()).rules?.find((r) => r.ruleId === ruleId)).toMatchObject({
      priority: 65,
      ruleStatus: 'Configuring',
    });
    clock.advance(STEP);
    expect((await rules()).rules?.find((r) => r.ruleId === ruleId)).toMatchObject({
      priority: 60,
      ruleName: 'token',
      ruleStatus: 'Available',
    });
  });
});
