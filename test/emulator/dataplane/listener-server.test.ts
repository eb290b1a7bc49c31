import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openListenerServer,
  REASON_HEADER,
  type ListenerServer,
  type NoBackendReason,
  type RouteDecision,
} from '../../../src/emulator/dataplane/index.js';
import {
  createFunctionRuntime,
  type FcHttpEvent,
  type FunctionConfig,
  type FunctionRuntime,
} from '../../../src/emulator/runtime/index.js';
import { processIsAlive } from '../../../src/lib/fs/pid-lock.js';
import { functionConfig, removeDir, tempWorkDir } from '../runtime/fixtures.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(
  port: number,
  options: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

// Echoes the event it got, or acts on the path: /string, /binary, /throw, /hang.
const APP = `exports.handler = async (event, context) => {
  const e = JSON.parse(event);
  switch (e.rawPath) {
    case '/string': return 'Hello World!';
    case '/binary':
      return { statusCode: 200, headers: { 'content-type': 'application/octet-stream', 'set-cookie': ['a=1', 'b=2'] },
               body: Buffer.from([0, 1, 254, 255]).toString('base64'), isBase64Encoded: true };
    case '/throw': throw new Error('boom');
    case '/hang': return new Promise(() => {});
    default:
      return { statusCode: 201, headers: { 'content-type': 'application/json', 'x-handler-request-id': context.requestId },
               body: JSON.stringify(e) };
  }
};`;

