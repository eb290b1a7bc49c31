import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createListener,
  expectAlbError,
  unique,
  waitGroup,
  type AlbClient,
} from './support.js';

// Tags: `Tag.N` on create, Tag filters on the lists, TagResources / UnTagResources / ListTagResources
// (metadata; CreateServerGroupRequest `Tag`).

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

function tagsOf(resourceType: string, resourceId: string[]) {
  return alb
    .listTagResources(new $Alb.ListTagResourcesRequest({ resourceType, resourceId }))
    .then((a) => a.body?.tagResources?.map((t) => [t.resourceId, t.tagKey, t.tagValue]));
}

describe('tags on create and list filters', () => {
  it('keeps Tag.N of CreateServerGroup and filters ListServerGroups by tag', async () => {
    const stack = unique('stack');
    const answer = await alb.createServerGroup(
      new $Alb.CreateServerGroupRequest({
        serverGroupName: unique('tagged'),
        serverGroupType: 'Fc',
        healthCheckConfig: { healthCheckEnabled: false },
        tag: [
          { key: 'alb-fc:stack', value: stack },
          { key: 'team', value: 'web' },
        ],
      }),
    );
    const id = answer.body!.serverGroupId!;
    await createFcGroup(alb);
    const byTag = await alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ tag: [{ key: 'alb-fc:stack', value: stack }] }),
    );
    expect(byTag.body?.serverGroups?.map((g) => g.serverGroupId)).toEqual([id]);
    expect(byTag.body?.serverGroups?.[0]?.tags?.map((t) => [t.key, t.value])).toEqual([
      ['alb-fc:stack', stack],
      ['team', 'web'],
    ]);
    const byKeyOnly = await alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ tag: [{ key: 'team' }], maxResults: 100 }),
    );
    expect(byKeyOnly.body?.serverGroups?.map((g) => g.serverGroupId)).toContain(id);
    const wrongValue = await alb.listServerGroups(
      new $Alb.ListServerGroupsRequest({ tag: [{ key: 'alb-fc:stack', value: 'other' }] }),
    );
    expect(wrongValue.body?.serverGroups).toEqual([]);
  });

  it('keeps Tag.N of CreateListener and filters ListListeners by tag', async () => {
    const { id: groupId } = await createFcGroup(alb);
    await waitGroup(alb, groupId);
    const stack = unique('stack');
    const { id } = await createListener(alb, lbId, groupId, 6001, { tag: [{ key: 'alb-fc:stack', value: stack }] });
    const listed = await alb.listListeners(
      new $Alb.ListListenersRequest({ tag: [{ key: 'alb-fc:stack', value: stack }] }),
    );
    expect(listed.body?.listeners?.map((l) => l.listenerId)).toEqual([id]);
    expect(listed.body?.listeners?.[0]?.tags?.[0]).toMatchObject({ key: 'alb-fc:stack', value: stack });
  });

  it('refuses reserved keys', async () => {
    await expectAlbError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: unique('reserved'),
          serverGroupType: 'Fc',
          healthCheckConfig: { healthCheckEnabled: false },
          tag: [{ key: 'acs:owner', value: 'x' }],
        }),
      ),
      'InvalidParameter',
    );
  });
});

describe('TagResources, ListTagResources, UnTagResources', () => {
  it('tags, lists and untags a server group', async () => {
    const { id } = await createFcGroup(alb);
    const tagged = await alb.tagResources(
      new $Alb.TagResourcesRequest({
        resourceType: 'servergroup',
        resourceId: [id],
        tag: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      }),
    );
    expect(tagged.statusCode).toBe(200);
    expect(tagged.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(await tagsOf('servergroup', [id])).toEqual([
      [id, 'a', '1'],
      [id, 'b', '2'],
    ]);
    await alb.tagResources(
      new $Alb.TagResourcesRequest({ resourceType: 'servergroup', resourceId: [id], tag: [{ key: 'a', value: '3' }] }),
    );
    await alb.unTagResources(
      new $Alb.UnTagResourcesRequest({ resourceType: 'servergroup', resourceId: [id], tagKey: ['b'] }),
    );
    expect(await tagsOf('servergroup', [id])).toEqual([[id, 'a', '3']]);
    await alb.unTagResources(
      new $Alb.UnTagResourcesRequest({ resourceType: 'servergroup', resourceId: [id], all: true }),
    );
    expect(await tagsOf('servergroup', [id])).toEqual([]);
  });

  it('tags the load balancer and finds resources by tag', async () => {
    const value = unique('v');
    await alb.tagResources(
      new $Alb.TagResourcesRequest({ resourceType: 'loadbalancer', resourceId: [lbId], tag: [{ key: 'env', value }] }),
    );
    const found = await alb.listTagResources(
      new $Alb.ListTagResourcesRequest({ resourceType: 'loadbalancer', tag: [{ key: 'env', value }] }),
    );
    expect(found.body?.tagResources?.[0]).toMatchObject({
      resourceId: lbId,
      resourceType: 'loadbalancer',
      tagKey: 'env',
      tagValue: value,
    });
    const lb = await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lbId }));
    expect(lb.body?.tags?.find((t) => t.key === 'env')?.value).toBe(value);
  });

  it('answers ResourceNotFound for unknown ids and refuses unknown resource types', async () => {
    await expectAlbError(
      alb.tagResources(
        new $Alb.TagResourcesRequest({
          resourceType: 'servergroup',
          resourceId: ['sgp-nope'],
          tag: [{ key: 'a', value: '1' }],
        }),
      ),
      'ResourceNotFound.ServerGroup',
      404,
    );
    await expectAlbError(
      alb.tagResources(
        new $Alb.TagResourcesRequest({
          resourceType: 'loadbalancer',
          resourceId: ['alb-nope'],
          tag: [{ key: 'a', value: '1' }],
        }),
      ),
      'ResourceNotFound.LoadBalancer',
      404,
    );
    await expectAlbError(
      alb.tagResources(
        new $Alb.TagResourcesRequest({ resourceType: 'bucket', resourceId: ['x'], tag: [{ key: 'a', value: '1' }] }),
      ),
      'InvalidParameter',
    );
    await expectAlbError(
      alb.tagResources(new $Alb.TagResourcesRequest({ resourceType: 'servergroup', tag: [{ key: 'a', value: '1' }] })),
      'MissingResourceId',
    );
  });
});
