// A Python function behind the ALB (issue 10): `deploy --runtime python3.10` runs the handler with FC's event and
// response contract, and the connectivity test passes; without Python on the machine, the listener answers a
// 502 that says what is missing instead of a bare one.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_SKIP_REASON, pythonInterpreter } from '../support/python.js';
import { cli, useWorkspace } from './harness.js';

const HANDLER = [
  'import json',
  'def handler(event, context):',
  '    request = json.loads(event)',
  "    return {'statusCode': 200, 'headers': {'content-type': 'text/plain'},",
  "            'body': 'python says hi to ' + request['requestContext']['http']['path']}",
  '',
].join('\n');

async function pythonCode(cwd: string): Promise<string> {
  const dir = join(cwd, 'py');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.py'), HANDLER);
  return dir;
}

const deployArgs = (code: string) => [
  'deploy',
  '--local',
  '--runtime',
  'python3.10',
  '--code',
  code,
  '--yes',
  '--json',
];

describe.skipIf(pythonInterpreter === undefined)(
  `a Python function (${pythonInterpreter ?? PYTHON_SKIP_REASON})`,
  () => {
    const ws = useWorkspace();

    it('answers through the ALB with its HTTP response struct', async () => {
      const result = await cli(deployArgs(await pythonCode(ws.cwd)), { cwd: ws.cwd, cloud: ws.cloud });
      expect(result.code, result.stderr).toBe(0);
      expect(result.json<{ test: { status: number; body: string } }>().test).toMatchObject({
        status: 200,
        body: 'python says hi to /',
      });
    });
  },
);

describe('a Python function without Python', () => {
  const ws = useWorkspace({ behaviour: { pythonCommand: '/nonexistent/python3' } });

  it('fails the connectivity test with a 502 that names what is missing', async () => {
    const result = await cli([...deployArgs(await pythonCode(ws.cwd)), '--dns-timeout', '0s'], {
      cwd: ws.cwd,
      cloud: ws.cloud,
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/HTTP 502/);
    const listener = (await (await fetch(`${ws.cloud.endpoint}/_emulator/state`)).json()) as {
      services: { alb: { listeners: Array<{ dataPlanePort: number }> } };
    };
    const port = listener.services.alb.listeners[0]!.dataPlanePort;
    const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { host: 'hello.example.com' } });
    expect(answer.status).toBe(502);
    expect(await answer.text()).toContain('needs Python 3 on the machine running the local cloud');
  });
});
