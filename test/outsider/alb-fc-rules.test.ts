import { beforeAll, describe, expect, it } from 'vitest';
import {
  $Alb,
  addFunction,
  admin,
  albClient,
  availableGroup,
  createFcGroup,
  createFunction,
  createListener,
  expectPopError,
  fcClient,
  groupOf,
  popClient,
  until,
  useCloud,
  type AlbClient,
} from './support.js';

// docs/emulator.md §2 (validation from the metadata) and §9 (Fc server groups), seen from the SDKs.

const cloud = useCloud();
let alb: AlbClient;
let arn: (name: string, region?: string) => string;

beforeAll(async () => {
  alb = albClient(cloud);
  arn = (name, region = cloud.info.region) => `acs:fc:${region}:${cloud.info.accountId}:functions/${name}`;
  const fc = fcClient(cloud);
  for (const name of ['rule-a', 'rule-b']) await createFunction(fc, name);
});

async function readyGroup(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { serverGroupId } = await createFcGroup(alb, name, extra);
  await availableGroup(alb, serverGroupId!);
  return serverGroupId!;
}

const settle = (id: string) =>
  until(
    async () => (await alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId: id }))).body,
    (b) => (b?.servers ?? []).every((s) => s.status === 'Available'),
  ).then(() =>
    until(
      () => groupOf(alb, id),
      (g) => g?.serverGroupStatus === 'Available',
    ),
  );

describe('validation from the metadata (emulator.md §2)', () => {
  it('a missing required parameter → Missing<Name>, "<Name> is mandatory for this action." (400)', async () => {
    const error = await expectPopError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupType: 'Fc',
          healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
        }),
      ),
      'MissingServerGroupName',
      400,
      'Alb',
    );
    expect(error.data?.Message).toBe('ServerGroupName is mandatory for this action.');
    await expectPopError(
      alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({})),
      'MissingListenerId',
      400,
      'Alb',
    );
  });

  it('nested names keep their path: MissingHealthCheckConfig.HealthCheckEnabled, MissingServers.1.ServerType', async () => {
    await expectPopError(
      alb.createServerGroup(
        new $Alb.CreateServerGroupRequest({
          serverGroupName: 'nested',
          serverGroupType: 'Fc',
          // an object with another field, so that the SDK sends `HealthCheckConfig.HealthCheckProtocol` only
          healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckProtocol: 'HTTP' }),
        }),
      ),
      'MissingHealthCheckConfig.HealthCheckEnabled',
      400,
      'Alb',
    );
    const id = await readyGroup('nested-servers');
    const error = await expectPopError(
      alb.addServersToServerGroup(
        new $Alb.AddServersToServerGroupRequest({
          serverGroupId: id,
          servers: [new $Alb.AddServersToServerGroupRequestServers({ serverId: arn('rule-a') })],
        }),
      ),
      'MissingServers.1.ServerType',
      400,
      'Alb',
    );
    expect(error.data?.Message).toBe('Servers.1.ServerType is mandatory for this action.');
  });

  it("the service's ranges (from prose), enums and patterns → InvalidParameter naming the parameter (metadata; the code is an assumption)", async () => {
    const id = await readyGroup('ranges');
    const lb = cloud.info.loadBalancers[0]!.id;
    const port = await expectPopError(createListener(alb, lb, 70000, id), 'InvalidParameter', 400, 'Alb');
    expect(String(port.data?.Message)).toContain('ListenerPort');
    const type = await expectPopError(
      createFcGroup(alb, 'enum-check', { serverGroupType: 'Lambda' }),
      'InvalidParameter',
      400,
      'Alb',
    );
    expect(String(type.data?.Message)).toContain('ServerGroupType');
    const name = await expectPopError(createFcGroup(alb, '1-starts-with-a-digit'), 'InvalidParameter', 400, 'Alb');
    expect(String(name.data?.Message)).toContain('ServerGroupName');
    const timeout = await expectPopError(
      createListener(alb, lb, 8300, id, undefined, { idleTimeout: 61 }),
      'InvalidParameter',
      400,
      'Alb',
    );
    expect(String(timeout.data?.Message)).toContain('IdleTimeout');
  });

  it("booleans are `true`/`false` only → the gateway's Invalid<Name> with the nested name (metadata)", async () => {
    const pop = popClient(cloud, '2020-06-16');
    const error = (await pop
      .request(
        'CreateServerGroup',
        { ServerGroupName: 'bool-check', ServerGroupType: 'Fc', 'HealthCheckConfig.HealthCheckEnabled': 'maybe' },
        { method: 'POST' },
      )
      .catch((e: unknown) => e)) as { code?: string; data?: { Message?: string } };
    expect(error.code).toBe('InvalidHealthCheckConfig.HealthCheckEnabled');
    expect(error.data?.Message).toBe('Specified parameter HealthCheckConfig.HealthCheckEnabled is not valid.');
  });

  it('a list sent as one JSON string, not flat → InvalidServers "… Flat format is required." (aliyun-cli issue 1393)', async () => {
    const id = await readyGroup('flat-check');
    const pop = popClient(cloud, '2020-06-16');
    const servers = JSON.stringify([{ ServerId: 'acs:fc:cn-hangzhou:1:functions/f', ServerType: 'Fc' }]);
    const error = (await pop
      .request('AddServersToServerGroup', { ServerGroupId: id, Servers: servers }, { method: 'POST' })
      .catch((e: unknown) => e)) as { code?: string; data?: { Message?: string } };
    expect(error.code).toBe('InvalidServers');
    expect(error.data?.Message).toBe('Illegal parameter serialization format. Flat format is required.');
    const object = (await pop
      .request(
        'CreateServerGroup',
        { ServerGroupName: 'json-object', ServerGroupType: 'Fc', HealthCheckConfig: '{"HealthCheckEnabled":false}' },
        { method: 'POST' },
      )
      .catch((e: unknown) => e)) as { code?: string };
    expect(object.code).toBe('InvalidHealthCheckConfig');
    // The official SDK sends the same list flat (Servers.1.ServerId=…), and it is accepted.
  });

  it('flattened parameters in a form body (Terraform, pop-core POST) become lists and objects (Terraform RpcPost)', async () => {
    const id = await readyGroup('form-body-target');
    const pop = popClient(cloud, '2020-06-16');
    const answer = (await pop.request(
      'CreateListener',
      {
        LoadBalancerId: cloud.info.loadBalancers[0]!.id,
        ListenerProtocol: 'HTTP',
        ListenerPort: '8200',
        'DefaultActions.1.Type': 'ForwardGroup',
        'DefaultActions.1.ForwardGroupConfig.ServerGroupTuples.1.ServerGroupId': id,
        'Tag.1.Key': 'via',
        'Tag.1.Value': 'form',
      },
      { method: 'POST' },
    )) as { ListenerId: string; JobId: string };
    const read = await until(
      () => alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: answer.ListenerId })),
      (r) => r.body?.listenerStatus === 'Running',
    );
    expect(read.body?.defaultActions?.[0]?.forwardGroupConfig?.serverGroupTuples?.[0]?.serverGroupId).toBe(id);
    expect(read.body?.tags).toEqual([expect.objectContaining({ key: 'via', value: 'form' })]);
    await until(
      () =>
        alb.getLoadBalancerAttribute(
          new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: cloud.info.loadBalancers[0]!.id }),
        ),
      (r) => r.body?.loadBalancerStatus === 'Active',
    );
  });
});

