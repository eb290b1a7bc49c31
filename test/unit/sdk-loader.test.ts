import { describe, expect, it } from 'vitest';
import type { SdkService as Service } from '../../src/cloud/sdk/sdk-loader.js';
import { SdkLoader, type LoaderHooks } from '../../src/cloud/sdk/sdk-loader.js';

// The order in which the SDKs are loaded (src/cloud/sdk/sdk-loader.ts), with the loading, the yield to I/O and the
// idle callback replaced: what is loaded, in which order, how often, and what a failure does.

function hooks(options: { failing?: Service } = {}) {
  const required: Service[] = [];
  const idle: Array<() => void> = [];
  const h: LoaderHooks = {
    require(service) {
      required.push(service);
      if (service === options.failing) throw new Error(`cannot load ${service}`);
      return { name: service };
    },
    yieldToIo: () => Promise.resolve(),
    whenIdle: (task) => void idle.push(task),
  };
  /** Runs the idle tasks queued so far, and lets the loads they start finish. */
  const runIdle = async () => {
    for (const task of idle.splice(0)) task();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { h, required, idle, runIdle };
}

const PRODUCTS: Service[] = ['alb', 'alidns', 'fc'];

describe('SdkLoader', () => {
  it('loads each SDK once, in the order first needed, one at a time', async () => {
    const { h, required } = hooks();
    const loader = new SdkLoader(PRODUCTS, h);
    const first = [loader.load('alb'), loader.load('alidns'), loader.load('alb')];
    expect(required).toEqual([]); // nothing is loaded before the event loop has turned
    await Promise.all(first);
    await loader.load('fc');
    expect(required).toEqual(['alb', 'alidns', 'fc']);
    expect(await loader.load('alb')).toEqual({ name: 'alb' });
    expect(required).toEqual(['alb', 'alidns', 'fc']);
  });

  it('loads the rest of the group while idle once one of it was loaded, never twice', async () => {
    const { h, required, idle, runIdle } = hooks();
    const loader = new SdkLoader(PRODUCTS, h);
    await loader.load('alb');
    expect(idle).toHaveLength(1);
    await runIdle();
    expect(required).toEqual(['alb', 'alidns']);
    await runIdle();
    expect(required).toEqual(['alb', 'alidns', 'fc']);
    await loader.load('fc');
    await runIdle();
    expect(required).toEqual(['alb', 'alidns', 'fc']);
    expect(idle).toHaveLength(0);
  });

  it('prefetches nothing for an SDK outside the group (whoami loads STS alone)', async () => {
    const { h, required, idle } = hooks();
    const loader = new SdkLoader(PRODUCTS, h);
    await loader.load('sts');
    expect(required).toEqual(['sts']);
    expect(idle).toHaveLength(0);
  });

  it('a load a call needs goes before an idle prefetch that has not started', async () => {
    const { h, required, idle, runIdle } = hooks();
    const loader = new SdkLoader(PRODUCTS, h);
    await loader.load('alb');
    expect(idle).toHaveLength(1);
    await loader.load('fc');
    await runIdle();
    expect(required).toEqual(['alb', 'fc', 'alidns']);
  });

  it("a failed load rejects its callers, every time, and does not stop the others'", async () => {
    const { h, required, runIdle } = hooks({ failing: 'alidns' });
    const loader = new SdkLoader(PRODUCTS, h);
    await loader.load('alb');
    await runIdle(); // the prefetch of alidns fails quietly
    await expect(loader.load('alidns')).rejects.toThrow('cannot load alidns');
    await expect(loader.load('alidns')).rejects.toThrow('cannot load alidns');
    await expect(loader.load('fc')).resolves.toEqual({ name: 'fc' });
    expect(required).toEqual(['alb', 'alidns', 'fc']);
  });
});
