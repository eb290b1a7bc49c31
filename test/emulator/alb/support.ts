import AlbModule from '@alicloud/alb20200616';
import * as $Alb from '@alicloud/alb20200616';
import FcModule from '@alicloud/fc20230330';
import * as $Fc from '@alicloud/fc20230330';
import { request, type IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import type { LocalCloud } from '../../../src/emulator/index.js';
import type { LatencyProfile } from '../../../src/emulator/core/latency.js';
import { cjsDefault } from '../../../src/lib/interop.js';
import { sdkConfig } from '../../support/sdk-config.js';
import { makeZip } from '../../support/zip.js';

// Shared by the ALB conformance tests: the official ALB and FC 3.0 clients pointed at a local cloud over
// loopback HTTP, and assertions on POP error answers. The asynchronous transitions run on a manual clock
// (test/support/fake-clock.ts).

export { $Alb, $Fc };

const Alb = cjsDefault(AlbModule);
const Fc = cjsDefault(FcModule);
export type AlbClient = InstanceType<typeof Alb>;
export type FcClient = InstanceType<typeof Fc>;

export function albClient(cloud: LocalCloud, overrides: Parameters<typeof sdkConfig>[1] = {}): AlbClient {
  return new Alb(sdkConfig(cloud, overrides));
}

export function fcClient(cloud: LocalCloud): FcClient {
  return new Fc(sdkConfig(cloud));
}

/** A latency profile whose transitions take `ms` each (no per-call delay). */
export function transitionsOf(ms: number): LatencyProfile {
  const names = [
    'serverGroup.create',
    'serverGroup.delete',
    'serverGroup.update',
    'servers.add',
    'servers.remove',
    'listener.create',
    'listener.delete',
    'listener.update',
  ];
  return { baseMs: 0, actionMs: {}, transitionMs: Object.fromEntries(names.map((n) => [n, ms])) };
}

/** Asserts the official client rejected with this ALB code and HTTP status, in the POP error shape. */
export async function expectAlbError(
  call: Promise<unknown>,
  code: string,
  status = 400,
): Promise<Record<string, unknown>> {
  const error = (await call.then(
    () => undefined,
    (rejected: unknown) => rejected,
  )) as { code?: string; statusCode?: number; data?: Record<string, unknown> } | undefined;
  expect(error, `expected ${code}`).toBeDefined();
  expect(error?.code).toBe(code);
  expect(error?.statusCode).toBe(status);
  expect(error?.data?.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  expect(error?.data?.HostId).toMatch(/^alb\.[a-z0-9-]+\.aliyuncs\.com$/);
  expect(String(error?.data?.Recommend)).toContain(`q=${code}&product=Alb`);
  return error?.data ?? {};
}

/** POSTs (or other methods) to an admin route of the local cloud. */
export async function admin(
  cloud: LocalCloud,
  path: string,
  body?: unknown,
  method = 'POST',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${cloud.endpoint}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let counter = 0;
/** A name unique within the test run, so tests sharing one local cloud never collide. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

const HELLO = `exports.handler = async (event) => {
  const e = JSON.parse(event.toString());
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hello ' + e.rawPath };
};`;

/** Creates an FC 3.0 function with the official FC client; answers its ARN. */
export async function createFunction(cloud: LocalCloud, name: string, source = HELLO): Promise<string> {
  const zip = makeZip({ 'index.js': source });
  const answer = await fcClient(cloud).createFunction(
    new $Fc.CreateFunctionRequest({
      body: new $Fc.CreateFunctionInput({
        functionName: name,
        runtime: 'nodejs20',
        handler: 'index.handler',
        memorySize: 128,
        timeout: 10,
        code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }),
      }),
    }),
  );
  const arn = answer.body?.functionArn;
  expect(arn).toBe(`acs:fc:${cloud.info.region}:${cloud.info.accountId}:functions/${name}`);
  return arn!;
}

/** A health-check-off Fc server group; answers its id and the create job's id. */
export async function createFcGroup(alb: AlbClient, name = unique('fcgroup')): Promise<{ id: string; jobId: string }> {
  const answer = await alb.createServerGroup(
    new $Alb.CreateServerGroupRequest({
      serverGroupName: name,
      serverGroupType: 'Fc',
      healthCheckConfig: { healthCheckEnabled: false },
    }),
  );
  return { id: answer.body!.serverGroupId!, jobId: answer.body!.jobId! };
}

export async function groupOf(alb: AlbClient, id: string) {
  const answer = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: [id] }));
  return answer.body?.serverGroups?.[0];
}

