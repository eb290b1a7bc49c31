import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, useWorkspace, writeCalls } from './harness.js';

// `alb-fc function invoke`: the stack's function (or --function-arn) run once through FC's InvokeFunction, its
// answer printed as the console's "Test Function" shows it — status, body, log tail — and in --json.

const ws = useWorkspace();

interface InvokeDocument {
  status: string;
  command: string;
  invocation: {
    function: { name: string; qualifier: string; arn?: string };
    statusCode: number;
    requestId: string;
    errorType?: string;
    body?: string;
    log?: string;
  };
  error?: { code: string; message: string; hint?: string };
}

/** A code directory whose handler is `source`. */
async function code(name: string, source: string): Promise<string> {
  const dir = join(ws.cwd, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.js'), source);
  return dir;
}

const ECHO = `exports.handler = async (event) => { console.log('got ' + event.length + ' bytes'); return 'echo:' + event.toString(); };\n`;
const FAILING = `exports.handler = async () => { console.log('about to fail'); throw new Error('boom'); };\n`;

/** Deploys the stack with that code; a failing function fails the connectivity test (exit 6), resources in place. */
async function deployWith(dir: string, name: string, exitCode = 0): Promise<void> {
  const result = await cli(['deploy', '--local', '--yes', '--code', dir, '--function-name', name, '--skip-dns'], {
    cwd: ws.cwd,
    cloud: ws.cloud,
  });
  expect(result.code, result.stderr).toBe(exitCode);
}

describe('alb-fc function invoke', () => {
  it("invokes the stack's function: status, body and log tail, in text and JSON", async () => {
    await deployWith(await code('echo', ECHO), 'echoer');
    const text = await cli(['function', 'invoke', '--local', '--payload', 'ping'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✔ echoer (LATEST) answered');
    expect(text.stdout).toContain('HTTP 200');
    expect(text.stdout).toMatch(/response\n {4}echo:ping\n/);
    expect(text.stdout).toMatch(/log tail\n(.*\n)*.*got 4 bytes/);

    const json = await cli(['function', 'invoke', '--local', '--json'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(json.code).toBe(0);
    const doc = json.json<InvokeDocument>();
    expect(doc).toMatchObject({ command: 'function invoke', status: 'succeeded' });
    expect(doc.invocation).toMatchObject({
      function: { name: 'echoer', qualifier: 'LATEST', arn: `acs:fc:cn-hangzhou:1000000000000001:functions/echoer` },
      statusCode: 200,
      body: 'echo:',
    });
    expect(doc.invocation.requestId).toMatch(/^1-/);
    expect(doc.invocation.log).toContain('got 0 bytes');
  });

  it('reads the event from a file with --payload @FILE, and takes --function-arn and --route', async () => {
    await deployWith(await code('echo', ECHO), 'echoer');
    await writeFile(join(ws.cwd, 'event.json'), '{"k":"v"}');
    const arn = 'acs:fc:cn-hangzhou:1000000000000001:functions/echoer';
    const args = ['function', 'invoke', '--local', '--json', '--payload', '@event.json'];
    const byArn = await cli([...args, '--function-arn', arn], { cwd: ws.cwd, cloud: ws.cloud });
    expect(byArn.code).toBe(0);
    expect(byArn.json<InvokeDocument>().invocation.body).toBe('echo:{"k":"v"}');
    const byRoute = await cli([...args, '--route', 'default'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(byRoute.code).toBe(0);
    expect(byRoute.json<InvokeDocument>().invocation.function.name).toBe('echoer');
    const unknown = await cli([...args, '--route', 'orders'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--route orders: the stack's state has no function of that route");
  });

  it('a function that throws: exit 6, its error as the body, the log tail, and nothing written', async () => {
    await deployWith(await code('failing', FAILING), 'failing', 6);
    const before = writeCalls(ws.cloud).length;
    const result = await cli(['function', 'invoke', '--local', '--json'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(result.code).toBe(6);
    const doc = result.json<InvokeDocument>();
    expect(doc.status).toBe('failed');
    expect(doc.error?.code).toBe('FUNCTION_ERROR');
    expect(doc.invocation.errorType).toBe('UnhandledInvocationError');
    expect(JSON.parse(doc.invocation.body ?? '{}')).toMatchObject({ errorMessage: 'boom' });
    expect(doc.invocation.log).toContain('about to fail');
    expect(result.stderr).toContain('✖ failing (LATEST) failed');
    expect(writeCalls(ws.cloud).length).toBe(before);
  });

  it('without a deployed function: exit 3 naming it, with what to do, and nothing written', async () => {
    const result = await cli(['function', 'invoke', '--local'], { cwd: ws.cwd, cloud: ws.cloud });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('function alb-fc-default (from the default name) does not exist in cn-hangzhou');
    expect(result.stderr).toContain('alb-fc deploy');
    expect(writeCalls(ws.cloud)).toEqual([]);
  });

  it('refuses an FC 2.0 ARN and a payload file that does not exist (exit 2), before any call', async () => {
    const fc2 = await cli(
      ['function', 'invoke', '--local', '--function-arn', 'acs:fc:cn-hangzhou:1000000000000001:services/s/functions/f'],
      { cwd: ws.cwd, cloud: ws.cloud },
    );
    expect(fc2.code).toBe(2);
    expect(fc2.stderr).toContain('is an FC 2.0 function');
    const missing = await cli(['function', 'invoke', '--local', '--payload', '@nope.json'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json does not exist');
    expect(ws.cloud.calls.list()).toEqual([]);
  });
});
