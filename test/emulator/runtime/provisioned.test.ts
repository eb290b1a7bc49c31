// Provisioned instances in the function runtime: started ahead, never a cold start, released on demand; a new
// instance's first request is a cold start (the wait it costs is `coldStartMs`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFunctionRuntime, type FunctionRuntime } from '../../../src/emulator/runtime/index.js';
import { functionConfig, removeDir, tempWorkDir } from './fixtures.js';

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('function runtime: provisioned instances', () => {
  let workDir: string;
  let runtime: FunctionRuntime;

  beforeAll(async () => {
    workDir = await tempWorkDir();
    runtime = createFunctionRuntime({ workDir, coldStartMs: 1 });
  });
  afterAll(async () => {
    await runtime.close();
    await removeDir(workDir);
  });

  const HELLO = { 'index.js': `exports.handler = async () => 'hi';` };

  it('serves from instances started ahead, without a cold start', async () => {
    const fn = functionConfig('provisioned', HELLO);
    await runtime.provision(fn, 2);
    await until(() => runtime.provisioned(fn.key).ready === 2, 'two provisioned instances');
    const outcome = await runtime.invoke(fn, Buffer.alloc(0));
    expect(outcome.ok && outcome.body.toString()).toBe('hi');
    expect(outcome.coldStart).toBe(false);
    expect(runtime.instances().filter((i) => i.functionKey === fn.key)).toHaveLength(2);

    await runtime.provision(fn, 0);
    await until(() => runtime.provisioned(fn.key).ready === 0, 'the provisioned instances to stop');
  });

  it('counts the first request of an on-demand instance as a cold start', async () => {
    const fn = functionConfig('on-demand', HELLO);
    expect((await runtime.invoke(fn, Buffer.alloc(0))).coldStart).toBe(true);
    expect((await runtime.invoke(fn, Buffer.alloc(0))).coldStart).toBe(false);
  });

  it('refuses to provision code that cannot load, saying why', async () => {
    const fn = functionConfig('no-module', { 'other.js': '' });
    await expect(runtime.provision(fn, 1)).rejects.toMatchObject({
      code: 'InvalidCode',
      message: expect.stringContaining("Cannot find module 'index'"),
    });
    expect(runtime.provisioned(fn.key).ready).toBe(0);
  });
});