describe('listener data plane', () => {
  let workDir: string;
  let runtime: FunctionRuntime;
  let fn: FunctionConfig;
  let decision: RouteDecision;
  let listener: ListenerServer;
  let strict: ListenerServer;

  beforeAll(async () => {
    workDir = await tempWorkDir();
    runtime = createFunctionRuntime({ workDir, accountId: '1234567890123456' });
    fn = functionConfig('web', { 'index.js': APP }, { timeoutSeconds: 1 });
    decision = {
      target: {
        invoke: (event) => runtime.invokeHttp(fn, event),
        accountId: '1234567890123456',
        dnsName: 'alb-1.example.com',
      },
    };
    const route = (): RouteDecision => decision;
    listener = await openListenerServer({ host: '127.0.0.1', port: 0, route, maxBodyBytes: 1024 });
    strict = await openListenerServer({ route, requireDateHeader: true });
  });
  afterAll(async () => {
    const pids = runtime.instances().map((i) => i.pid);
    try {
      await listener.close();
      await strict.close();
      await runtime.close();
    } finally {
      await removeDir(workDir);
    }
    // The tests leave instances running (one of them busy on a hanging call): close() must have ended them.
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) {
      expect(pid).toEqual(expect.any(Number));
      expect(processIsAlive(pid!), `pid ${pid}`).toBe(false);
    }
  });

  it('forwards the request as an FC 3.0 HTTP event and maps the response struct', async () => {
    const answer = await send(listener.port, {
      method: 'POST',
      path: '/api/v1/items%20x?tag=a&tag=b&q=1',
      headers: {
        host: 'app.example.com',
        'content-type': 'text/plain',
        'x-multi': ['v1', 'v2'],
        'user-agent': 'test-agent',
      },
      body: 'hello body',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('application/json');
    const event = JSON.parse(answer.body.toString('utf8')) as FcHttpEvent;
    expect(event).toMatchObject({
      version: 'v1',
      rawPath: '/api/v1/items%20x',
      body: 'hello body',
      isBase64Encoded: false,
      queryParameters: { tag: 'a,b', q: '1' },
      headers: { Host: 'app.example.com', 'X-Multi': 'v1,v2', 'X-Forwarded-For': '127.0.0.1' },
      requestContext: {
        accountId: '1234567890123456',
        domainName: 'app.example.com',
        domainPrefix: 'app',
        http: {
          method: 'POST',
          path: '/api/v1/items x',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'test-agent',
        },
      },
    });
    expect(event.requestContext.requestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(answer.headers['x-fc-request-id']).toBe(event.requestContext.requestId);
    expect(answer.headers['x-handler-request-id']).toBe(event.requestContext.requestId);
    expect(answer.headers['x-fc-invocation-duration']).toMatch(/^\d+$/);
  });

  it('base64-encodes binary request bodies in the event', async () => {
    const bytes = Buffer.from([0, 159, 146, 150, 255]);
    const answer = await send(listener.port, {
      method: 'PUT',
      path: '/upload',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const event = JSON.parse(answer.body.toString('utf8')) as FcHttpEvent;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').equals(bytes)).toBe(true);
    expect(event.requestContext.domainName).toBe('127.0.0.1');
  });

  it('decodes base64 response bodies and sends multi-value headers', async () => {
    const answer = await send(listener.port, { path: '/binary' });
    expect(answer.status).toBe(200);
    expect([...answer.body]).toEqual([0, 1, 254, 255]);
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('sends a non-struct answer as the body of a 200', async () => {
    const answer = await send(listener.port, { path: '/string' });
    expect([answer.status, answer.body.toString()]).toEqual([200, 'Hello World!']);
  });

  it('answers 502 when the function throws or times out', async () => {
    const thrown = await send(listener.port, { path: '/throw' });
    expect(thrown.status).toBe(502);
    expect(thrown.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(thrown.body.toString()).toContain('502 Bad Gateway');
    const timedOut = await send(listener.port, { path: '/hang' });
    expect(timedOut.status).toBe(502);
    expect(timedOut.headers['x-fc-request-id']).toMatch(/^1-/);
    const recovered = await send(listener.port, { path: '/string' });
    expect(recovered.status).toBe(200);
  });

  it('answers 503 when no backend can answer', async () => {
    const saved = decision;
    try {
      const reasons: NoBackendReason[] = [
        'NoServerGroup',
        'ServerGroupEmpty',
        'ServerNotAvailable',
        'FunctionNotFound',
      ];
      for (const reason of reasons) {
        decision = { noBackend: reason };
        const answer = await send(listener.port, { path: '/string' });
        expect(answer.status).toBe(503);
        expect(answer.headers[REASON_HEADER]).toBe(reason);
        expect(answer.body.toString()).toContain('503 Service Temporarily Unavailable');
      }
    } finally {
      decision = saved;
    }
  });

  it('answers 502 saying why when the runtime refuses the function (unsupported runtime)', async () => {
    const saved = decision;
    try {
      decision = {
        target: { invoke: (event) => runtime.invokeHttp({ ...fn, runtime: 'go1' }, event), accountId: '1' },
      };
      const answer = await send(listener.port, { path: '/string' });
      expect([answer.status, answer.headers[REASON_HEADER]]).toEqual([502, 'UnsupportedRuntime']);
      expect(answer.body.toString()).toContain("runtime 'go1' is not supported by the local cloud");
    } finally {
      decision = saved;
    }
  });

  it('answers 413 for a body over the limit and keeps serving', async () => {
    const answer = await send(listener.port, { method: 'POST', path: '/echo', body: 'x'.repeat(2048) });
    expect(answer.status).toBe(413);
    expect((await send(listener.port, { path: '/string' })).status).toBe(200);
  });

  it('accepts requests without Date by default and refuses them with requireDateHeader', async () => {
    expect((await send(listener.port, { path: '/string' })).status).toBe(200);
    const refused = await send(strict.port, { path: '/string' });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(refused.body.toString()).toContain('required HTTP header Date was not specified');
    const accepted = await send(strict.port, { path: '/string', headers: { date: new Date().toUTCString() } });
    expect([accepted.status, accepted.body.toString()]).toEqual([200, 'Hello World!']);
  });

  it("answers 504 when the function does not answer within the listener's request timeout", async () => {
    const hanging = { ...fn, key: 'web-slow', name: 'web-slow', timeoutSeconds: 60 };
    const slow = await openListenerServer({
      route: () => ({ target: { invoke: (event) => runtime.invokeHttp(hanging, event), accountId: '1' } }),
      requestTimeoutMs: 300,
    });
    try {
      const answer = await send(slow.port, { path: '/hang' });
      expect(answer.status).toBe(504);
      expect(answer.body.toString()).toContain('504 Gateway Time-out');
    } finally {
      await slow.close();
    }
  });

  it('stops listening on close()', async () => {
    const extra = await openListenerServer({ route: () => decision });
    expect((await send(extra.port, { path: '/string' })).status).toBe(200);
    await extra.close();
    await expect(send(extra.port, { path: '/string' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