describe('Fc server groups (emulator.md §9)', () => {
  it('VpcId, Protocol, Scheduler are ignored for Fc: no Protocol/VpcId, Scheduler Wrr, health check off (CreateServerGroupRequest)', async () => {
    const id = await readyGroup('ignored-fields', { vpcId: 'vpc-ignored', protocol: 'HTTPS', scheduler: 'Sch' });
    const group = await groupOf(alb, id);
    expect(group).toMatchObject({ serverGroupType: 'Fc', scheduler: 'Wrr', serverGroupName: 'ignored-fields' });
    expect(group?.protocol ?? '').toBe('');
    expect(group?.vpcId ?? '').toBe('');
    expect(group?.healthCheckConfig?.healthCheckEnabled).toBe(false);
  });

  it('ConnectionDrain / SlowStart on an Fc group → UnsupportedFeature.* (CreateServerGroupRequest, metadata)', async () => {
    await expectPopError(
      createFcGroup(alb, 'drain', {
        connectionDrainConfig: new $Alb.CreateServerGroupRequestConnectionDrainConfig({
          connectionDrainEnabled: true,
          connectionDrainTimeout: 10,
        }),
      }),
      'UnsupportedFeature.ConnectionDrain',
      400,
      'Alb',
    );
    await expectPopError(
      createFcGroup(alb, 'slow', {
        slowStartConfig: new $Alb.CreateServerGroupRequestSlowStartConfig({
          slowStartEnabled: true,
          slowStartDuration: 30,
        }),
      }),
      'UnsupportedFeature.SlowStart',
      400,
      'Alb',
    );
  });

  it('ServerId: FC 3.0 ARN; Port/Weight ignored, read back as Port 0, Weight 100 (AddServersToServerGroupRequest; Terraform PR #8924)', async () => {
    const id = await readyGroup('arn-plain');
    await alb.addServersToServerGroup(
      new $Alb.AddServersToServerGroupRequest({
        serverGroupId: id,
        servers: [
          new $Alb.AddServersToServerGroupRequestServers({
            serverType: 'Fc',
            serverId: arn('rule-a'),
            port: 8080,
            weight: 7,
          }),
        ],
      }),
    );
    await settle(id);
    const listed = await alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId: id }));
    expect(listed.body?.servers).toEqual([
      expect.objectContaining({ serverId: arn('rule-a'), serverType: 'Fc', port: 0, weight: 100, status: 'Available' }),
    ]);
  });

  it('ServerId: FC 3.0 ARN with a qualifier, `functions/<name>/<qualifier>` (FC ProvisionConfig form)', async () => {
    const id = await readyGroup('arn-qualified');
    await addFunction(alb, id, `${arn('rule-b')}/LATEST`);
    await settle(id);
  });

  it('ServerId: FC 2.0 ARN `services/<svc>.<qualifier>/functions/<fn>` (FC 2.0 form; seeded with /_emulator/fc/fc2-functions)', async () => {
    await admin(cloud, 'POST', '/_emulator/fc/fc2-functions', {
      serviceName: 'legacy-svc',
      functionName: 'legacy-fn',
      qualifier: 'LATEST',
      handlerType: 'http',
      httpTrigger: true,
      runtime: 'nodejs20',
      handler: 'index.handler',
    });
    const id = await readyGroup('arn-fc2');
    await addFunction(
      alb,
      id,
      `acs:fc:${cloud.info.region}:${cloud.info.accountId}:services/legacy-svc.LATEST/functions/legacy-fn`,
    );
    await settle(id);
  });

  it('an unparsable ServerId → IllegalParam.ServerId (IllegalParam family of the metadata)', async () => {
    const id = await readyGroup('arn-garbage');
    await expectPopError(addFunction(alb, id, 'not-an-arn'), 'IllegalParam.ServerId', 400, 'Alb');
  });

  it('an unknown function, or one of another region → ResourceNotFound.BackendServer 404 (metadata; FC "ALB triggers" page: same region)', async () => {
    const id = await readyGroup('arn-unknown');
    await expectPopError(addFunction(alb, id, arn('no-such-fn')), 'ResourceNotFound.BackendServer', 404, 'Alb');
    await expectPopError(
      addFunction(alb, id, arn('rule-a', 'cn-shanghai')),
      'ResourceNotFound.BackendServer',
      404,
      'Alb',
    );
    await expectPopError(
      addFunction(alb, id, `acs:fc:${cloud.info.region}:1999999999999999:functions/rule-a`),
      'ResourceNotFound.BackendServer',
      404,
      'Alb',
    );
  });

  it('a non-Fc server in an Fc group → Mismatch.ServerType (metadata; inferred)', async () => {
    const id = await readyGroup('mismatch');
    await expectPopError(
      alb.addServersToServerGroup(
        new $Alb.AddServersToServerGroupRequest({
          serverGroupId: id,
          servers: [new $Alb.AddServersToServerGroupRequestServers({ serverType: 'Ecs', serverId: 'i-abc', port: 80 })],
        }),
      ),
      'Mismatch.ServerType',
      400,
      'Alb',
    );
  });

  it('one function per Fc group: a second → ResourceQuotaExceeded.ServerAddedNum (FC "ALB triggers" page; the code is an assumption)', async () => {
    const id = await readyGroup('one-function');
    await addFunction(alb, id, arn('rule-a'));
    await settle(id);
    await expectPopError(addFunction(alb, id, arn('rule-b')), 'ResourceQuotaExceeded.ServerAddedNum', 400, 'Alb');
  });

  it('the same function again → Conflict.BackendServer; twice in one call → DuplicatedParam.BackendServer (metadata)', async () => {
    const id = await readyGroup('conflict');
    await addFunction(alb, id, arn('rule-a'));
    await settle(id);
    await expectPopError(addFunction(alb, id, arn('rule-a')), 'Conflict.BackendServer', 400, 'Alb');
    const other = await readyGroup('duplicated');
    await expectPopError(
      alb.addServersToServerGroup(
        new $Alb.AddServersToServerGroupRequest({
          serverGroupId: other,
          servers: [
            new $Alb.AddServersToServerGroupRequestServers({ serverType: 'Fc', serverId: arn('rule-b') }),
            new $Alb.AddServersToServerGroupRequestServers({ serverType: 'Fc', serverId: arn('rule-b') }),
          ],
        }),
      ),
      'DuplicatedParam.BackendServer',
      400,
      'Alb',
    );
  });

  it('servers of an unknown group → ResourceNotFound.ServerGroup 404 (metadata)', async () => {
    await expectPopError(
      addFunction(alb, 'sgp-doesnotexist00000', arn('rule-a')),
      'ResourceNotFound.ServerGroup',
      404,
      'Alb',
    );
  });

  it('an Fc group behind a non-HTTP listener → OperationDenied.ServerGroupProtocolNotSupport (metadata; the trigger is inferred)', async () => {
    const id = await readyGroup('quic-target');
    const error = await expectPopError(
      alb.createListener(
        new $Alb.CreateListenerRequest({
          loadBalancerId: cloud.info.loadBalancers[0]!.id,
          listenerProtocol: 'QUIC',
          listenerPort: 8443,
          defaultActions: [
            new $Alb.CreateListenerRequestDefaultActions({
              type: 'ForwardGroup',
              forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
                serverGroupTuples: [
                  new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
                    serverGroupId: id,
                  }),
                ],
              }),
            }),
          ],
        }),
      ),
      'OperationDenied.ServerGroupProtocolNotSupport',
      400,
      'Alb',
    );
    expect(error.data?.Message).toEqual(expect.any(String));
  });
});
