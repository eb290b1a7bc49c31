import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFunctionRuntime,
  type FunctionRuntime,
  type FunctionRuntimeOptions,
  type InvokeOutcome,
} from '../../../src/emulator/runtime/index.js';
import { processIsAlive } from '../../../src/lib/fs/pid-lock.js';
import { functionConfig, removeDir, tempWorkDir, waitUntilGone } from './fixtures.js';

// Answers `{pid, count}`; `crash` exits the process, `hang` never answers, `late` throws from a timer,
// `block:<file>` waits until <file> exists (lets a test hold an instance busy without timing).
const COUNTER = `let count = 0;
exports.handler = async (event) => {
  const command = event.toString();
  count += 1;
  if (command === 'crash') process.exit(1);
  if (command === 'hang') return new Promise(() => {});
  if (command === 'late') { setTimeout(() => { throw new Error('late failure'); }, 1); return new Promise(() => {}); }
  if (command.startsWith('block:')) {
    const fs = require('node:fs');
    while (!fs.existsSync(command.slice(6))) await new Promise((r) => setTimeout(r, 10));
  }
  return { pid: process.pid, count };
};`;

function answer(outcome: InvokeOutcome): { pid: number; count: number } {
  expect(outcome.ok).toBe(true);
  return JSON.parse(outcome.body.toString('utf8')) as { pid: number; count: number };
}

