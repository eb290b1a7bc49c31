// The adapters walk every page of every list they make: with the local cloud answering one item per page,
// three server groups, listeners, functions and records must still all come back.
import { describe, expect, it } from 'vitest';
import { stackTags } from '../../src/stack-input.js';
import { useLocalStack } from './support/local-stack.js';

const stack = useLocalStack({ maxPageSize: 1 });

describe('SDK adapters, one item per page', () => {
  it('list every server group, backend, listener, function, record and zone', async () => {
    const cloud = stack.ports();
    const tags = stackTags('paging');
    const lb = stack.loadBalancer.id;
    const groups = [];
    for (let i = 0; i < 3; i++) {
      groups.push(
        await cloud.alb.createServerGroup({ clientToken: `sg-${i}`, name: `sg-${i}`, healthCheckEnabled: false, tags }),
      );
    }
    expect((await cloud.alb.listServerGroupsByTags(tags)).map((g) => g.id).sort()).toEqual(
      groups.map((g) => g.id).sort(),
    );

    for (let i = 0; i < 3; i++) {
      await cloud.functions.create({
        name: `fn-${i}`,
        runtime: 'nodejs20',
        handler: 'index.handler',
        zipFile: Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64'),
        memorySize: 128,
        timeout: 3,
        tags,
      });
    }
    expect((await cloud.functions.listByTags(tags)).map((f) => f.name).sort()).toEqual(['fn-0', 'fn-1', 'fn-2']);

    for (const [i, group] of groups.entries()) {
      await settle(
        () => cloud.alb.getServerGroup(group.id),
        (g) => g?.status === 'Available',
      );
      const listener = await cloud.alb.createListener({
        clientToken: `l-${i}`,
        loadBalancerId: lb,
        port: 8000 + i,
        protocol: 'HTTP',
        serverGroupId: group.id,
        tags,
      });
      // The load balancer is Configuring while a listener is created (a second create would be refused).
      await settle(
        () => cloud.alb.getListener(listener.id),
        (l) => l?.status === 'Running',
      );
    }
    expect((await cloud.alb.listListeners(lb)).map((l) => l.port).sort()).toEqual([8000, 8001, 8002]);
    expect((await cloud.alb.listLoadBalancers()).map((l) => l.id)).toEqual([lb]);

    for (const value of ['a.example.net', 'b.example.net', 'c.example.net']) {
      await cloud.dns.addRecord({ zone: 'example.com', rr: 'multi', type: 'CNAME', value, ttl: 600 });
    }
    expect((await cloud.dns.listRecords('example.com', 'multi')).map((r) => r.value).sort()).toEqual([
      'a.example.net',
      'b.example.net',
      'c.example.net',
    ]);
    expect(await cloud.dns.listZones()).toEqual(['example.com']);
  });
});

/** Reads until `done` (the local cloud settles a transition after one read shows it), at most 10 reads. */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<void> {
  for (let i = 0; i < 10; i++) if (done(await read())) return;
  throw new Error('did not settle within 10 reads');
}
