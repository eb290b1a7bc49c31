import { describe, expect, it, vi } from 'vitest';
import type { ObjectStorePort } from '../../src/cloud/object-store.js';
import { emptyState } from '../../src/state/schema.js';
import { manualClock } from '../support/fake-clock.js';
import { useLocalCloud } from '../support/local-cloud.js';
import { objectStore, teamStore, TickClock } from './support/oss-state.js';

// The team state store (src/state/oss-store.ts, src/state/oss-lock.ts; docs/teams.md) over the official OSS
// client to the local cloud: writes read back and checked, the create-only lock, its expiry on the server's
// clock, its refresh, and the takeover that only one run can win.

// The cloud's clock moves on in the tests; requests keep signing with the real time.
const cloudClock = manualClock();
const scope = useLocalCloud({ clock: cloudClock, behaviour: { maxClockSkewMs: 24 * 3_600_000 } });

const alice = { user: 'alice', hostname: 'laptop', pid: 101 };
const bob = { user: 'bob', hostname: 'ci-runner', pid: 202 };
const carol = { user: 'carol', hostname: 'desk', pid: 303 };
const MINUTE = 60_000;

function state(stack = 'demo') {
  return emptyState(stack, 'cn-hangzhou', 'epoch-1', new Date().toISOString());
}

describe('the state on OSS', () => {
  it('writes the whole state, reads it back, and removes it', async () => {
    const store = teamStore(scope.cloud, { owner: alice, clock: cloudClock });
    expect(await store.load('demo')).toBeUndefined();
    const saved = { ...state(), lastTest: { url: 'http://x/', status: 200, ok: true, at: 'now' } };
    await store.save(saved);
    expect((await store.load('demo'))?.state).toEqual(saved);
    expect(store.describe('demo')).toBe('oss://alb-fc-state/team/demo.state.json');
    await store.remove('demo');
    expect(await store.load('demo')).toBeUndefined();
  });

  it('refuses a write that does not read back the same (STATE_WRITE_UNVERIFIED, exit 7)', async () => {
    const damaging = (objects: ObjectStorePort): ObjectStorePort => ({
      ...objects,
      get: async (key) => {
        const found = await objects.get(key);
        return found && { ...found, body: Buffer.concat([found.body, Buffer.from(' ')]) };
      },
    });
    const store = teamStore(scope.cloud, { owner: alice, clock: cloudClock, objects: damaging });
    await expect(store.save(state())).rejects.toMatchObject({ code: 'STATE_WRITE_UNVERIFIED', exitCode: 7 });
  });

  it('reads a state file that is not one as unreadable (exit 7)', async () => {
    await objectStore(scope.cloud).put('team/demo.state.json', Buffer.from('{"half": '));
    const store = teamStore(scope.cloud, { owner: alice, clock: cloudClock });
    await expect(store.load('demo')).rejects.toMatchObject({ code: 'STATE_UNREADABLE', exitCode: 7 });
  });
});