/**
 * Reads until `done` holds, at most `reads` times, and answers every value seen (so a test can assert the
 * in-between states). With `--latency none` a transition ends after one read has seen it.
 */
export async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, reads = 10): Promise<T[]> {
  const seen: T[] = [];
  for (let i = 0; i < reads; i++) {
    const value = await read();
    seen.push(value);
    if (done(value)) return seen;
  }
  throw new Error(`not done after ${reads} reads: ${JSON.stringify(seen.at(-1))}`);
}

export async function waitGroup(alb: AlbClient, id: string, status = 'Available'): Promise<string[]> {
  const seen = await readUntil(
    async () => (await groupOf(alb, id))?.serverGroupStatus ?? 'gone',
    (s) => s === status,
  );
  return seen;
}

export async function jobStatus(alb: AlbClient, jobId: string) {
  const answer = await alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [jobId] }));
  return answer.body?.jobs?.[0];
}

export async function waitJob(alb: AlbClient, jobId: string): Promise<string[]> {
  return readUntil(
    async () => (await jobStatus(alb, jobId))?.status ?? 'missing',
    (s) => s !== 'Processing',
  );
}

export async function createListener(
  alb: AlbClient,
  loadBalancerId: string,
  serverGroupId: string,
  port: number,
  extra: Partial<ConstructorParameters<typeof $Alb.CreateListenerRequest>[0]> = {},
): Promise<{ id: string; jobId: string }> {
  const answer = await alb.createListener(
    new $Alb.CreateListenerRequest({
      loadBalancerId,
      listenerProtocol: 'HTTP',
      listenerPort: port,
      defaultActions: [{ type: 'ForwardGroup', forwardGroupConfig: { serverGroupTuples: [{ serverGroupId }] } }],
      ...extra,
    }),
  );
  return { id: answer.body!.listenerId!, jobId: answer.body!.jobId! };
}

/** A plain HTTP GET to a data-plane port on loopback (optionally with a Host header). */
export function get(port: number, path: string, host?: string): Promise<{ status: number; body: string }> {
  return getWithHeaders(port, path, host).then(({ status, body }) => ({ status, body }));
}

/** `get`, with the answer's headers. */
export function getWithHeaders(
  port: number,
  path: string,
  host?: string,
): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers: host ? { host } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads the listener until it is Running (each read may end its transition). */
export async function running(alb: AlbClient, listenerId: string): Promise<void> {
  await readUntil(
    async () =>
      (await alb.getListenerAttribute(new $Alb.GetListenerAttributeRequest({ listenerId }))).body?.listenerStatus,
    (status) => status === 'Running',
  );
}

/** An Available Fc group holding a new function (HELLO, or `source`) whose server is Available: its id. */
export async function groupWithFunction(cloud: LocalCloud, alb: AlbClient, source?: string): Promise<string> {
  const arn = await createFunction(cloud, unique('fn'), source);
  const { id } = await createFcGroup(alb);
  await waitGroup(alb, id);
  await alb.addServersToServerGroup(
    new $Alb.AddServersToServerGroupRequest({ serverGroupId: id, servers: [{ serverType: 'Fc', serverId: arn }] }),
  );
  await waitGroup(alb, id);
  return id;
}

/** The loopback port the load balancer's name and a listener port resolve to (admin `/_emulator/resolve`). */
export async function resolvePort(cloud: LocalCloud, dnsName: string, listenerPort: number): Promise<number> {
  const response = await fetch(`${cloud.endpoint}/_emulator/resolve?host=${dnsName}&port=${listenerPort}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { port: number }).port;
}
