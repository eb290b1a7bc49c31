import AlbModule from '@alicloud/alb20200616';
import * as $Alb from '@alicloud/alb20200616';
import AlidnsModule from '@alicloud/alidns20150109';
import * as $Dns from '@alicloud/alidns20150109';
import FcModule from '@alicloud/fc20230330';
import * as $Fc from '@alicloud/fc20230330';
import OpenApiModule, { $OpenApiUtil } from '@alicloud/openapi-core';
import PopCoreModule from '@alicloud/pop-core';
import StsModule from '@alicloud/sts20150401';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { makeZip } from '../support/zip.js';

// The outsider's toolbox: it knows alb-fc only as a command (`node bin/alb-fc.js emulator start --json`), the
// ready line and admin API (docs/emulator.md), and Alibaba's own clients. Nothing from src/
// (test/support/zip.ts builds code packages; test/global-setup.ts builds dist/ before any test runs).

export { $Alb, $Dns, $Fc, $OpenApiUtil };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binPath = join(repoRoot, 'bin', 'alb-fc.js');

/** The official SDKs are CommonJS with the client at `exports.default`; vitest may already unwrap it. */
function cjsClass<T>(imported: T | { default: T }): T {
  const inner = (imported as { default?: T }).default;
  return typeof inner === 'function' ? inner : (imported as T);
}

export const Alb = cjsClass(AlbModule);
export const Fc = cjsClass(FcModule);
export const Alidns = cjsClass(AlidnsModule);
export const Sts = cjsClass(StsModule);
export const OpenApi = cjsClass(OpenApiModule);
export const RPCClient = cjsClass(PopCoreModule);
export type AlbClient = InstanceType<typeof Alb>;
export type FcClient = InstanceType<typeof Fc>;
export type DnsClient = InstanceType<typeof Alidns>;

// ---------------------------------------------------------------------------------------------------------
// The local cloud as a child process.

export interface ReadyLine {
  event: 'ready';
  endpoint: string;
  region: string;
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
  loadBalancers: Array<{ id: string; dnsName: string; addressType: string }>;
  domains: string[];
}