async function waitFor(condition: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('function runtime: instance lifecycle', () => {
  let workDir: string;
  let runtime: FunctionRuntime;
  const opened: FunctionRuntime[] = [];
  const spawned = new Set<number>();

  function open(options: Partial<FunctionRuntimeOptions> = {}): FunctionRuntime {
    runtime = createFunctionRuntime({ workDir, ...options });
    opened.push(runtime);
    return runtime;
  }
  function track(): void {
    for (const info of runtime.instances()) if (info.pid !== undefined) spawned.add(info.pid);
  }

  beforeEach(async () => {
    workDir = await tempWorkDir();
    spawned.clear();
    open();
  });
  afterEach(async () => {
    // Clean up first, so a failed check below leaves nothing behind.
    try {
      await Promise.all(opened.splice(0).map((each) => each.close()));
    } finally {
      await removeDir(workDir);
    }
    for (const pid of spawned) expect(processIsAlive(pid), `pid ${pid}`).toBe(false);
  });

  it('keeps a warm instance and reuses it', async () => {
    const fn = functionConfig('warm', { 'index.js': COUNTER });
    const first = await runtime.invoke(fn, Buffer.from('count'));
    const second = await runtime.invoke(fn, Buffer.from('count'));
    track();
    expect(answer(first).count).toBe(1);
    expect(answer(second)).toEqual({ pid: answer(first).pid, count: 2 });
    expect(first.coldStart).toBe(true);
    expect(second.coldStart).toBe(false);
    expect(runtime.instances()).toEqual([
      {
        functionKey: 'warm',
        functionName: 'warm',
        codeChecksum: fn.codeChecksum,
        pid: answer(first).pid,
        state: 'idle',
        provisioned: false,
        invocations: 2,
      },
    ]);
  });

  it('recovers from a crashing process with a fresh instance', async () => {
    const fn = functionConfig('crashy', { 'index.js': COUNTER });
    const before = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(before.pid);
    const crashed = await runtime.invoke(fn, Buffer.from('crash'));
    expect(crashed.ok).toBe(false);
    if (!crashed.ok) {
      expect(crashed.cause).toBe('exit');
      expect(crashed.fcErrorType).toBe('UnhandledInvocationError');
      expect(crashed.error.errorMessage).toMatch(
        /^Process exited unexpectedly before completing request \(duration: \d+ms/,
      );
    }
    await waitUntilGone(before.pid);
    const after = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(after.pid);
    expect(after.pid).not.toBe(before.pid);
    expect(after.count).toBe(1);
  });

  it('fails an invocation whose code throws from a timer and replaces the instance', async () => {
    const fn = functionConfig('late', { 'index.js': COUNTER });
    const before = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(before.pid);
    const late = await runtime.invoke(fn, Buffer.from('late'));
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error).toMatchObject({ errorMessage: 'late failure', errorType: 'Error' });
    await waitUntilGone(before.pid);
    const after = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(after.pid);
    expect(after.count).toBe(1);
  });

  it('enforces the function timeout by killing the instance', async () => {
    const fn = functionConfig('slow', { 'index.js': COUNTER }, { timeoutSeconds: 1 });
    const before = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(before.pid);
    const timedOut = await runtime.invoke(fn, Buffer.from('hang'));
    expect(timedOut.ok).toBe(false);
    if (!timedOut.ok) {
      expect(timedOut.cause).toBe('timeout');
      expect(timedOut.error.errorMessage).toBe('Function time out after 1 seconds');
      expect(timedOut.log).toContain(`FC Invoke End RequestId: ${timedOut.requestId}`);
    }
    await waitUntilGone(before.pid);
    const after = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(after.pid);
    expect(after.pid).not.toBe(before.pid);
  });

  it('replaces the warm instance when the code is updated, and removes the old code', async () => {
    const v1 = functionConfig('updated', { 'index.js': `exports.handler = async () => 'v1 ' + process.pid;` });
    const v2 = functionConfig('updated', { 'index.js': `exports.handler = async () => 'v2 ' + process.pid;` });
    expect(v2.codeChecksum).not.toBe(v1.codeChecksum);
    const [label1, pid1] = (await runtime.invoke(v1, Buffer.alloc(0))).body.toString().split(' ');
    spawned.add(Number(pid1));
    const oldCode = path.join(workDir, 'functions', 'updated', v1.codeChecksum);
    expect(existsSync(path.join(oldCode, 'index.js'))).toBe(true);
    const [label2, pid2] = (await runtime.invoke(v2, Buffer.alloc(0))).body.toString().split(' ');
    spawned.add(Number(pid2));
    expect([label1, label2]).toEqual(['v1', 'v2']);
    expect(pid2).not.toBe(pid1);
    await waitUntilGone(Number(pid1));
    await waitFor(() => !existsSync(oldCode), 'the old code directory to be removed');
    expect(runtime.instances().map((i) => i.codeChecksum)).toEqual([v2.codeChecksum]);
  });

  it('replaces the instance when only the configuration changes', async () => {
    const files = { 'index.js': `exports.handler = async () => process.env.MODE + ' ' + process.pid;` };
    const a = functionConfig('config', files, { environmentVariables: { MODE: 'a' } });
    const b = functionConfig('config', files, { environmentVariables: { MODE: 'b' } });
    const [modeA, pidA] = (await runtime.invoke(a, Buffer.alloc(0))).body.toString().split(' ');
    const [modeB, pidB] = (await runtime.invoke(b, Buffer.alloc(0))).body.toString().split(' ');
    spawned.add(Number(pidA)).add(Number(pidB));
    expect([modeA, modeB]).toEqual(['a', 'b']);
    await waitUntilGone(Number(pidA));
  });

  it('disposes of a deleted function', async () => {
    const fn = functionConfig('deleted', { 'index.js': COUNTER });
    const { pid } = answer(await runtime.invoke(fn, Buffer.from('count')));
    spawned.add(pid);
    await runtime.dispose('deleted');
    expect(processIsAlive(pid)).toBe(false);
    expect(runtime.instances()).toEqual([]);
  });

  // Regression: pools and dispose went by name, and every instance reported the runtime's one account.
  it('keeps functions of the same name apart by key: each stays warm, dispose stops only its own', async () => {
    const a = functionConfig('demo', { 'index.js': COUNTER }, { key: '111/cn-hangzhou/demo@LATEST' });
    const b = functionConfig(
      'demo',
      { 'index.js': COUNTER },
      { key: '222/cn-hangzhou/demo@LATEST', environmentVariables: { OWNER: 'b' } },
    );
    const pids: number[] = [];
    for (const fn of [a, b, a, b]) pids.push(answer(await runtime.invoke(fn, Buffer.from('count'))).pid);
    for (const pid of pids) spawned.add(pid);
    expect(pids[2]).toBe(pids[0]);
    expect(pids[3]).toBe(pids[1]);
    expect(pids[1]).not.toBe(pids[0]);
    await runtime.dispose(a.key);
    expect(processIsAlive(pids[0]!)).toBe(false);
    expect(answer(await runtime.invoke(b, Buffer.from('count')))).toEqual({ pid: pids[1], count: 3 });
  });

  it('runs each invocation in its own account and region, with instances for each', async () => {
    const fn = functionConfig('whoami', {
      'index.js': `exports.handler = async (event, context) =>
        [process.pid, context.accountId, process.env.FC_ACCOUNT_ID, context.region, process.env.FC_REGION].join(' ');`,
    });
    const ask = async (accountId: string, region: string): Promise<string[]> => {
      const fields = (await runtime.invoke(fn, Buffer.alloc(0), { accountId, region })).body.toString().split(' ');
      spawned.add(Number(fields[0]));
      return fields;
    };
    const first = await ask('1111111111111111', 'cn-hangzhou');
    const second = await ask('2222222222222222', 'cn-shanghai');
    expect(first.slice(1)).toEqual(['1111111111111111', '1111111111111111', 'cn-hangzhou', 'cn-hangzhou']);
    expect(second.slice(1)).toEqual(['2222222222222222', '2222222222222222', 'cn-shanghai', 'cn-shanghai']);
    expect(second[0]).not.toBe(first[0]);
  });

  it('reads the ZIP only to extract the code, not on every invocation', async () => {
    const fn = functionConfig('lazy', { 'index.js': COUNTER });
    let reads = 0;
    const counted = { ...fn, loadZip: async () => ((reads += 1), fn.zip) };
    for (let i = 0; i < 3; i++) spawned.add(answer(await runtime.invoke(counted, Buffer.from('count'))).pid);
    expect(reads).toBe(1);
    // The code is still extracted in the work dir: another runtime on it runs without reading the ZIP.
    const other = createFunctionRuntime({ workDir });
    try {
      spawned.add(answer(await other.invoke(counted, Buffer.from('count'))).pid);
      expect(reads).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('serves concurrent requests from more instances, up to the limit, then queues', async () => {
    open({ maxInstancesPerFunction: 2 });
    const fn = functionConfig('scaled', { 'index.js': COUNTER });
    const release = path.join(workDir, 'release-scaled');
    const busy = [
      runtime.invoke(fn, Buffer.from(`block:${release}`)),
      runtime.invoke(fn, Buffer.from(`block:${release}`)),
    ];
    await waitFor(() => runtime.instances().filter((i) => i.state === 'busy').length === 2, 'two busy instances');
    const queued = runtime.invoke(fn, Buffer.from('count'));
    track();
    expect(runtime.instances()).toHaveLength(2);
    await writeFile(release, '');
    const answers = (await Promise.all([...busy, queued])).map(answer);
    expect(new Set(answers.slice(0, 2).map((a) => a.pid)).size).toBe(2);
    expect(answers.slice(0, 2).map((a) => a.pid)).toContain(answers[2]?.pid);
  });

  it('refuses with ResourceExhausted when every instance is busy and the queue is full', async () => {
    open({ maxInstancesPerFunction: 1, maxQueuedPerFunction: 0 });
    const fn = functionConfig('throttled', { 'index.js': COUNTER });
    const release = path.join(workDir, 'release-throttled');
    const busy = runtime.invoke(fn, Buffer.from(`block:${release}`));
    await waitFor(() => runtime.instances().some((i) => i.state === 'busy'), 'a busy instance');
    track();
    await expect(runtime.invoke(fn, Buffer.from('count'))).rejects.toMatchObject({ code: 'ResourceExhausted' });
    await writeFile(release, '');
    expect(answer(await busy).count).toBe(1);
  });

  it('close() kills every instance, busy ones included, and refuses later invocations', async () => {
    const a = functionConfig('close-a', { 'index.js': COUNTER });
    const b = functionConfig('close-b', { 'index.mjs': `export const handler = async () => 'b';` });
    answer(await runtime.invoke(a, Buffer.from('count')));
    await runtime.invoke(b, Buffer.alloc(0));
    const hanging = functionConfig('close-c', { 'index.js': COUNTER }, { timeoutSeconds: 60 });
    // Observed at once: the rejection arrives while close() is awaited.
    const pending = runtime.invoke(hanging, Buffer.from('hang')).then(
      () => undefined,
      (error: unknown) => error,
    );
    await waitFor(() => runtime.instances().some((i) => i.functionName === 'close-c' && i.state === 'busy'), 'busy c');
    track();
    const pids = runtime.instances().map((i) => i.pid);
    expect(pids).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    await runtime.close();
    for (const pid of pids) expect(processIsAlive(pid!), `pid ${pid}`).toBe(false);
    expect(await pending).toMatchObject({ code: 'RuntimeClosed' });
    await expect(runtime.invoke(a, Buffer.alloc(0))).rejects.toMatchObject({ code: 'RuntimeClosed' });
    expect(runtime.instances()).toEqual([]);
  });
});
