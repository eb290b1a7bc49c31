// Updates through the official SDK clients and the local cloud: new code → UpdateFunction and the new body
// answers through the ALB; a new port → a new listener, the old one deleted; a new domain → a new record, the
// old one deleted. `plan` shows each first.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { deploy, plan } from '../../src/runner/engine.js';
import type { StackInput } from '../../src/stack-input.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack } from './support/local-stack.js';
import { tempDir } from '../support/temp-dir.js';

const stack = useLocalStack();
beforeEach(async () => {
  const { result } = await stack.process((deps) => deploy(stack.input(), deps));
  expect(result.exitCode, describeReport(result)).toBe(0);
});

async function planned(input: StackInput): Promise<Record<string, string>> {
  const before = stack.mutations().length;
  const { result } = await stack.process((deps) => plan(input, deps));
  expect(result.exitCode, describeReport(result)).toBe(0);
  expect(stack.mutations().slice(before), 'plan is read-only').toEqual([]);
  return Object.fromEntries((result.plan ?? []).map((p) => [p.step, p.action]));
}

describe('updates', () => {
  it('uploads changed code with UpdateFunction, and the new body answers through the ALB', async () => {
    const dir = await tempDir('alb-fc-code-');
    await writeFile(join(dir, 'index.js'), "exports.handler = async () => 'hello again';\n");
    const input = stack.input({ function: { code: { kind: 'dir', path: dir } } });
    const before = (await stack.state())?.steps.function?.outputs?.codeChecksum;
    expect(await planned(input)).toMatchObject({ function: 'update', serverGroup: 'unchanged', listener: 'unchanged' });

    const from = stack.mutations().length;
    const { result } = await stack.process((deps) => deploy(input, deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.resources.function?.action).toBe('updated');
    expect(stack.mutations().slice(from)).toEqual(['UpdateFunction']);
    expect(result.test).toMatchObject({ ok: true, via: 'dns', status: 200, body: 'hello again' });
    const after = (await stack.state())?.steps.function?.outputs?.codeChecksum;
    expect(after).not.toBe(before);
    expect((await stack.ports(() => undefined).functions.get('hello'))?.codeChecksum).toBe(after);
    await expectExactlyOneOfEach(stack, 'after a code update');

    const { result: again } = await stack.process((deps) => deploy(input, deps));
    expect(again.status).toBe('no_changes');
  });

  it('moves to a new port: a new listener, then the old one deleted', async () => {
    const old = (await stack.state())?.steps.listener?.outputs?.id;
    const input = stack.input({ listener: { port: 8080, protocol: 'HTTP' } });
    expect(await planned(input)).toMatchObject({ listener: 'update' });
    const { result } = await stack.process((deps) => deploy(input, deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.resources.listener).toMatchObject({ port: 8080, action: 'updated' });
    expect(result.resources.listener?.id).not.toBe(old);
    expect(result.test).toMatchObject({ url: 'http://api.example.com:8080/', body: 'hello world' });
    const listeners = await stack.ports(() => undefined).alb.listListeners(stack.loadBalancer.id);
    expect(listeners.map((l) => l.port)).toEqual([8080]);
    await expectExactlyOneOfEach(stack, 'after a port change', { port: 8080 });
  });

  it('moves to a new domain: a new record, then the old one deleted', async () => {
    const input = stack.input({ dns: { domain: 'www.example.com', ttl: 600, force: false } });
    expect(await planned(input)).toMatchObject({ dnsRecord: 'create' });
    const { result } = await stack.process((deps) => deploy(input, deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.test).toMatchObject({ url: 'http://www.example.com/', via: 'dns', body: 'hello world' });
    const ports = stack.ports(() => undefined);
    expect(await ports.dns.listRecords('example.com', 'api')).toEqual([]);
    expect(await ports.dns.listRecords('example.com', 'www')).toHaveLength(1);
    await expectExactlyOneOfEach(stack, 'after a domain change', { domain: 'www.example.com' });
  });
});
