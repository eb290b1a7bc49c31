// Benchmarks of alb-fc as a user runs it: every figure times a PROCESS, `node bin/alb-fc.js …` from spawn to exit,
// against a local cloud that is itself a process (`alb-fc emulator start`, with the `realistic` latency profile where
// it says so). Run with `npm run bench` (it uses the compiled dist/, so run `npm run build` first), or name some:
// `node bench/run.js startup freshDeploy`. Prints a Markdown table; docs/benchmarks.md records results and the machine.
// Nothing here asserts a duration: speed is measured, never tested.
//
// Other benchmark files: every `bench/*.bench.js` is imported after these, and each benchmark it exports by name
// (`export const name = async (tools) => { … }`) runs in the same table, selectable by name too. `tools` is the
// object built below (`record`, `startCloud`, `cli`, `callsSince`, …).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { criticalPath, lateNotices } from './critical-path.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/alb-fc.js');
const only = process.argv.slice(2);
const rows = [];
const READ = /^(Get|List|Describe)/;
/** ALB's documented default for its read APIs, per API, account and region (docs/benchmarks.md). */
const ALB_READ_LIMIT_PER_S = 20;

// ---------- measuring ----------

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: samples.length, median: pick(0.5), p90: pick(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

const ms = (x) => `${x.toFixed(0)} ms`;

function record(name, samples, note = '') {
  const s = stats(samples);
  rows.push(`| ${name} | ${s.n} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)}–${ms(s.max)} | ${note} |`);
  process.stderr.write(`${name}: median ${ms(s.median)} (n=${s.n}) ${note}\n`);
  return s;
}

/** Runs `node <args>` to its exit; resolves with its wall time, exit code and output. */
function run(args, { cwd = root, env = {} } = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        ms: performance.now() - started,
        startedAt: Date.now() - (performance.now() - started),
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** `alb-fc …` as a process. */
const cli = (args, options) => run([bin, ...args], options);

function adminCall(cloud, method, path) {
  return new Promise((resolvePromise, reject) => {
    const url = new URL(path, cloud.info.endpoint);
    request(url, { method }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolvePromise(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    })
      .on('error', reject)
      .end();
  });
}

/** A local cloud in its own process, as `alb-fc emulator start --json` runs it. */
async function startCloud(latency = 'none') {
  const child = spawn(process.execPath, [bin, 'emulator', 'start', '--json', '--port', '0', '--latency', latency], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise((resolvePromise, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n')) resolvePromise(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`the local cloud exited (${code})`)));
  });
  const cloud = { info, latency };
  return Object.assign(cloud, {
    reset: () => adminCall(cloud, 'POST', '/_emulator/reset'),
    calls: async () => (await adminCall(cloud, 'GET', '/_emulator/calls')).calls,
    stop: () =>
      new Promise((resolvePromise) => {
        child.once('exit', resolvePromise);
        child.kill('SIGTERM');
      }),
  });
}

/** The API calls the local cloud logged since `mark` (a count returned by an earlier `callsSince`). */
async function callsSince(cloud, mark) {
  const all = await cloud.calls();
  return { calls: all.slice(mark), mark: all.length };
}

/** `GetFunction×2, ListServerGroups×1 …` in the order first seen, and how many were writes. */
function byKind(calls) {
  const counts = new Map();
  for (const call of calls) counts.set(call.action, (counts.get(call.action) ?? 0) + 1);
  const writes = calls.filter((c) => !READ.test(c.action)).length;
  const list = [...counts].map(([action, n]) => `${action}×${n}`).join(', ');
  return { text: `${calls.length} calls (${writes} writes): ${list}`, writes };
}

/** The most calls of one action within any one second. */
function peakPerSecond(calls) {
  const byAction = new Map();
  for (const call of calls) byAction.set(call.action, [...(byAction.get(call.action) ?? []), Date.parse(call.at)]);
  let peak = { action: '-', n: 0 };
  for (const [action, times] of byAction) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1_000) j++;
      if (i - j + 1 > peak.n) peak = { action, n: i - j + 1 };
    }
  }
  return peak;
}