export interface Cloud {
  info: ReadyLine;
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** `127.0.0.1:PORT`, what the SDKs take as `endpoint` */
  host: string;
  /** Everything the process printed on stdout (exactly the ready line). */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then wait for the process to end (SIGKILL after 10 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: the process gets no chance to clean up. */
  kill9(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

/** `alb-fc emulator start --json --port 0 [args]`, resolved once its ready line is read. */
export async function startCloud(args: string[] = [], env: Record<string, string> = {}): Promise<Cloud> {
  const child = spawn(process.execPath, [binPath, 'emulator', 'start', '--json', '--port', '0', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (err += chunk));
  const info = await new Promise<ReadyLine>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no ready line within 20 s; stderr: ${err}`));
    }, 20_000);
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        ready(JSON.parse(out.slice(0, newline)) as ReadyLine);
      } catch (error) {
        child.kill('SIGKILL');
        fail(new Error(`the first stdout line is not JSON: ${out.slice(0, newline)} (${String(error)})`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited before ready (code ${code}, signal ${signal}): ${err}`));
    });
  });
  return {
    info,
    endpoint: info.endpoint,
    host: info.endpoint.replace(/^http:\/\//, ''),
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited(child);
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/**
 * One local cloud for the file's tests: started before them, stopped after them. Answers a stand-in whose
 * properties read the running cloud, so it can be used like the cloud itself (inside hooks and tests).
 */
export function useCloud(args: string[] = [], env: Record<string, string> = {}): Cloud {
  let started: Cloud | undefined;
  beforeAll(async () => {
    started = await startCloud(args, env);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const cloud = (): Cloud => {
    if (!started) throw new Error('the local cloud of useCloud() runs only inside hooks and tests');
    return started;
  };
  return {
    get info() {
      return cloud().info;
    },
    get endpoint() {
      return cloud().endpoint;
    },
    get host() {
      return cloud().host;
    },
    stdout: () => cloud().stdout(),
    stderr: () => cloud().stderr(),
    stop: () => cloud().stop(),
    kill9: () => cloud().kill9(),
  };
}

/** Runs `use` with `content` in a file of a fresh temp directory, removed afterwards whatever happens. */
export async function withTempFile<T>(content: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'alb-fc-outsider-'));
  try {
    const file = join(dir, 'input.json');
    writeFileSync(file, content);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Official clients pointed at the local cloud (`endpoint: host:port`, `protocol: http`).

type ConfigInit = ConstructorParameters<typeof $OpenApiUtil.Config>[0];

export function sdkConfig(cloud: Cloud, overrides: ConfigInit = {}) {
  return new $OpenApiUtil.Config({
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    endpoint: cloud.host,
    protocol: 'http',
    regionId: cloud.info.region,
    ...overrides,
  });
}

export const albClient = (cloud: Cloud, o: ConfigInit = {}) => new Alb(sdkConfig(cloud, o));
export const fcClient = (cloud: Cloud, o: ConfigInit = {}) => new Fc(sdkConfig(cloud, o));
export const dnsClient = (cloud: Cloud, o: ConfigInit = {}) => new Alidns(sdkConfig(cloud, o));
export const stsClient = (cloud: Cloud, o: ConfigInit = {}) => new Sts(sdkConfig(cloud, o));
export const openApiClient = (cloud: Cloud, o: ConfigInit = {}) => new OpenApi(sdkConfig(cloud, o));

export function popClient(
  cloud: Cloud,
  apiVersion: string,
  overrides: Partial<{ accessKeyId: string; accessKeySecret: string }> = {},
) {
  return new RPCClient({
    accessKeyId: cloud.info.accessKeyId,
    accessKeySecret: cloud.info.accessKeySecret,
    endpoint: cloud.endpoint,
    apiVersion,
    ...overrides,
  });
}

/** The SDKs read only the fields they find on their runtime options: none means the client's defaults. */
export const noRuntimeOptions = {} as Parameters<InstanceType<typeof OpenApi>['callApi']>[2];

/** A raw RPC call signed by openapi-core (ACS3), e.g. to send an action the product SDK does not have. */
export async function rpcCall(
  cloud: Cloud,
  action: string,
  version: string,
  query: Record<string, string>,
  options: { body?: Record<string, string>; config?: ConfigInit } = {},
): Promise<Record<string, unknown>> {
  const client = openApiClient(cloud, options.config);
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query, ...(options.body ? { body: options.body } : {}) });
  const answer = (await client.callApi(params, request, noRuntimeOptions)) as { body: Record<string, unknown> };
  return answer.body;
}

// ---------------------------------------------------------------------------------------------------------
// Errors as the SDKs surface them.

export interface SdkError {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
  data?: Record<string, unknown>;
  retryAfter?: number;
}

/** The rejection of a call that must fail (the test fails if it succeeds). */
export async function failure(call: Promise<unknown>): Promise<SdkError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)?.slice(0, 300)}`);
  return outcome.error as SdkError;
}

const upperUuid = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** A POP (ALB, Alidns, STS) error: status, code and the `{RequestId, HostId, Code, Message, Recommend}` body. */
export async function expectPopError(
  call: Promise<unknown>,
  code: string,
  status: number,
  product: 'Alb' | 'Alidns' | 'Sts',
): Promise<SdkError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.statusCode }, error.message).toEqual({ code, status });
  const body = error.data ?? {};
  expect(Object.keys(body).sort()).toEqual(
    expect.arrayContaining(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']),
  );
  expect(body.Code).toBe(code);
  expect(body.RequestId).toMatch(upperUuid);
  expect(typeof body.Message).toBe('string');
  expect(String(body.Recommend)).toBe(
    `https://api.aliyun.com/troubleshoot?q=${code}&product=${product}&requestId=${String(body.RequestId)}`,
  );
  return error;
}

/** An FC 3.0 error: status, code and the `{Code, Message, RequestId}` body. */
export async function expectFcError(call: Promise<unknown>, code: string, status: number): Promise<SdkError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.statusCode }, error.message).toEqual({ code, status });
  expect(error.data).toMatchObject({ Code: code, Message: expect.any(String) });
  expect(error.data?.RequestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  return error;
}

// ---------------------------------------------------------------------------------------------------------
// Admin API (docs/emulator.md: loopback, unsigned).

