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
    expect((await jobStatus(alb, created.body!.jobId!))?.status).toBe('Succeeded');
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
      ruleActions: [{ type: 'ForwardGroup', order: 1 }],
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
    await alb.deleteRule(new $Alb.DeleteRuleRequest({ ruleId }));
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
