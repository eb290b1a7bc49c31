// The whole life of a stack through the official SDK clients and the local cloud: deploy answers
// `hello world` through the emulated ALB, a second deploy changes nothing, status sees everything present,
// destroy removes everything and a second destroy is a no-op.
import { describe, expect, it } from 'vitest';
import { deploy, destroy, status } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const stack = useLocalStack();

describe('deploy, deploy again, status, destroy, destroy again', () => {
  it('goes domain → ALB → function and back, and leaves nothing behind', async () => {
    const { result: first } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(first.exitCode, describeReport(first)).toBe(0);
    expect(first.status).toBe('succeeded');
    expect(first.test).toMatchObject({ ok: true, via: 'dns', status: 200, body: 'hello world' });
    expect(first.test?.curl).toContain('--connect-to api.example.com:80:127.0.0.1:');
    await expectExactlyOneOfEach(stack, 'first deploy');

    const before = stack.mutations().length;
    const { result: second } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(second.exitCode, describeReport(second)).toBe(0);
    expect(second.status).toBe('no_changes');
    expect(second.test?.body).toBe('hello world');
    expect(stack.mutations().slice(before), 'a settled stack gets no mutating call').toEqual([]);

    const { result: seen } = await stack.process((deps) => status(STACK, deps));
    expect(seen.exitCode, describeReport(seen)).toBe(0);
    expect(seen.status).toBe('succeeded');
    expect(seen.resourceStatus?.map((e) => [e.step, e.state])).toEqual([
      ['lookup', 'present'],
      ['function', 'present'],
      ['serverGroup', 'present'],
      ['server', 'present'],
      ['listener', 'present'],
      ['dnsRecord', 'present'],
    ]);

    const { result: gone } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    expect(gone.status).toBe('succeeded');
    expect(await stack.inventory()).toEqual({ functions: [], groups: [], servers: [], listeners: [], records: [] });
    expect(await stack.state()).toBeUndefined();
    // Through the SDK adapters too, not only the local cloud's own view.
    const ports = stack.ports();
    expect(await ports.functions.get('hello')).toBeUndefined();
    expect(await ports.alb.listListeners(stack.loadBalancer.id)).toEqual([]);
    expect(await ports.dns.listRecords('example.com', 'api')).toEqual([]);

    const afterDestroy = stack.mutations().length;
    const { result: again } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: false }));
    expect(again.exitCode, describeReport(again)).toBe(0);
    expect(again.status).toBe('no_changes');
    expect(stack.mutations().slice(afterDestroy)).toEqual([]);
  });
});
