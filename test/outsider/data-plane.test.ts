import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../support/zip.js';
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
  expectPopError,
  fcClient,
  groupOf,
  httpTo,
  until,
  useCloud,
  type AlbClient,
} from './support.js';

// docs/emulator.md §7 and §9 (data plane, local DNS): the procedure end to end —
// function → server group → function added → listener → CNAME — then a request to the domain, resolved by the
// local cloud, reaches the function through the listener.

interface Route {
  port: number;
  [key: string]: unknown;
}

const cloud = useCloud();
let alb: AlbClient;
let lb: { id: string; dnsName: string };
let route: Route;

const echo = `exports.handler = async (event) => {
  const e = JSON.parse(event.toString());
  if (e.rawPath === '/fail') throw new Error('handler failed');
  return { statusCode: 201, headers: { 'content-type': 'application/json', 'x-from': 'function', 'X-Custom-Reply': 'kept' }, body: JSON.stringify(e) };
};
`;

async function stack(
  name: string,
  port: number,
  code: Buffer,
  settings: Parameters<typeof createFunction>[3] = {},
): Promise<{ groupId: string; listenerId: string }> {
  const fc = fcClient(cloud);
  const fn = await createFunction(fc, name, code, settings);
  const { serverGroupId } = await createFcGroup(alb, `${name}-group`);
  await until(
    () => groupOf(alb, serverGroupId!),
    (g) => g?.serverGroupStatus === 'Available',
  );
  await addFunction(alb, serverGroupId!, fn.body!.functionArn!);
  await until(
    async () =>
      (await alb.listServerGroupServers(new $Alb.ListServerGroupServersRequest({ serverGroupId }))).body?.servers,
    (s) => s?.[0]?.status === 'Available',
  );
  await until(
    () => groupOf(alb, serverGroupId!),
    (g) => g?.serverGroupStatus === 'Available',
  );
  const listener = await createListener(alb, lb.id, port, serverGroupId!);
  await until(
    async () =>
      (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId: listener.body!.listenerId })))
        .body,
    (l) => l?.listenerStatus === 'Running',
  );
  await until(
    async () =>
      (await alb.getLoadBalancerAttribute(new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: lb.id }))).body,
    (b) => b?.loadBalancerStatus === 'Active',
  );
  return { groupId: serverGroupId!, listenerId: listener.body!.listenerId! };
}

beforeAll(async () => {
  alb = albClient(cloud);
  lb = cloud.info.loadBalancers[0]!;
  await stack('web', 80, makeZip({ 'index.js': echo }));
  await dnsClient(cloud).addDomainRecord(
    new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'api', type: 'CNAME', value: lb.dnsName }),
  );
  route = await admin<Route>(cloud, 'GET', '/_emulator/resolve?host=api.example.com&port=80');
});