describe('the lock on OSS', () => {
  it('lets one run in, tells the next who holds it (exit 7), and frees it on release', async () => {
    const first = await teamStore(scope.cloud, { owner: alice, clock: cloudClock }).lock('demo', 'deploy');
    const second = teamStore(scope.cloud, { owner: bob, clock: cloudClock });
    const refused = second.lock('demo', 'destroy');
    await expect(refused).rejects.toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
    await expect(refused).rejects.toThrow(
      /locked by alb-fc deploy \(pid 101 on alice@laptop, started .*, lock expires /,
    );
    expect(await second.lockHolder('demo')).toMatchObject({ user: 'alice', command: 'deploy', pid: 101 });
    await first.release();
    const next = await second.lock('demo', 'destroy');
    expect(next.tookOverFrom).toBeUndefined();
    await next.release();
    expect(await second.lockHolder('demo')).toBeUndefined();
  });

  it('takes over a lock nobody refreshed for its ttl, and the old holder then releases nothing', async () => {
    const stale = await teamStore(scope.cloud, { owner: alice, clock: cloudClock }).lock('demo', 'deploy');
    cloudClock.advance(11 * MINUTE);
    const bobs = teamStore(scope.cloud, { owner: bob, clock: cloudClock });
    const taken = await bobs.lock('demo', 'deploy');
    expect(taken.tookOverFrom).toMatchObject({ user: 'alice', hostname: 'laptop', command: 'deploy' });
    await stale.release();
    expect(await bobs.lockHolder('demo')).toMatchObject({ user: 'bob' });
    await taken.release();
  });

  it('lets exactly one of two runs take over the same stale lock', async () => {
    for (let round = 0; round < 4; round++) {
      await teamStore(scope.cloud, { owner: alice, clock: cloudClock }).lock('demo', 'deploy');
      cloudClock.advance(11 * MINUTE);
      const results = await Promise.allSettled([
        teamStore(scope.cloud, { owner: bob, clock: cloudClock }).lock('demo', 'deploy'),
        teamStore(scope.cloud, { owner: carol, clock: cloudClock }).lock('demo', 'deploy'),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won, `round ${round}`).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
      await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
      expect(await objectStore(scope.cloud).list('team/demo.lock')).toEqual([]);
    }
  });

  it('never lets a taker delete the lock another taker has just created', async () => {
    await teamStore(scope.cloud, { owner: alice, clock: cloudClock }).lock('demo', 'deploy');
    cloudClock.advance(11 * MINUTE);
    // Carol is about to delete the stale lock when Bob takes over: her delete waits until Bob's attempt is over.
    let bobDone: () => void = () => undefined;
    const bobSettled = new Promise<void>((resolve) => (bobDone = resolve));
    let carolAtDelete: () => void = () => undefined;
    const carolWaiting = new Promise<void>((resolve) => (carolAtDelete = resolve));
    const slowDelete = (objects: ObjectStorePort): ObjectStorePort => ({
      ...objects,
      delete: async (key) => {
        if (key === 'team/demo.lock') {
          carolAtDelete();
          await bobSettled;
        }
        return objects.delete(key);
      },
    });
    const carols = teamStore(scope.cloud, { owner: carol, clock: cloudClock, objects: slowDelete }).lock(
      'demo',
      'deploy',
    );
    await carolWaiting;
    const bobs = await Promise.allSettled([
      teamStore(scope.cloud, { owner: bob, clock: cloudClock }).lock('demo', 'deploy'),
    ]);
    bobDone();
    const results = [...bobs, ...(await Promise.allSettled([carols]))];
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
    expect(await objectStore(scope.cloud).get('team/demo.lock')).toBeDefined();
  });

  it('waits for a fresh takeover marker, and clears one left by a run that died mid-takeover', async () => {
    await teamStore(scope.cloud, { owner: alice, clock: cloudClock }).lock('demo', 'deploy');
    cloudClock.advance(11 * MINUTE);
    const objects = objectStore(scope.cloud);
    const lock = await objects.get('team/demo.lock');
    const marker = `team/demo.lock.takeover-${lock!.etag}`;
    await objects.put(
      marker,
      Buffer.from(
        JSON.stringify({
          id: 'x',
          command: 'deploy',
          pid: 9,
          user: 'dan',
          hostname: 'gone',
          startedAt: 'then',
          ttlSeconds: 600,
        }),
      ),
    );
    const bobs = teamStore(scope.cloud, { owner: bob, clock: cloudClock });
    await expect(bobs.lock('demo', 'deploy')).rejects.toThrow(/alb-fc deploy \(pid 9 on dan@gone.*is taking it over/);
    cloudClock.advance(2 * MINUTE);
    const taken = await bobs.lock('demo', 'deploy');
    expect(taken.tookOverFrom).toMatchObject({ user: 'alice' });
    expect((await objects.list('team/demo.lock')).map((o) => o.key)).toEqual(['team/demo.lock']);
    await taken.release();
  });

  it('stays held while its run refreshes it', async () => {
    const ticks = new TickClock();
    const held = await teamStore(scope.cloud, { owner: alice, clock: ticks, lock: { refreshMs: MINUTE } }).lock(
      'demo',
      'deploy',
    );
    cloudClock.advance(6 * MINUTE);
    await ticks.tick();
    await ticks.asleep();
    cloudClock.advance(6 * MINUTE);
    const bobs = teamStore(scope.cloud, { owner: bob, clock: cloudClock });
    await expect(bobs.lock('demo', 'deploy')).rejects.toMatchObject({ code: 'STATE_LOCKED' });
    await held.release();
  });

  it('stops a run from writing once its lock was taken over (STATE_LOCK_LOST)', async () => {
    const ticks = new TickClock();
    const alices = teamStore(scope.cloud, { owner: alice, clock: ticks, lock: { refreshMs: MINUTE } });
    const held = await alices.lock('demo', 'deploy');
    cloudClock.advance(11 * MINUTE);
    const taken = await teamStore(scope.cloud, { owner: bob, clock: cloudClock }).lock('demo', 'deploy');
    await ticks.tick();
    await vi.waitFor(() => expect(held.lost).toBe(true));
    await expect(alices.save(state())).rejects.toMatchObject({ code: 'STATE_LOCK_LOST', exitCode: 7 });
    await held.release();
    expect(await alices.lockHolder('demo')).toMatchObject({ user: 'bob' });
    await taken.release();
  });

  it('recognises its own create-only write when the first answer was lost', async () => {
    scope.cloud.faults.add({ service: 'oss', action: 'PutObject', drop: 'after', count: 1 });
    const store = teamStore(scope.cloud, { owner: alice, clock: cloudClock });
    const held = await store.lock('demo', 'deploy');
    expect(await store.lockHolder('demo')).toMatchObject({ user: 'alice' });
    expect(
      scope.cloud.calls
        .list()
        .filter((c) => c.action === 'PutObject')
        .map((c) => c.code),
    ).toEqual(['ConnectionDropped', 'FileAlreadyExists']);
    await held.release();
  });

  it('is removed by force, takeover markers included', async () => {
    const store = teamStore(scope.cloud, { owner: alice, clock: cloudClock });
    await store.lock('demo', 'deploy');
    await objectStore(scope.cloud).put('team/demo.lock.takeover-ABC', Buffer.from('{}'));
    await objectStore(scope.cloud).put('team/demo.state.json', Buffer.from('{}'));
    await store.forceUnlock('demo');
    expect((await objectStore(scope.cloud).list('team/')).map((o) => o.key)).toEqual(['team/demo.state.json']);
  });
});
