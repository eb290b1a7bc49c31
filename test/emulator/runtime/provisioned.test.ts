// Provisioned instances in the function runtime: started ahead, never a cold start, released on demand; a new
// instance's first request is a cold start (the wait it costs is `coldStartMs`).
import { describe, expect, it } from 'vitest';
import { functionConfig, useFunctionRuntime } from './fixtures.js';

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('function runtime: provisioned instances', () => {
  const scope = useFunctionRuntime({ coldStartMs: 1 });

  const HELLO = { 'index.js': `exports.handler = async () => 'hi';` };

  it('serves from instances started ahead, without a cold start', async () => {
    const fn = functionConfig('provisioned', HELLO);
    await scope.runtime.provision(fn, 2);
    await until(() => scope.runtime.provisioned(fn.key).ready === 2, 'two provisioned instances');
    const outcome = await scope.runtime.invoke(fn, Buffer.alloc(0));
    expect(outcome.ok && outcome.body.toString()).toBe('hi');
    expect(outcome.coldStart).toBe(false);
    expect(scope.runtime.instances().filter((i) => i.functionKey === fn.key)).toHaveLength(2);

    await scope.runtime.provision(fn, 0);
    await until(() => scope.runtime.provisioned(fn.key).ready === 0, 'the provisioned instances to stop');
  });

  it('counts the first request of an on-demand instance as a cold start', async () => {
    const fn = functionConfig('on-demand', HELLO);
    expect((await scope.runtime.invoke(fn, Buffer.alloc(0))).coldStart).toBe(true);
    expect((await scope.runtime.invoke(fn, Buffer.alloc(0))).coldStart).toBe(false);
  });

  it('refuses to provision code that cannot load, saying why', async () => {
    const fn = functionConfig('no-module', { 'other.js': '' });
    await expect(scope.runtime.provision(fn, 1)).rejects.toMatchObject({
      code: 'InvalidCode',
      message: expect.stringContaining("Cannot find module 'index'"),
    });
    expect(scope.runtime.provisioned(fn.key).ready).toBe(0);
  });
});
