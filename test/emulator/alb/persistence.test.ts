import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { manualClock } from '../../support/fake-clock.js';
import {
  $Alb,
  albClient,
  createFcGroup,
  createFunction,
  createListener,
  get,
  groupOf,
  readUntil,
  transitionsOf,
  waitGroup,
} from './support.js';

// `--data-dir` persistence: a second local cloud on the same directory sees the same resources, re-opens
// each listener's data plane (on the same port when it is free) and continues transitions in flight.

const dirs: string[] = [];
const clouds: LocalCloud[] = [];

afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'alb-fc-alb-persist-'));
  dirs.push(dir);
  return dir;
}

async function start(options: Parameters<typeof startLocalCloud>[0]): Promise<LocalCloud> {
  const cloud = await startLocalCloud(options);
  clouds.push(cloud);
  return cloud;
}

async function resolvePort(cloud: LocalCloud, listenerPort: number): Promise<number> {
  const dns = cloud.info.loadBalancers[0]!.dnsName;
  const route = (await (
    await fetch(`${cloud.endpoint}/_emulator/resolve?host=${dns}&port=${listenerPort}`)
  ).json()) as {
    port: number;
  };
  return route.port;
}

describe('persistence', () => {
  it('restores groups, servers and listeners, and re-opens the listener on its port', async () => {
    const dir = await dataDir();
    const first = await start({ dataDir: dir });
    const alb = albClient(first);
    const lbId = first.info.loadBalancers[0]!.id;
    const arn = await createFunction(first, 'persisted');
    const { id: groupId } = await createFcGroup(alb, 'persisted-group');
    await waitGroup(alb, groupId);
    await alb.addServersToServerGroup(
      new $Alb.AddServersToServerGroupRequest({
        serverGroupId: groupId,
        servers: [{ serverType: 'Fc', serverId: arn }],
      }),
    );
    await waitGroup(alb, groupId);
    const token = 'persisted-listener-token';
    const listener = await createListener(alb, lbId, groupId, 80, { clientToken: token });
    await readUntil(
      async () =>
        (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: listener.id }))).body
          ?.listenerStatus,
      (s) => s === 'Running',
    );
    const port = await resolvePort(first, 80);
    expect(await get(port, '/before')).toEqual({ status: 200, body: 'hello /before' });
    await first.close();
    clouds.splice(clouds.indexOf(first), 1);

    const second = await start({ dataDir: dir });
    const again = albClient(second);
    expect(second.info.loadBalancers[0]!.id).toBe(lbId);
    expect(await groupOf(again, groupId)).toMatchObject({ serverGroupName: 'persisted-group', serverCount: 1 });
    const servers = await again.listServerGroupServers(
      new $Alb.ListServerGroupServersRequest({ serverGroupId: groupId }),
    );
    expect(servers.body?.servers?.[0]).toMatchObject({ serverId: arn, status: 'Available' });
    const restored = await again.getListenerAttribute(
      new $Alb.GetListenerAttributeRequest({ listenerId: listener.id }),
    );
    expect(restored.body?.listenerStatus).toBe('Running');
    expect(await resolvePort(second, 80)).toBe(port);
    expect(await get(port, '/after')).toEqual({ status: 200, body: 'hello /after' });
    // The ClientToken of the first run still replays.
    expect(await createListener(again, lbId, groupId, 80, { clientToken: token })).toEqual(listener);
  });

  it('continues a transition that was in flight', async () => {
    const dir = await dataDir();
    const clock = manualClock();
    const first = await start({ dataDir: dir, clock, latency: transitionsOf(1000) });
    const { id } = await createFcGroup(albClient(first));
    clock.advance(400);
    expect((await groupOf(albClient(first), id))?.serverGroupStatus).toBe('Creating');
    await first.close();
    clouds.splice(clouds.indexOf(first), 1);

    const second = await start({ dataDir: dir, clock, latency: transitionsOf(1000) });
    const alb = albClient(second);
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Creating');
    clock.advance(600);
    expect((await groupOf(alb, id))?.serverGroupStatus).toBe('Available');
  });
});