describe('end to end (emulator.md §7)', () => {
  it('the CNAME resolves through the local DNS to the listener loopback port (assumption: resolver behaviour)', async () => {
    expect(route.port).toEqual(expect.any(Number));
    expect(route.port).not.toBe(new URL(cloud.endpoint).port);
    const state = await admin<{ services: { alb: { listeners: Array<Record<string, unknown>> } } }>(
      cloud,
      'GET',
      '/_emulator/state',
    );
    expect(JSON.stringify(state.services.alb.listeners)).toContain(String(route.port));
    const byLbName = await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=80`);
    expect(byLbName.port).toBe(route.port);
  });

  it("the hello-world function answers 'hello world' through ALB with the domain as Host", async () => {
    await stack('hello', 8080, makeZip({ 'index.js': "exports.handler = async () => 'hello world';\n" }));
    await dnsClient(cloud).addDomainRecord(
      new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'hello', type: 'CNAME', value: lb.dnsName }),
    );
    const hello = await admin<Route>(cloud, 'GET', '/_emulator/resolve?host=hello.example.com&port=8080');
    const answer = await httpTo(hello.port, { host: 'hello.example.com:8080' });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('hello world');
  });

  it('the function gets the FC 3.0 HTTP event and its {statusCode, headers, body} becomes the response (FC HTTP trigger page)', async () => {
    const answer = await httpTo(route.port, {
      path: '/some/path?x=1&y=2',
      host: 'api.example.com',
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-multi': 'a', 'user-agent': 'outsider/1.0', 'x-custom-THING': 'v' },
      body: Buffer.from('payload'),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers['x-from']).toBe('function');
    const event = JSON.parse(answer.body.toString()) as {
      body: string;
      isBase64Encoded: boolean;
      headers: Record<string, string>;
      requestContext: { domainName?: string };
    };
    expect(event).toMatchObject({
      version: 'v1',
      rawPath: '/some/path',
      queryParameters: { x: '1', y: '2' },
      isBase64Encoded: expect.any(Boolean),
      requestContext: {
        accountId: cloud.info.accountId,
        requestId: expect.any(String),
        http: { method: 'POST', path: '/some/path', protocol: 'HTTP/1.1', userAgent: 'outsider/1.0' },
      },
    });
    const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
    expect(body).toBe('payload');
    // Header names in Go's canonical form, as FC 3.0 builds the event (FC FAQ "Why does the first letter of the header
    // key become uppercase when I use an HTTP trigger"); none left in another case.
    expect(event.headers['X-Multi']).toBe('a');
    expect(event.headers['X-Custom-Thing']).toBe('v');
    expect(event.headers['Content-Type']).toBe('text/plain');
    expect(
      Object.keys(event.headers).filter((name) => name !== name.replace(/(^|-)[a-z]/g, (m) => m.toUpperCase())),
    ).toEqual([]);
    expect(event.headers.Host ?? event.requestContext.domainName ?? '').toContain('api.example.com');
    // X-Forwarded-For gets the client address appended (ALB default XForwardedForEnabled)
    expect(String(event.headers['X-Forwarded-For'])).toContain('127.0.0.1');
    expect(event.headers['X-Forwarded-Proto']).toBeUndefined();
    // The response's header names go out as the function set them.
    expect(answer.rawHeaders).toContain('X-Custom-Reply');
    expect(answer.rawHeaders).toContain('x-from');
  });

  it('a function error → 502 (ALB behaviour, assumption)', async () => {
    const answer = await httpTo(route.port, { path: '/fail', host: 'api.example.com' });
    expect(answer.status).toBe(502);
  });

  it('a request body above 6 MB → 413, answered from the declared length (assumption: FC synchronous payload limit)', async () => {
    // Only the headers go out: the body is never sent, so the answer can only come from the declared length.
    const size = 6 * 1024 * 1024 + 1;
    const status = await new Promise<number>((done, fail) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: route.port,
        method: 'POST',
        path: '/',
        headers: { host: 'api.example.com', 'content-length': String(size) },
        agent: false,
      });
      const timer = setTimeout(() => {
        req.destroy();
        fail(new Error('no answer within 10 s to the headers alone: the length was not refused as declared'));
      }, 10_000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        done(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });

  it("no answer within the listener's RequestTimeout, as last updated → 504 (ALB behaviour, assumption; SDK RequestTimeout)", async () => {
    const { groupId } = await stack(
      'sleepy',
      8060,
      makeZip({ 'index.js': 'exports.handler = () => new Promise((r) => setTimeout(() => r("late"), 4000));\n' }),
      { timeout: 10 },
    );
    const listenerId = (
      await alb.listListeners(new $Alb.ListListenersRequest({ loadBalancerIds: [lb.id] }))
    ).body!.listeners!.find((l) => l.listenerPort === 8060)!.listenerId!;
    await alb.updateListenerAttribute(new $Alb.UpdateListenerAttributeRequest({ listenerId, requestTimeout: 1 }));
    await until(
      async () => (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId }))).body,
      (l) => l?.listenerStatus === 'Running' && l.requestTimeout === 1,
    );
    expect(groupId).toMatch(/^sgp-/);
    const sleepy = await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=8060`);
    expect((await httpTo(sleepy.port, { host: lb.dnsName })).status).toBe(504);
  });

  it('a listener whose group has no function → 503 (ALB behaviour, assumption)', async () => {
    const { serverGroupId } = await createFcGroup(alb, 'empty-group');
    await until(
      () => groupOf(alb, serverGroupId!),
      (g) => g?.serverGroupStatus === 'Available',
    );
    const listener = await createListener(alb, lb.id, 9000, serverGroupId!);
    await until(
      async () =>
        (
          await alb.getListenerAttribute(
            new $Alb.GetListenerAttributeRequest({ listenerId: listener.body!.listenerId }),
          )
        ).body,
      (l) => l?.listenerStatus === 'Running',
    );
    const empty = await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=9000`);
    expect((await httpTo(empty.port, { host: lb.dnsName })).status).toBe(503);
  });

  it('a name that has no record does not resolve (404 from the admin API)', async () => {
    const answer = await fetch(`${cloud.endpoint}/_emulator/resolve?host=nothing.example.com&port=80`);
    expect(answer.status).toBe(404);
  });
  it('rules: a Path rule forwards to its own group; the same priority again → Conflict.Priority (metadata)', async () => {
    const other = await stack(
      'other',
      8070,
      makeZip({ 'index.js': "exports.handler = async () => 'other function';\n" }),
    );
    const listenerId = (
      await alb.listListeners(new $Alb.ListListenersRequest({ loadBalancerIds: [lb.id] }))
    ).body!.listeners!.find((l) => l.listenerPort === 80)!.listenerId!;
    const rule = (priority: number, path: string) =>
      alb.createRule(
        new $Alb.CreateRuleRequest({
          listenerId,
          priority,
          ruleName: `path-${priority}`,
          ruleConditions: [
            new $Alb.CreateRuleRequestRuleConditions({
              type: 'Path',
              pathConfig: new $Alb.CreateRuleRequestRuleConditionsPathConfig({ values: [path] }),
            }),
          ],
          ruleActions: [
            new $Alb.CreateRuleRequestRuleActions({
              order: 1,
              type: 'ForwardGroup',
              forwardGroupConfig: new $Alb.CreateRuleRequestRuleActionsForwardGroupConfig({
                serverGroupTuples: [
                  new $Alb.CreateRuleRequestRuleActionsForwardGroupConfigServerGroupTuples({
                    serverGroupId: other.groupId,
                  }),
                ],
              }),
            }),
          ],
        }),
      );
    const created = await rule(10, '/other');
    expect(created.body?.ruleId).toMatch(/^rule-[a-z0-9]{18}$/);
    const listenerRead = () =>
      alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId })).then((r) => r.body);
    await until(listenerRead, (l) => l?.listenerStatus === 'Running');
    await expectPopError(rule(10, '/again'), 'Conflict.Priority', 400, 'Alb');
    expect((await httpTo(route.port, { path: '/other', host: 'api.example.com' })).body.toString()).toBe(
      'other function',
    );
    expect((await httpTo(route.port, { path: '/', host: 'api.example.com' })).status).toBe(201);
  });

  it('a function deleted behind a listener → 503 (ALB behaviour, assumption)', async () => {
    await stack('short-lived', 8085, makeZip({ 'index.js': "exports.handler = async () => 'soon gone';\n" }));
    const gone = await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=8085`);
    expect((await httpTo(gone.port, { host: lb.dnsName })).body.toString()).toBe('soon gone');
    await fcClient(cloud).deleteFunction('short-lived');
    expect((await httpTo(gone.port, { host: lb.dnsName })).status).toBe(503);
  });

  it("a request FC throttles (reserved concurrency 0) is answered with FC's 429 ResourceExhausted and error body (assumption, knob)", async () => {
    await stack('capped', 8086, makeZip({ 'index.js': "exports.handler = async () => 'never';\n" }));
    await fcClient(cloud).putConcurrencyConfig(
      'capped',
      new $Fc.PutConcurrencyConfigRequest({ body: new $Fc.PutConcurrencyInput({ reservedConcurrency: 0 }) }),
    );
    const capped = await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=8086`);
    const answer = await httpTo(capped.port, { host: lb.dnsName });
    expect(answer.status).toBe(429);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body.toString())).toMatchObject({
      Code: 'ResourceExhausted',
      Message: expect.stringContaining('its reserved concurrency is 0'),
      RequestId: expect.stringMatching(/^1-/),
    });
  });

  it('local DNS: a wildcard CNAME resolves (RFC 4592); an A record does not resolve locally; a port without a listener resets (assumption)', async () => {
    const dns = dnsClient(cloud);
    await dns.addDomainRecord(
      new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: '*.wild', type: 'CNAME', value: lb.dnsName }),
    );
    const wild = await admin<Route>(cloud, 'GET', '/_emulator/resolve?host=any.wild.example.com&port=80');
    expect(wild.port).toBe(route.port);
    await dns.addDomainRecord(
      new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'plain', type: 'A', value: '192.0.2.1' }),
    );
    expect((await fetch(`${cloud.endpoint}/_emulator/resolve?host=plain.example.com&port=80`)).status).toBe(404);
    // a DISABLE record does not resolve either
    const paused = await dns.addDomainRecord(
      new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'paused', type: 'CNAME', value: lb.dnsName }),
    );
    await admin(cloud, 'POST', '/_emulator/alidns/record-state', {
      recordId: paused.body!.recordId,
      status: 'DISABLE',
    });
    expect((await fetch(`${cloud.endpoint}/_emulator/resolve?host=paused.example.com&port=80`)).status).toBe(404);
    const closed = await admin<Route>(cloud, 'GET', `/_emulator/resolve?host=${lb.dnsName}&port=81`);
    await expect(httpTo(closed.port, { host: lb.dnsName })).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
