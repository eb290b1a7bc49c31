// The load generator's own ceiling (issue 10): how many requests per second `alb-fc test --load` drives through
// the emulated ALB to a warm function on this machine, so users know when the tool, not the cloud, is the limit.
// Everything runs as a user runs it: the local cloud as its own process (`alb-fc emulator start --json`), the
// sample function deployed with provisioned instances (warm, no cold start), then `alb-fc test --load --json`
// as a process per run, at several concurrencies. Nothing here asserts a speed.
//
//   npm run build && node bench/load-ceiling.js [--requests N] [--runs N] [--concurrency 1,4,16,64]
//
// bench/run.js can call `loadCeiling()` and print its rows in its own table.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/alb-fc.js');
const exec = promisify(execFile);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** `alb-fc emulator start --json` as its own process; resolves with its endpoint and a stop function. */
async function startEmulator(cwd) {
  const child = spawn(process.execPath, [bin, 'emulator', 'start', '--json'], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`the local cloud exited (${code}) before it was ready`)));
    lines.once('line', (line) => resolveReady(JSON.parse(line)));
  });
  return {
    endpoint: ready.endpoint,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function alb(args, cwd) {
  const { stdout } = await exec(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}

/**
 * Runs `alb-fc test --load` `runs` times per concurrency against a warm sample function with `provisioned`
 * instances; returns one row per concurrency with the medians of the runs.
 */
export async function loadCeiling({
  concurrencies = [1, 4, 16, 64],
  requests = 2000,
  runs = 3,
  provisioned = 16,
} = {}) {
  const cwd = await mkdtemp(join(tmpdir(), 'alb-fc-load-ceiling-'));
  const emulator = await startEmulator(cwd);
  const rows = [];
  try {
    const target = ['--endpoint', emulator.endpoint];
    const deployed = await alb(
      ['deploy', ...target, '--provisioned-instances', String(provisioned), '--yes', '--json'],
      cwd,
    );
    if (deployed.status === 'failed') throw new Error(`deploy failed: ${JSON.stringify(deployed.error)}`);
    // One load run to start whatever was not provisioned and let the JIT settle; not recorded.
    await alb(['test', ...target, '--load', '--requests', '200', '--concurrency', '4', '--json'], cwd);
    for (const concurrency of concurrencies) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const doc = await alb(
          ['test', ...target, '--load', '--requests', String(requests), '--concurrency', String(concurrency), '--json'],
          cwd,
        );
        const load = doc.test?.load;
        if (!load) throw new Error(`no load result: ${JSON.stringify(doc.error ?? doc)}`);
        samples.push(load);
        process.stderr.write(
          `concurrency ${concurrency}, run ${i + 1}: ${load.qps} QPS, p50 ${load.latencyMs?.p50} ms\n`,
        );
      }
      rows.push({
        concurrency,
        requests,
        runs,
        qps: median(samples.map((s) => s.qps)),
        p50: median(samples.map((s) => s.latencyMs?.p50 ?? 0)),
        p99: median(samples.map((s) => s.latencyMs?.p99 ?? 0)),
        throttled: samples.reduce((sum, s) => sum + s.throttled, 0),
        errors: samples.reduce((sum, s) => sum + Object.values(s.errors).reduce((a, b) => a + b, 0), 0),
      });
    }
  } finally {
    await emulator.stop();
    await rm(cwd, { recursive: true, force: true });
  }
  return rows;
}

export function markdown(rows) {
  const lines = [
    '| concurrency | requests × runs | QPS (median) | p50 | p99 | throttled | errors |',
    '| ----------- | --------------- | ------------ | --- | --- | --------- | ------ |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.concurrency} | ${r.requests} × ${r.runs} | ${r.qps} | ${r.p50} ms | ${r.p99} ms | ${r.throttled} | ${r.errors} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const rows = await loadCeiling({
    ...(arg('--requests') ? { requests: Number(arg('--requests')) } : {}),
    ...(arg('--runs') ? { runs: Number(arg('--runs')) } : {}),
    ...(arg('--concurrency') ? { concurrencies: arg('--concurrency').split(',').map(Number) } : {}),
  });
  process.stdout.write(markdown(rows) + '\n');
}
