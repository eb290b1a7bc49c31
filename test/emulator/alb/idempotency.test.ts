import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { HeldClock, manualClock } from '../../support/fake-clock.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createFunction,
  createListener,
  expectAlbError,
  unique,
  waitGroup,
  type AlbClient,
} from './support.js';

// ClientToken and DryRun on the ALB writes (https://www.alibabacloud.com/help/doc-detail/25693.html; ALB's
// error-code page for IdempotenceProcessing, IdempotenceSignatureMismatch and DryRunOperation).

let cloud: LocalCloud;
let alb: AlbClient;
let lbId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  alb = albClient(cloud);
  lbId = cloud.info.loadBalancers[0]!.id;
});
afterAll(async () => {
  await cloud.close();
});

async function groupsNamed(name: string) {
  const answer = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupNames: [name] }));
  return answer.body?.serverGroups ?? [];
}

async function jobCount(): Promise<number> {
  const answer = await alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ maxResults: 100 }));
  return answer.body?.totalCount ?? -1;
}

function fcGroupRequest(name: string, extra: Record<string, unknown> = {}) {
  return new $Alb.CreateServerGroupRequest({
    serverGroupName: name,
    serverGroupType: 'Fc',
    healthCheckConfig: { healthCheckEnabled: false },
    ...extra,
  });
}

describe('ClientToken', () => {
  it('answers IdempotenceProcessing while the first call still runs (its latency holds the token), then replays it', async () => {
    // The calls' latency sleeps on a clock the test releases: the first call holds its token until then.
    const clock = new HeldClock();
    const slow = await startLocalCloud({
      clock,
      latency: { baseMs: 0, actionMs: { CreateServerGroup: 300 }, transitionMs: {} },
    });
    try {
      const client = albClient(slow);
      const request = () => client.createServerGroup(fcGroupRequest('in-flight', { clientToken: 'in-flight-token' }));
      const first = request();
      await clock.whenHeld(1);
      const second = expectAlbError(request(), 'IdempotenceProcessing');
      await clock.whenHeld(2);
      clock.release();
      await second;
      const answered = await first;
      const replay = request();
      await clock.whenHeld(1);
      clock.release();
      const replayed = await replay;
      expect(replayed.body?.serverGroupId).toBe(answered.body?.serverGroupId);
      expect(replayed.body?.jobId).toBe(answered.body?.jobId);
    } finally {
      clock.release();
      await slow.close();
    }
  });

  it('replays the first answer: same ServerGroupId and JobId, one group', async () => {
    const name = unique('token');
    const token = unique('create-token');
    const first = await alb.createServerGroup(fcGroupRequest(name, { clientToken: token }));
    const second = await alb.createServerGroup(fcGroupRequest(name, { clientToken: token }));
    expect(second.body?.serverGroupId).toBe(first.body?.serverGroupId);
    expect(second.body?.jobId).toBe(first.body?.jobId);
    expect(second.body?.requestId).not.toBe(first.body?.requestId);
    expect(await groupsNamed(name)).toHaveLength(1);
  });

  it('refuses the same token with other parameters: IdempotenceSignatureMismatch', async () => {
    const token = unique('mismatch-token');
    await alb.createServerGroup(fcGroupRequest(unique('a'), { clientToken: token }));
    const error = await expectAlbError(
      alb.createServerGroup(fcGroupRequest(unique('b'), { clientToken: token })),
      'IdempotenceSignatureMismatch',
    );
    expect(error.Message).toBe(
      'There is an idempotence signature mismatch between this request and the previous request.',
    );
  });

  it('replays CreateListener with the same ListenerId and JobId', async () => {
    const { id: groupId } = await createFcGroup(alb);
    await waitGroup(alb, groupId);
    const token = unique('listener-token');
    const first = await createListener(alb, lbId, groupId, 7001, { clientToken: token });
    const second = await createListener(alb, lbId, groupId, 7001, { clientToken: token });
    expect(second).toEqual(first);
  });
});

describe('ClientToken memory', () => {
  it('forgets an answer after a day, so the persisted world does not grow without end', async () => {
    const clock = manualClock();
    // The SDK signs with the real time: the local cloud's clock may run far ahead of it here.
    const later = await startLocalCloud({ clock, behaviour: { maxClockSkewMs: 30 * 24 * 3600 * 1000 } });
    try {
      const client = albClient(later);
      const name = unique('old');
      const first = await client.createServerGroup(fcGroupRequest(name, { clientToken: 'day-token' }));
      clock.advance(23 * 3600 * 1000);
      const replayed = await client.createServerGroup(fcGroupRequest(name, { clientToken: 'day-token' }));
      expect(replayed.body?.serverGroupId).toBe(first.body?.serverGroupId);
      clock.advance(2 * 3600 * 1000);
      const fresh = await client.createServerGroup(fcGroupRequest(unique('new'), { clientToken: 'day-token' }));
      expect(fresh.body?.serverGroupId).not.toBe(first.body?.serverGroupId);
    } finally {
      await later.close();
    }
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation after validation and changes nothing', async () => {
    const name = unique('dry');
    const jobsBefore = await jobCount();
    const error = await expectAlbError(
      alb.createServerGroup(fcGroupRequest(name, { dryRun: true })),
      'DryRunOperation',
    );
    expect(error.Message).toBe('Request validation has been passed with DryRun flag set.');
    expect(await groupsNamed(name)).toEqual([]);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it('answers the validation error instead when the request would fail', async () => {
    await expectAlbError(
      alb.createServerGroup(
        fcGroupRequest(unique('dry'), {
          dryRun: true,
          slowStartConfig: { slowStartEnabled: true, slowStartDuration: 30 },
        }),
      ),
      'UnsupportedFeature.SlowStart',
    );
    await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: 'sgp-nope', dryRun: true })),
      'ResourceNotFound.ServerGroup',
      404,
    );
  });

  it('leaves servers, listeners and groups untouched', async () => {
    const arn = await createFunction(cloud, unique('fn'));
    const { id: groupId } = await createFcGroup(alb);
    await waitGroup(alb, groupId);
    await expectAlbError(
      alb.addServersToServerGroup(
        new $Alb.AddServersToServerGroupRequest({
          serverGroupId: groupId,
          servers: [{ serverType: 'Fc', serverId: arn }],
          dryRun: true,
        }),
      ),
      'DryRunOperation',
    );
    const servers = await alb.listServerGroupServers(
      new $Alb.ListServerGroupServersRequest({ serverGroupId: groupId }),
    );
    expect(servers.body?.servers).toEqual([]);
    await expectAlbError(createListener(alb, lbId, groupId, 7002, { dryRun: true }), 'DryRunOperation');
    const listeners = await alb.listListeners(
      new $Alb.ListListenersRequest({ loadBalancerIds: [lbId], maxResults: 100 }),
    );
    expect(listeners.body?.listeners?.some((l) => l.listenerPort === 7002)).toBe(false);
    await expectAlbError(
      alb.deleteServerGroup(new $Alb.DeleteServerGroupRequest({ serverGroupId: groupId, dryRun: true })),
      'DryRunOperation',
    );
    const groups = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: [groupId] }));
    expect(groups.body?.serverGroups?.[0]?.serverGroupStatus).toBe('Available');
  });
});
