// Benchmarks of alb-fc and its local cloud. Run with `npm run bench` (it uses the compiled dist/, so run
// `npm run build` first). Prints a Markdown table; docs/benchmarks.md records results and the machine.
// Nothing here asserts a duration: speed is measured, never tested.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { startLocalCloud } = await import(join(root, 'dist/emulator/index.js'));
const { run } = await import(join(root, 'dist/main.js'));
const { systemClock } = await import(join(root, 'dist/clock.js'));
const exec = promisify(execFile);

const only = process.argv.slice(2);
const rows = [];

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: samples.length, median: pick(0.5), p90: pick(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

function record(name, unit, samples, note = '') {
  const s = stats(samples);
  const f = (x) => (unit === 'ms' ? x.toFixed(1) : x.toFixed(0));
  rows.push(
    `| ${name} | ${s.n} | ${f(s.median)} ${unit} | ${f(s.p90)} ${unit} | ${f(s.min)}–${f(s.max)} ${unit} | ${note} |`,
  );
  process.stderr.write(`${name}: median ${f(s.median)} ${unit} (n=${s.n})\n`);
}

async function cliInProcess(args, cwd, cloud) {
  const sink = new PassThrough();
  sink.resume();
  return run(args, {
    env: { CI: 'true', NO_COLOR: '1', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
    cwd,
    home: cwd,
    stdin: new PassThrough(),
    stdinIsTTY: false,
    stdout: sink,
    stderr: sink,
    clock: systemClock,
    signal: new AbortController().signal,
    localCloud: async () => cloud.info,
  });
}

/** Wall time of `init --local --yes` into a fresh local cloud, `times` times. */
async function timeDeploys(times, latency) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const cloud = await startLocalCloud({ latency });
    const cwd = await mkdtemp(join(tmpdir(), 'alb-fc-bench-'));
    const t = performance.now();
    const code = await cliInProcess(['init', '--local', '--yes'], cwd, cloud);
    samples.push(performance.now() - t);
    if (code !== 0) throw new Error(`deploy exited ${code}`);
    await cloud.close();
    await rm(cwd, { recursive: true, force: true });
  }
  return samples;
}

const benchmarks = {
  // How long `alb-fc --help` takes as a process: start-up cost every command pays.
  async startup() {
    const samples = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await exec(process.execPath, [join(root, 'bin/alb-fc.js'), '--help']);
      samples.push(performance.now() - t);
    }
    record('`alb-fc --help` (process start to exit)', 'ms', samples);
  },

  // The whole flow (five steps + test) against the local cloud with no latency: alb-fc's own overhead.
  async deployNoLatency() {
    record(
      'deploy, 5 steps + test, latency `none`',
      'ms',
      await timeDeploys(10, 'none'),
      'in-process CLI and local cloud',
    );
  },

  // The whole flow against the local cloud's realistic latency profile (docs/emulator.md): how close to the cloud's own
  // critical path alb-fc gets (server group 2 s → listener 6 s; the function, the backend and the
  // CNAME run beside it). Sequential steps would need 1 + 2 + 3 + 6 + 0.2 s ≈ 12.3 s of transitions.
  async deployRealistic() {
    record(
      'deploy, 5 steps + test, latency `realistic`',
      'ms',
      await timeDeploys(3, 'realistic'),
      'critical path of the profile: 8.1 s',
    );
  },

  // A second deploy with nothing to change: reads only.
  async noChanges() {
    const cloud = await startLocalCloud();
    const cwd = await mkdtemp(join(tmpdir(), 'alb-fc-bench-'));
    await cliInProcess(['init', '--local', '--yes'], cwd, cloud);
    const samples = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await cliInProcess(['deploy', '--local', '--yes'], cwd, cloud);
      samples.push(performance.now() - t);
    }
    record('re-deploy with no changes, latency `none`', 'ms', samples);
    await cloud.close();
    await rm(cwd, { recursive: true, force: true });
  },

  // Requests through an emulated listener to the warm function (the data plane).
  async dataPlane() {
    const cloud = await startLocalCloud();
    const cwd = await mkdtemp(join(tmpdir(), 'alb-fc-bench-'));
    await cliInProcess(['init', '--local', '--yes'], cwd, cloud);
    const route = await (await fetch(`${cloud.endpoint}/_emulator/resolve?host=hello.example.com&port=80`)).json();
    const agentRequest = () =>
      new Promise((resolvePromise, reject) => {
        request({ host: route.address, port: route.port, path: '/', headers: { host: 'hello.example.com' } }, (res) => {
          res.resume();
          res.on('end', resolvePromise);
        })
          .on('error', reject)
          .end();
      });
    for (let i = 0; i < 20; i++) await agentRequest();
    const samples = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await agentRequest();
      samples.push(performance.now() - t);
    }
    record('HTTP request through the emulated ALB to the warm function', 'ms', samples, 'sequential, one instance');
    await cloud.close();
    await rm(cwd, { recursive: true, force: true });
  },
};

for (const [name, bench] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await bench();
}
process.stdout.write(
  ['| benchmark | n | median | p90 | range | note |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n',
);
