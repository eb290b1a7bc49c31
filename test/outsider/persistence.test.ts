import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  $Alb,
  $Dns,
  $Fc,
  addFunction,
  admin,
  albClient,
  createFcGroup,
  createFunction,
  createListener,
  dnsClient,
  fcClient,
  groupOf,
  httpTo,
  invoke,
  startCloud,
  until,
  withTempFile,
  type Cloud,
} from './support.js';

// docs/emulator.md §3, `--data-dir` (issue 3 §9): the state survives a stop/start, and a kill -9 right after
// an answer (the state is written before the answer, atomically).

let dir: string;
const running: Cloud[] = [];
async function start(): Promise<Cloud> {
  const cloud = await startCloud(['--data-dir', dir]);
  running.push(cloud);
  return cloud;
}
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alb-fc-outsider-data-'));
});
afterAll(async () => {
  try {
    for (const cloud of running) await cloud.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Whether what the local cloud wrote to its data directory mentions `text` (whatever its files are called). */
function writtenToDisk(text: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      if (readFileSync(join(dir, entry.name), 'utf8').includes(text)) return true;
    } catch {
      // a temporary file, renamed meanwhile
    }
  }
  return false;
}

describe('--data-dir persistence', () => {
  let groupId: string;
  let recordId: string;
  let fnArn: string;

  it('SIGTERM then start again: functions (with their code), groups, servers, listeners and records are back', async () => {
    const first = await start();
    const alb = albClient(first);
    const lbId = first.info.loadBalancers[0]!.id;
    const fn = await createFunction(fcClient(first), 'kept-fn');
    fnArn = fn.body!.functionArn!;
    groupId = (await createFcGroup(alb, 'kept-group')).serverGroupId!;
    await until(
      () => groupOf(alb, groupId),
      (g) => g?.serverGroupStatus === 'Available',
    );
    await addFunction(alb, groupId, fnArn);
    await until(
      () => groupOf(alb, groupId),
      (g) => g?.serverGroupStatus === 'Available',
    );
    const listener = await createListener(alb, lbId, 80, groupId);
    await until(
      async () =>
        (
          await alb.getListenerAttribute(
            new $Alb.GetListenerAttributeRequest({ listenerId: listener.body!.listenerId }),
          )
        ).body,
      (l) => l?.listenerStatus === 'Running',
    );
    recordId = (
      await dnsClient(first).addDomainRecord(
        new $Dns.AddDomainRecordRequest({
          domainName: 'example.com',
          RR: 'kept',
          type: 'CNAME',
          value: first.info.loadBalancers[0]!.dnsName,
        }),
      )
    ).body!.recordId!;
    const stopped = await first.stop();
    // it ends by itself on SIGTERM (it runs in the foreground until SIGINT/SIGTERM)
    expect(stopped).toEqual({ code: 0, signal: null });

    const second = await start();
    expect(second.info.loadBalancers[0]!.id).toBe(lbId);
    const group = await groupOf(albClient(second), groupId);
    expect(group).toMatchObject({ serverGroupName: 'kept-group', serverGroupStatus: 'Available' });
    const servers = await albClient(second).listServerGroupServers(
      new $Alb.ListServerGroupServersRequest({ serverGroupId: groupId }),
    );
    expect(servers.body?.servers?.map((s) => s.serverId)).toEqual([fnArn]);
    const record = await dnsClient(second).describeDomainRecordInfo(
      new $Dns.DescribeDomainRecordInfoRequest({ recordId }),
    );
    expect(record.body?.RR).toBe('kept');
    expect((await invoke(fcClient(second), 'kept-fn')).body.toString()).toBe('hello world');
    // the listener serves again, through the local DNS
    const route = await admin<{ port: number }>(second, 'GET', '/_emulator/resolve?host=kept.example.com&port=80');
    expect((await httpTo(route.port, { host: 'kept.example.com' })).body.toString()).toBe('hello world');
    await second.stop();
  });

  it('kill -9 right after an answer: what was answered is there on the next start', async () => {
    const third = await start();
    const created = await createFunction(fcClient(third), 'after-crash');
    const record = await dnsClient(third).addDomainRecord(
      new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'crash', type: 'A', value: '192.0.2.7' }),
    );
    const group = await createFcGroup(albClient(third), 'crash-group');
    await third.kill9();

    const fourth = await start();
    const fn = await fcClient(fourth).getFunction('after-crash', new $Fc.GetFunctionRequest({}));
    expect(fn.body?.functionId).toBe(created.body?.functionId);
    const info = await dnsClient(fourth).describeDomainRecordInfo(
      new $Dns.DescribeDomainRecordInfoRequest({ recordId: record.body!.recordId! }),
    );
    expect(info.body).toMatchObject({ RR: 'crash', value: '192.0.2.7' });
    expect((await groupOf(albClient(fourth), group.serverGroupId!))?.serverGroupName).toBe('crash-group');
    // and what came before the crash is still there
    expect((await groupOf(albClient(fourth), groupId))?.serverGroupName).toBe('kept-group');
    await fourth.stop();
  });
  it('a call in flight when the local cloud died is forgotten: its ClientToken works again after restart (assumption)', async () => {
    // Long enough that the call is still running when the process is killed below.
    const slow = await withTempFile(JSON.stringify({ actionMs: { CreateServerGroup: 60_000 } }), (profile) =>
      startCloud(['--data-dir', dir, '--latency', profile]),
    );
    running.push(slow);
    const create = (cloud: Cloud) =>
      albClient(cloud).createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: 'in-flight-at-crash',
          serverGroupType: 'Fc',
          healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
          clientToken: 'crash-token',
        }),
      );
    const lost = create(slow).then(
      () => 'answered',
      (error: unknown) => error,
    );
    // Reads write the state too (docs/emulator.md §3): read until the state on disk holds the token the call in
    // flight has taken.
    await until(
      async () => {
        await albClient(slow).listServerGroups(new $Alb.ListServerGroupsRequest({}));
        return writtenToDisk('crash-token');
      },
      (onDisk) => onDisk,
    );
    await slow.kill9();
    expect(await lost, 'the call was still in flight when the process died').not.toBe('answered');

    const fresh = await start();
    const created = await create(fresh);
    expect(created.body?.serverGroupId).toMatch(/^sgp-/);
    const named = await albClient(fresh).listServerGroups(
      new $Alb.ListServerGroupsRequest({ serverGroupNames: ['in-flight-at-crash'] }),
    );
    expect(named.body?.serverGroups).toHaveLength(1);
    await fresh.stop();
  });
});
