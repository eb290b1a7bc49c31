import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory-store.js';
import { migrateState, migrateV0ToV1, StateVersionError } from '../../src/state/migrations.js';
import { stackStateSchema } from '../../src/state/schema.js';

const v0 = {
  version: 0 as const,
  stack: 'demo',
  region: 'cn-hangzhou',
  updatedAt: '2024-12-01T00:00:00.000Z',
  loadBalancerId: 'alb-1',
  albDnsName: 'alb-1.cn-hangzhou.alb.aliyuncs.com',
  functionName: 'hello',
  functionArn: 'acs:fc:cn-hangzhou:1:functions/hello',
  serverGroupId: 'sgp-1',
  serverGroupName: 'sg',
  serverAdded: true,
  listenerId: 'lsn-1',
  listenerPort: 80,
  domain: 'api.example.com',
  zone: 'example.com',
  rr: 'api',
  recordId: '123',
};

describe('state migrations', () => {
  it('turns a v0 flat file into v1 step records, owned and ready', () => {
    const { state, migratedFrom } = migrateState(v0);
    expect(migratedFrom).toBe(0);
    expect(stackStateSchema.safeParse(state).success).toBe(true);
    expect(state.steps.function).toMatchObject({
      status: 'ready',
      owned: true,
      outputs: { name: 'hello', mode: 'create' },
    });
    expect(state.steps.server?.outputs).toEqual({ serverGroupId: 'sgp-1', functionArn: v0.functionArn });
    expect(state.steps.listener?.outputs).toEqual({
      id: 'lsn-1',
      loadBalancerId: 'alb-1',
      port: 80,
      serverGroupId: 'sgp-1',
    });
    expect(state.steps.dnsRecord?.outputs).toMatchObject({ recordId: '123', value: v0.albDnsName, ttl: 600 });
    expect(state.lookup?.outputs.dnsName).toBe(v0.albDnsName);
    // Pure: the same input gives the same epoch.
    expect(migrateV0ToV1(v0).epoch).toBe(state.epoch);
  });

  it('leaves out what v0 had not finished', () => {
    const { state } = migrateState({
      version: 0,
      stack: 'demo',
      region: 'cn-hangzhou',
      functionName: 'hello',
      functionArn: 'a',
    });
    expect(Object.keys(state.steps)).toEqual(['function']);
  });

  it('refuses newer, unknown and malformed files', () => {
    expect(() => migrateState({ schemaVersion: 3 })).toThrow(StateVersionError);
    expect(() => migrateState({})).toThrow(/no schemaVersion/);
    expect(() => migrateState({ version: 0, stack: 1 })).toThrow();
  });

  it('is applied when a store loads an old file, which the next save rewrites as v2', async () => {
    const store = new MemoryStateStore();
    store.disk.files.set('demo', JSON.stringify(v0));
    const loaded = await store.load('demo');
    expect(loaded?.migratedFrom).toBe(0);
    if (loaded) await store.save(loaded.state);
    expect(store.peek('demo')?.schemaVersion).toBe(2);
  });

  it('takes a single-function v1 state to v2 unchanged but for its version: the records keep their keys', () => {
    const v1 = { ...migrateV0ToV1(v0), schemaVersion: 1 };
    const { state, migratedFrom } = migrateState(JSON.parse(JSON.stringify(v1)));
    expect(migratedFrom).toBe(1);
    expect(state.schemaVersion).toBe(2);
    expect(state.steps).toEqual(v1.steps);
    expect(state.epoch).toBe(v1.epoch);
  });

  it('refuses a record of an unknown kind', () => {
    expect(() => migrateState({ ...migrateV0ToV1(v0), schemaVersion: 2, steps: { 'bogus:x': {} } })).toThrow(
      /unknown step .*bogus/,
    );
  });
});