/** A workspace whose alb-fc.yaml points at the cloud's load balancer and zone. */
async function workspace(cloud, extra = '') {
  const cwd = await mkdtemp(join(tmpdir(), 'alb-fc-bench-'));
  const lb = cloud.info.loadBalancers[0];
  await writeFile(
    join(cwd, 'alb-fc.yaml'),
    `endpoint: ${cloud.info.endpoint}\nalb-id: ${lb.id}\ndomain: hello.${cloud.info.domains[0]}\n${extra}`,
  );
  return cwd;
}

function expectExit(result, codes, what) {
  if (!codes.includes(result.code)) {
    throw new Error(`${what} exited ${result.code}:\n${result.stderr.slice(-2000)}`);
  }
  return result;
}

const tools = { root, bin, record, run, cli, startCloud, callsSince, byKind, peakPerSecond, workspace, stats };

// ---------- the benchmarks ----------

const benchmarks = {
  // What every command pays before doing anything: `--help` (and `--version`, `completion` where the CLI has them)
  // against Node.js itself starting and exiting, interleaved so that both see the same machine.
  async startup() {
    const candidates = [['--help'], ['--version'], ['completion', 'bash'], ['completion']];
    const commands = [];
    for (const args of candidates) {
      if (args[0] === 'completion' && commands.some((c) => c[0] === 'completion')) continue;
      if ((await cli(args)).code === 0) commands.push(args);
    }
    const node = [];
    const samples = commands.map(() => []);
    for (let i = 0; i < 21; i++) {
      node.push((await run(['-e', '0'])).ms);
      for (const [k, args] of commands.entries()) samples[k].push((await cli(args)).ms);
    }
    const base = record('`node -e 0` (Node.js alone)', node).median;
    for (const [k, args] of commands.entries()) {
      const s = stats(samples[k]);
      record(`\`alb-fc ${args.join(' ')}\``, samples[k], `**${(s.median / base).toFixed(2)}×** \`node -e 0\``);
    }
  },

  // A first deploy, as `alb-fc deploy --yes` from a fresh directory, against the realistic profile: how close to
  // the profile's own critical path (computed from the profile the local cloud runs: bench/critical-path.js).
  async freshDeploy() {
    const cloud = await startCloud('realistic');
    const path = await criticalPath(root, 'realistic');
    const samples = [];
    const notes = [];
    for (let i = 0; i < 3; i++) {
      await cloud.reset();
      const cwd = await workspace(cloud);
      const { mark } = await callsSince(cloud, 0);
      const result = expectExit(await cli(['deploy', '--yes', '--json'], { cwd }), [0], 'deploy');
      samples.push(result.ms);
      const { calls } = await callsSince(cloud, mark);
      const first = Date.parse(calls[0].at) - result.startedAt;
      const lastEnd = Math.max(...calls.map((c) => Date.parse(c.at) + c.ms));
      const late = lateNotices(calls, path.profile);
      const peak = peakPerSecond(calls);
      notes.push(
        `first call at ${ms(first)}; ${late}; last answer to exit ${ms(result.startedAt + result.ms - lastEnd)}; ` +
          `${calls.length} calls; peak ${peak.n}/s (${peak.action})`,
      );
      await rm(cwd, { recursive: true, force: true });
    }
    const s = record(
      'fresh deploy, latency `realistic`',
      samples,
      `**${(stats(samples).median / path.ms).toFixed(2)}×** the critical path (${ms(path.ms)}: ${path.text})`,
    );
    for (const note of notes) process.stderr.write(`  ${note}\n`);
    rows.push(`| ↳ run with the median | | | | | ${notes[samples.indexOf(s.median)]} |`);
    await cloud.stop();
  },

  // Re-running deploy on a deployed stack, and `status`: reads only. Their calls by kind, and the writes (none).
  async noChanges() {
    const cloud = await startCloud('realistic');
    const cwd = await workspace(cloud);
    expectExit(await cli(['deploy', '--yes'], { cwd }), [0], 'deploy');
    for (const command of [['deploy', '--yes'], ['status']]) {
      const samples = [];
      let kinds;
      for (let i = 0; i < 7; i++) {
        const { mark } = await callsSince(cloud, 0);
        const result = expectExit(await cli([...command, '--json'], { cwd }), [0], command[0]);
        samples.push(result.ms);
        const status = JSON.parse(result.stdout).status;
        const { calls } = await callsSince(cloud, mark);
        kinds = byKind(calls);
        if (command[0] === 'deploy' && (status !== 'no_changes' || kinds.writes > 0)) {
          throw new Error(`a no-op deploy changed something: ${status}, ${kinds.text}`);
        }
      }
      record(`\`alb-fc ${command.join(' ')}\` with nothing to change, latency \`realistic\``, samples, kinds.text);
    }
    await cloud.stop();
    await rm(cwd, { recursive: true, force: true });
  },

  // Three routes (three functions behind one listener) in one deploy, once the CLI reads `routes:` in alb-fc.yaml.
  async threeRoutes() {
    const cloud = await startCloud('realistic');
    const routes = ['users', 'orders', 'web'];
    const lines = ['routes:'];
    for (const name of routes) {
      lines.push(`  - name: ${name}`, ...(name === 'web' ? [] : [`    path: /${name}/*`]), `    code: ./${name}`);
    }
    const cwd = await workspace(cloud, lines.join('\n') + '\n');
    for (const name of routes) {
      await mkdir(join(cwd, name));
      await writeFile(
        join(cwd, name, 'index.js'),
        `exports.handler = async () => '${name}';\n`, // one body per route: the test can tell them apart
      );
    }
    const planned = await cli(['plan', '--json'], { cwd });
    if (planned.code !== 0) {
      const reason = /unknown key "routes"/.test(planned.stderr) ? 'this build does not read `routes:` yet' : '';
      rows.push(
        `| three-route deploy, latency \`realistic\` | – | – | – | – | not run: ${reason || planned.stderr.trim()} |`,
      );
      process.stderr.write(`three routes: not run (${reason || `plan exited ${planned.code}`})\n`);
    } else {
      // Two of the three routes match a path and get a rule; `web` is the listener's default action.
      const path = await criticalPath(root, 'realistic', { rules: routes.length - 1 });
      const { mark } = await callsSince(cloud, 0);
      const result = expectExit(await cli(['deploy', '--yes', '--json'], { cwd }), [0], 'three-route deploy');
      const { calls } = await callsSince(cloud, mark);
      const peak = peakPerSecond(calls);
      record(
        'three-route deploy, latency `realistic`',
        [result.ms],
        `**${(result.ms / path.ms).toFixed(2)}×** its critical path (${path.ms} ms: ${path.text}); ${byKind(calls).text}; peak ${peak.n}/s (${peak.action}, limit ${ALB_READ_LIMIT_PER_S}/s)`,
      );
    }
    await cloud.stop();
    await rm(cwd, { recursive: true, force: true });
  },

  // Requests through an emulated listener to the warm function (the local cloud's data plane).
  async dataPlane() {
    const cloud = await startCloud('none');
    const cwd = await workspace(cloud);
    expectExit(await cli(['deploy', '--yes'], { cwd }), [0], 'deploy');
    const route = await adminCall(cloud, 'GET', `/_emulator/resolve?host=hello.${cloud.info.domains[0]}&port=80`);
    const agentRequest = () =>
      new Promise((resolvePromise, reject) => {
        request(
          { host: route.address, port: route.port, path: '/', headers: { host: `hello.${cloud.info.domains[0]}` } },
          (res) => {
            res.resume();
            res.on('end', resolvePromise);
          },
        )
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
    const s = stats(samples);
    rows.push(
      `| HTTP request through the emulated ALB to the warm function | ${s.n} | ${s.median.toFixed(2)} ms | ${s.p90.toFixed(2)} ms | ${s.min.toFixed(2)}–${s.max.toFixed(2)} ms | sequential, one instance |`,
    );
    await cloud.stop();
    await rm(cwd, { recursive: true, force: true });
  },
};

for (const file of (await readdir(join(root, 'bench'))).filter((f) => f.endsWith('.bench.js')).sort()) {
  const extra = await import(pathToFileURL(join(root, 'bench', file)).href);
  for (const [name, bench] of Object.entries(extra)) {
    if (typeof bench === 'function') benchmarks[name] = () => bench(tools);
  }
}

process.stderr.write(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node.js ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
for (const [name, bench] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await bench();
}
process.stdout.write(
  [
    `Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    '',
    '| benchmark | n | median | p90 | range | note |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n') + '\n',
);
