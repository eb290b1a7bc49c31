import { describe, expect, it } from 'vitest';
import { makeZip } from '../support/zip.js';
import {
  $Alb,
  $Fc,
  admin,
  albClient,
  createFunction,
  createListener,
  fcClient,
  httpTo,
  readyFcGroup,
  runningListener,
  serversOf,
  startCloud,
  until,
  useCloud,
  withTempFile,
  type Route,
} from './support.js';

// docs/emulator.md §5 and §7: what FC does once a function is behind ALB — the `alb` trigger FC 3.0 lists for it
// (inferred from Serverless Devs' FC 3.0 client), and the `Date` header FC 2.0 functions need (FC "ALB triggers").

const cloud = useCloud();
const hello = makeZip({ 'index.js': "exports.handler = async () => 'hello world';\n" });

function arnOf(name: string): string {
  return `acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/${name}`;
}

async function triggerTypes(name: string, headers: Record<string, string> = {}): Promise<string[]> {
  const fc = fcClient(cloud);
  const answer = await fc.listTriggersWithOptions(name, new $Fc.ListTriggersRequest({}), headers, {} as never);
  return (answer.body?.triggers ?? []).map((t) => `${t.triggerType}:${t.triggerName}`);
}

describe('ListTriggers of a function in an ALB server group (devsapp/fc3 client code: inferred)', () => {
  it('lists an alb trigger per server group, unless x-fc-disable-list-remote-alb-triggers: true', async () => {
    const fc = fcClient(cloud);
    await createFunction(fc, 'behind-alb', hello);
    await fc.createTrigger(
      'behind-alb',
      new $Fc.CreateTriggerRequest({
        body: new $Fc.CreateTriggerInput({
          triggerName: 'own-timer',
          triggerType: 'timer',
          triggerConfig: '{"cronExpression":"@every 1h","enable":false}',
        }),
      }),
    );
    expect(await triggerTypes('behind-alb')).toEqual(['timer:own-timer']);

    const alb = albClient(cloud);
    const groupId = await readyFcGroup(alb, 'with-trigger', arnOf('behind-alb'));
    const listed = await fc.listTriggers('behind-alb', new $Fc.ListTriggersRequest({}));
    const remote = listed.body?.triggers?.find((t) => t.triggerType === 'alb');
    expect(remote).toMatchObject({
      triggerName: `alb-${groupId}`,
      qualifier: 'LATEST',
      sourceArn: `acs:alb:${cloud.info.region}:${cloud.info.accountId}:servergroup/${groupId}`,
    });
    expect(await triggerTypes('behind-alb', { 'x-fc-disable-list-remote-alb-triggers': 'true' })).toEqual([
      'timer:own-timer',
    ]);

    // Out of the group, the trigger is gone.
    await alb.removeServersFromServerGroup(
      new $Alb.RemoveServersFromServerGroupRequest({
        serverGroupId: groupId,
        servers: [
          new $Alb.RemoveServersFromServerGroupRequestServers({ serverType: 'Fc', serverId: arnOf('behind-alb') }),
        ],
      }),
    );
    await until(
      () => serversOf(alb, groupId),
      (servers) => servers.length === 0,
    );
    expect(await triggerTypes('behind-alb')).toEqual(['timer:own-timer']);
  });

  it('is configurable: --behaviour {"listRemoteAlbTriggers": false} lists the own triggers only', async () => {
    await withTempFile(JSON.stringify({ listRemoteAlbTriggers: false }), async (file) => {
      const other = await startCloud(['--behaviour', file]);
      try {
        const fc = fcClient(other);
        await createFunction(fc, 'quiet', hello);
        await readyFcGroup(
          albClient(other),
          'quiet-group',
          `acs:fc:${other.info.region}:${other.info.accountId}:functions/quiet`,
        );
        const listed = await fc.listTriggers('quiet', new $Fc.ListTriggersRequest({}));
        expect(listed.body?.triggers).toEqual([]);
      } finally {
        await other.stop();
      }
    });
  });
});

describe('the Date header through ALB (FC "ALB triggers": required for FC 2.0)', () => {
  it('an FC 2.0 function answers a request without Date with 400, one with Date with its answer; FC 3.0 needs none', async () => {
    await admin(cloud, 'POST', '/_emulator/fc/fc2-functions', {
      serviceName: 'legacy',
      functionName: 'web',
      handlerType: 'http',
      httpTrigger: true,
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: hello.toString('base64'),
    });
    const alb = albClient(cloud);
    const lb = cloud.info.loadBalancers[0]!;
    const fc2 = `acs:fc:${cloud.info.region}:${cloud.info.accountId}:services/legacy.LATEST/functions/web`;
    const fc2Group = await readyFcGroup(alb, 'fc2-date', fc2);
    const fc2Listener = await createListener(alb, lb.id, 8401, fc2Group);
    await runningListener(alb, fc2Listener.body!.listenerId!);
    await createFunction(fcClient(cloud), 'no-date-needed', hello);
    const fc3Group = await readyFcGroup(alb, 'fc3-date', arnOf('no-date-needed'));
    await runningListener(alb, (await createListener(alb, lb.id, 8402, fc3Group)).body!.listenerId!);

    const route = (port: number) => admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=${port}`);
    const fc2Port = (await route(8401)).port;
    const refused = await httpTo(fc2Port, { host: lb.dnsName });
    expect(refused.status).toBe(400);
    expect(refused.body.toString()).toContain('MissingRequiredHeader: required HTTP header Date was not specified');
    const dated = await httpTo(fc2Port, { host: lb.dnsName, headers: { date: new Date().toUTCString() } });
    expect([dated.status, dated.body.toString()]).toEqual([200, 'hello world']);
    const fc3 = await httpTo((await route(8402)).port, { host: lb.dnsName });
    expect([fc3.status, fc3.body.toString()]).toEqual([200, 'hello world']);
  });
});
