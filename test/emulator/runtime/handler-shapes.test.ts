import { describe, expect, it } from 'vitest';
import type { InvokeOutcome } from '../../../src/emulator/runtime/index.js';
import { functionConfig, useFunctionRuntime } from './fixtures.js';

function bodyText(outcome: InvokeOutcome): string {
  return outcome.body.toString('utf8');
}

describe("function runtime: handler shapes (FC's Request handlers page)", () => {
  const scope = useFunctionRuntime({ accountId: '1234567890123456', region: 'cn-hangzhou' });

  it('runs a CommonJS async handler with the raw payload as a Buffer', async () => {
    const fn = functionConfig('cjs-async', {
      'index.js': `exports.handler = async (event, context) => {
        return 'Hello ' + (Buffer.isBuffer(event) ? 'buffer ' : 'other ') + event.toString() + ' ' + context.function.name;
      };`,
    });
    const outcome = await scope.runtime.invoke(fn, Buffer.from('World'));
    expect(outcome.ok).toBe(true);
    expect(bodyText(outcome)).toBe('Hello buffer World cjs-async');
    expect(outcome.requestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('runs an ES module handler from index.mjs', async () => {
    const fn = functionConfig('esm-mjs', {
      'index.mjs': `export const handler = async (event, context) => 'ESM ' + context.region + ' ' + context.accountId;`,
    });
    const outcome = await scope.runtime.invoke(fn, Buffer.alloc(0));
    expect(bodyText(outcome)).toBe('ESM cn-hangzhou 1234567890123456');
  });

  it('runs an ES module handler from index.js when package.json says "type": "module"', async () => {
    const fn = functionConfig('esm-js', {
      'package.json': '{"type":"module"}',
      'index.js': `import { greet } from './lib/greet.js';\nexport const handler = async () => greet();`,
      'lib/greet.js': `export const greet = () => 'from a nested module';`,
    });
    expect(bodyText(await scope.runtime.invoke(fn, Buffer.alloc(0)))).toBe('from a nested module');
  });

  it('runs a .cjs handler and handlers in folders (src/app.main)', async () => {
    const cjs = functionConfig('cjs-ext', { 'index.cjs': `module.exports = { handler: async () => 'cjs file' };` });
    expect(bodyText(await scope.runtime.invoke(cjs, Buffer.alloc(0)))).toBe('cjs file');
    const nested = functionConfig(
      'nested',
      { 'src/app.js': `exports.main = async () => 'nested';` },
      { handler: 'src/app.main' },
    );
    expect(bodyText(await scope.runtime.invoke(nested, Buffer.alloc(0)))).toBe('nested');
  });

  it('runs callback-style handlers (sync and the FC sample async form)', async () => {
    const sync = functionConfig('callback', {
      'index.js': `exports.handler = function (event, context, callback) {
        setTimeout(() => callback(null, { echoed: JSON.parse(event.toString()) }), 5);
      };`,
    });
    const outcome = await scope.runtime.invoke(sync, Buffer.from('{"a":1}'));
    expect(JSON.parse(bodyText(outcome))).toEqual({ echoed: { a: 1 } });
    const sample = functionConfig('callback-async', {
      'index.js': `exports.handler = async function (event, context, callback) { callback(null, 'hello world'); };`,
    });
    expect(bodyText(await scope.runtime.invoke(sample, Buffer.alloc(0)))).toBe('hello world');
  });

  it('encodes answers: string as UTF-8, Buffer as is, objects as JSON, nothing as empty', async () => {
    const fn = functionConfig('encodings', {
      'index.js': `exports.handler = async (event) => {
        const kind = event.toString();
        if (kind === 'buffer') return Buffer.from([0, 255, 1]);
        if (kind === 'object') return { n: 1, s: 'é' };
        if (kind === 'undefined') return undefined;
        return 'héllo';
      };`,
    });
    expect(bodyText(await scope.runtime.invoke(fn, Buffer.from('string')))).toBe('héllo');
    expect([...(await scope.runtime.invoke(fn, Buffer.from('buffer'))).body]).toEqual([0, 255, 1]);
    expect(bodyText(await scope.runtime.invoke(fn, Buffer.from('object')))).toBe('{"n":1,"s":"é"}');
    expect((await scope.runtime.invoke(fn, Buffer.from('undefined'))).body.length).toBe(0);
  });

  it('reports a thrown error as UnhandledInvocationError with FC error body', async () => {
    const fn = functionConfig('throws', {
      'index.js': `exports.handler = async () => { throw new TypeError('oops'); };`,
    });
    const outcome = await scope.runtime.invoke(fn, Buffer.alloc(0));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fcErrorType).toBe('UnhandledInvocationError');
    expect(outcome.cause).toBe('error');
    expect(outcome.error.errorMessage).toBe('oops');
    expect(outcome.error.errorType).toBe('TypeError');
    expect(outcome.error.stackTrace?.[0]).toBe('TypeError: oops');
    expect(JSON.parse(bodyText(outcome))).toEqual(outcome.error);
  });

  it('reports callback(error) and callback("text") like FC (text errors have no type or stack)', async () => {
    const fn = functionConfig('callback-error', {
      'index.js': `exports.handler = (event, context, callback) => {
        if (event.toString() === 'text') callback('something is wrong');
        else callback(new Error('bad'));
      };`,
    });
    const text = await scope.runtime.invoke(fn, Buffer.from('text'));
    expect(JSON.parse(bodyText(text))).toEqual({ errorMessage: 'something is wrong' });
    const error = await scope.runtime.invoke(fn, Buffer.from('error'));
    expect(error.ok).toBe(false);
    if (!error.ok) expect(error.error).toMatchObject({ errorMessage: 'bad', errorType: 'Error' });
  });

  it('fails the invocation when the module does not load or lacks the export', async () => {
    const missingExport = functionConfig('no-export', { 'index.js': `exports.other = async () => 'x';` });
    const a = await scope.runtime.invoke(missingExport, Buffer.alloc(0));
    expect(a.ok).toBe(false);
    if (!a.ok) {
      expect(a.cause).toBe('init');
      expect(a.error.errorType).toBe('HandlerNotFound');
    }
    const syntax = functionConfig('syntax', { 'index.js': `exports.handler = async () => {` });
    const b = await scope.runtime.invoke(syntax, Buffer.alloc(0));
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.errorType).toBe('SyntaxError');
    const exits = functionConfig('exits-on-load', { 'index.js': `process.exit(3);` });
    const d = await scope.runtime.invoke(exits, Buffer.alloc(0));
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.cause).toBe('exit');
      expect(d.error.errorMessage).toMatch(/^Process exited unexpectedly before completing request/);
    }
    const missingFile = functionConfig('no-file', { 'main.js': `exports.handler = async () => 'x';` });
    const c = await scope.runtime.invoke(missingFile, Buffer.alloc(0));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.errorMessage).toContain("Cannot find module 'index'");
  });

  it('captures console output per invocation in FC log format, with a 4 KB base64 tail', async () => {
    const fn = functionConfig('logs', {
      'index.js': `console.log('loading');
      exports.handler = async (event, context) => {
        console.log('hello,world');
        context.logger.info('hello,fc');
        process.stdout.write('hi,fc\\n');
        if (event.toString() === 'big') console.error('x'.repeat(10000));
        return 'ok';
      };`,
    });
    const first = await scope.runtime.invoke(fn, Buffer.alloc(0), { requestId: '1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(first.coldStart).toBe(true);
    expect(first.log).toContain('[silly] loading');
    expect(first.log).toContain('FC Invoke Start RequestId: 1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(first.log).toMatch(/Z 1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa \[silly\] hello,world\n/);
    expect(first.log).toContain('[info] hello,fc');
    expect(first.log).toContain('hi,fc\n');
    expect(Buffer.from(first.logResult, 'base64').toString('utf8')).toBe(first.log);
    const second = await scope.runtime.invoke(fn, Buffer.from('big'));
    expect(second.coldStart).toBe(false);
    expect(second.log).not.toContain('loading');
    const tail = Buffer.from(second.logResult, 'base64');
    expect(tail.length).toBe(4096);
    expect(tail.toString('utf8').endsWith(`FC Invoke End RequestId: ${second.requestId}\n`)).toBe(true);
  });

  it("gives the function its environment variables and never the emulator's", async () => {
    process.env.ALB_FC_TEST_PARENT_SECRET = 'must-not-leak';
    try {
      const fn = functionConfig(
        'env',
        {
          'index.js': `exports.handler = async () => JSON.stringify({
            greeting: process.env.GREETING,
            leaked: process.env.ALB_FC_TEST_PARENT_SECRET ?? null,
            name: process.env.FC_FUNCTION_NAME,
            region: process.env.FC_REGION,
          });`,
        },
        { environmentVariables: { GREETING: 'hi' } },
      );
      const outcome = await scope.runtime.invoke(fn, Buffer.alloc(0));
      expect(JSON.parse(bodyText(outcome))).toEqual({
        greeting: 'hi',
        leaked: null,
        name: 'env',
        region: 'cn-hangzhou',
      });
    } finally {
      delete process.env.ALB_FC_TEST_PARENT_SECRET;
    }
  });

  it('passes the HTTP form as a Buffer of the event JSON', async () => {
    const fn = functionConfig('http-form', {
      'index.mjs': `export const handler = async (event, context) => {
        const e = JSON.parse(event);
        return { statusCode: 200, body: e.rawPath + ' ' + e.requestContext.http.method + ' ' + (context.requestId === e.requestContext.requestId) };
      };`,
    });
    const outcome = await scope.runtime.invokeHttp(fn, {
      version: 'v1',
      rawPath: '/x',
      body: '',
      isBase64Encoded: false,
      headers: {},
      queryParameters: {},
      requestContext: {
        accountId: '1',
        domainName: 'a.example.com',
        domainPrefix: 'a',
        requestId: '1-00000002-bbbbbbbbbbbbbbbbbbbbbbbb',
        time: '2024-01-01T00:00:00Z',
        timeEpoch: '1704067200000',
        http: { method: 'GET', path: '/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      },
    });
    expect(outcome.requestId).toBe('1-00000002-bbbbbbbbbbbbbbbbbbbbbbbb');
    expect(JSON.parse(bodyText(outcome))).toEqual({ statusCode: 200, body: '/x GET true' });
  });
});
