// Python functions in the local cloud (issue 10): FC 3.0's Python handler contract — `handler(event, context)`
// with the event as bytes and FC's context attributes; str, bytes, None and JSON results; errors in FC's
// shape; print() and logging in the invocation log. Runs only where a Python 3 is installed.
import { describe, expect, it } from 'vitest';
import { createFunctionRuntime } from '../../../src/emulator/runtime/index.js';
import { PYTHON_SKIP_REASON, pythonInterpreter } from '../../support/python.js';
import { functionConfig, removeDir, tempWorkDir, useFunctionRuntime } from './fixtures.js';

describe.skipIf(pythonInterpreter === undefined)(`Python runtimes (${pythonInterpreter ?? PYTHON_SKIP_REASON})`, () => {
  const scope = useFunctionRuntime({ accountId: '1234567890123456', region: 'cn-hangzhou' });

  const python = (name: string, source: string, runtimeName = 'python3.10') =>
    functionConfig(name, { 'index.py': source }, { runtime: runtimeName });

  it('passes the event as bytes and FC context attributes', async () => {
    const fn = python(
      'py-context',
      [
        'def handler(event, context):',
        "    kind = 'bytes' if isinstance(event, bytes) else 'other'",
        "    return ' '.join([kind, event.decode(), context.function.name, context.region, context.account_id,",
        '                     str(len(context.request_id) > 0), str(context.function.timeout)])',
      ].join('\n'),
    );
    const outcome = await scope.runtime.invoke(fn, Buffer.from('World'));
    expect(outcome.ok).toBe(true);
    expect(outcome.body.toString()).toBe('bytes World py-context cn-hangzhou 1234567890123456 True 10');
  });

  it.each([
    ['a str as UTF-8', "    return 'héllo'", 'héllo'],
    ['bytes as they are', "    return b'raw'", 'raw'],
    ['None as an empty body', '    return None', ''],
    ['a dict as JSON', "    return {'statusCode': 201, 'body': 'made'}", '{"statusCode": 201, "body": "made"}'],
  ])('answers %s', async (_what, line, body) => {
    const fn = python(`py-result-${body.length}`, `def handler(event, context):\n${line}\n`, 'python3.12');
    const outcome = await scope.runtime.invoke(fn, Buffer.alloc(0));
    expect(outcome.ok).toBe(true);
    expect(outcome.body.toString()).toBe(body);
  });

  it("answers a raised error in FC's error shape, and keeps print() and logging in the log", async () => {
    const fn = python(
      'py-error',
      [
        'import logging',
        'def handler(event, context):',
        "    print('printed line')",
        "    logging.getLogger().info('logged line')",
        "    raise ValueError('bad input')",
      ].join('\n'),
    );
    const outcome = await scope.runtime.invoke(fn, Buffer.alloc(0));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ errorMessage: 'bad input', errorType: 'ValueError' });
    expect(outcome.error.stackTrace?.join('\n')).toContain('raise ValueError');
    expect(outcome.log).toContain('printed line');
    expect(outcome.log).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z 1-[0-9a-f-]+ \[INFO\] logged line/);
  });

  it('names the missing module and a handler the module lacks', async () => {
    const missing = functionConfig('py-missing', { 'other.py': 'x = 1\n' }, { runtime: 'python3' });
    const first = await scope.runtime.invoke(missing, Buffer.alloc(0));
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error.errorMessage).toContain("Unable to import module 'index'");
    const lacking = python('py-lacking', 'def other(event, context):\n    return 1\n');
    const second = await scope.runtime.invoke(lacking, Buffer.alloc(0));
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.errorMessage).toBe("Handler 'handler' is missing on module 'index'");
  });

  it('keeps an instance warm between requests (module state survives)', async () => {
    const fn = python(
      'py-warm',
      'count = 0\ndef handler(event, context):\n    global count\n    count += 1\n    return str(count)\n',
    );
    expect((await scope.runtime.invoke(fn, Buffer.alloc(0))).body.toString()).toBe('1');
    const second = await scope.runtime.invoke(fn, Buffer.alloc(0));
    expect(second.body.toString()).toBe('2');
    expect(second.coldStart).toBe(false);
  });
});

describe('Python runtimes without Python', () => {
  it('answer a clear error naming what to install', async () => {
    const workDir = await tempWorkDir();
    const runtime = createFunctionRuntime({ workDir, pythonCommand: '/nonexistent/python3' });
    try {
      const fn = functionConfig(
        'py-none',
        { 'index.py': 'def handler(e, c):\n    return 1\n' },
        { runtime: 'python3.10' },
      );
      await expect(runtime.invoke(fn, Buffer.alloc(0))).rejects.toMatchObject({
        code: 'RuntimeUnavailable',
        message: expect.stringContaining('needs Python 3 on the machine running the local cloud'),
      });
    } finally {
      await runtime.close();
      await removeDir(workDir);
    }
  });
});