export async function admin<T = Record<string, unknown>>(
  cloud: Cloud,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${cloud.endpoint}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface Call {
  service: string;
  action: string;
  status: number;
  code: string | null;
  ms: number;
  at: string;
}

export async function calls(cloud: Cloud): Promise<Call[]> {
  return (await admin<{ calls: Call[] }>(cloud, 'GET', '/_emulator/calls')).calls;
}

export interface Route {
  host?: string;
  port: number;
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------
// Function code.

export const helloZip = () => makeZip({ 'index.js': "exports.handler = async (event, context) => 'hello world';\n" });

export async function createFunction(
  fc: FcClient,
  name: string,
  zip: Buffer = helloZip(),
  extra: Partial<ConstructorParameters<typeof $Fc.CreateFunctionInput>[0]> = {},
) {
  return fc.createFunction(
    new $Fc.CreateFunctionRequest({
      body: new $Fc.CreateFunctionInput({
        functionName: name,
        runtime: 'nodejs20',
        handler: 'index.handler',
        code: new $Fc.InputCodeLocation({ zipFile: zip.toString('base64') }),
        ...extra,
      }),
    }),
  );
}

export async function readAll(stream: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? Readable.from([])) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function invoke(
  fc: FcClient,
  name: string,
  payload?: Buffer,
  headers: ConstructorParameters<typeof $Fc.InvokeFunctionHeaders>[0] = {},
) {
  const answer = await fc.invokeFunctionWithOptions(
    name,
    new $Fc.InvokeFunctionRequest(payload ? { body: Readable.from([payload]) } : {}),
    new $Fc.InvokeFunctionHeaders(headers),
    {} as Parameters<FcClient['invokeFunctionWithOptions']>[3],
  );
  return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: await readAll(answer.body) };
}

// ---------------------------------------------------------------------------------------------------------
// ALB helpers.

export async function createFcGroup(alb: AlbClient, name: string, extra: Record<string, unknown> = {}) {
  const answer = await alb.createServerGroup(
    new $Alb.CreateServerGroupRequest({
      serverGroupName: name,
      serverGroupType: 'Fc',
      healthCheckConfig: new $Alb.CreateServerGroupRequestHealthCheckConfig({ healthCheckEnabled: false }),
      ...extra,
    }),
  );
  return answer.body!;
}

export async function groupOf(alb: AlbClient, id: string) {
  const answer = await alb.listServerGroups(new $Alb.ListServerGroupsRequest({ serverGroupIds: [id] }));
  return answer.body?.serverGroups?.[0];
}

export async function jobOf(alb: AlbClient, jobId: string) {
  const answer = await alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ jobIds: [jobId] }));
  return answer.body?.jobs?.[0];
}

/** Poll a read until `done` holds (the local cloud's transitions end after a read saw them). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 200): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`condition never held; last value ${JSON.stringify(last)}`);
}

export async function addFunction(alb: AlbClient, groupId: string, arn: string, token?: string) {
  return alb.addServersToServerGroup(
    new $Alb.AddServersToServerGroupRequest({
      serverGroupId: groupId,
      servers: [new $Alb.AddServersToServerGroupRequestServers({ serverType: 'Fc', serverId: arn })],
      ...(token ? { clientToken: token } : {}),
    }),
  );
}

export async function createListener(alb: AlbClient, lbId: string, port: number, groupId: string, token?: string) {
  return alb.createListener(
    new $Alb.CreateListenerRequest({
      loadBalancerId: lbId,
      listenerProtocol: 'HTTP',
      listenerPort: port,
      defaultActions: [
        new $Alb.CreateListenerRequestDefaultActions({
          type: 'ForwardGroup',
          forwardGroupConfig: new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfig({
            serverGroupTuples: [
              new $Alb.CreateListenerRequestDefaultActionsForwardGroupConfigServerGroupTuples({
                serverGroupId: groupId,
              }),
            ],
          }),
        }),
      ],
      ...(token ? { clientToken: token } : {}),
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The data plane: a plain HTTP client (fetch cannot set `Host`), like curl --resolve would be.

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function httpTo(
  port: number,
  options: { path?: string; host?: string; method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { ...(options.host ? { host: options.host } : {}), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

/**
 * A loopback proxy in front of the local cloud that rewrites what passes: the `Host` header (as a reverse
 * proxy for a real endpoint name would) and/or the body (as a tampering middlebox would).
 */
export async function proxyTo(
  cloud: Cloud,
  rewrite: { host?: string; body?: (body: Buffer) => Buffer },
): Promise<{ endpoint: string; host: string; close(): Promise<void> }> {
  const target = new URL(cloud.endpoint);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = rewrite.body ? rewrite.body(Buffer.concat(chunks)) : Buffer.concat(chunks);
      const headers = { ...req.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      if (rewrite.host) headers.host = rewrite.host;
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
