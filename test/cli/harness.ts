import { PassThrough } from 'node:stream';
import { beforeEach } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { CliEnvironment } from '../../src/cli/environment.js';
import type { LocalCloud, LocalCloudOptions } from '../../src/emulator/index.js';
import { main } from '../../src/main.js';
import { useLocalCloud } from '../support/local-cloud.js';
import { tempDir } from '../support/temp-dir.js';

// The CLI in-process: real commands, real SDK clients, real HTTP to an in-process local cloud; only the
// process boundary (argv, env, streams, cwd) is replaced, as bin.ts would provide it.

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The one JSON document on stdout (fails when there is not exactly one). */
  json<T = Record<string, unknown>>(): T;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** `--local` resolves to this in-process cloud instead of a background one. */
  cloud?: LocalCloud;
  signal?: AbortSignal;
  stdinIsTTY?: boolean;
}

export async function cli(argv: string[], options: CliOptions): Promise<CliResult> {
  const stdout = collect();
  const stderr = collect();
  const env: CliEnvironment = {
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true', ...options.env },
    cwd: options.cwd,
    home: options.cwd,
    stdin: new PassThrough(),
    stdinIsTTY: options.stdinIsTTY ?? false,
    stdout: stdout.stream,
    stderr: stderr.stream,
    clock: systemClock,
    signal: options.signal ?? new AbortController().signal,
    localCloud: options.cloud ? async () => options.cloud!.info : undefined,
  };
  const code = await main(argv, env);
  const out = stdout.text();
  return {
    code,
    stdout: out,
    stderr: stderr.text(),
    json: <T>() => {
      const lines = out.trim().split('\n');
      if (lines.length !== 1) throw new Error(`expected one JSON document on stdout, got:\n${out}`);
      return JSON.parse(lines[0]!) as T;
    },
  };
}

function collect(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A temp working directory and an in-process local cloud for each test of the file, removed after it. */
export function useWorkspace(options: LocalCloudOptions = {}): { readonly cwd: string; readonly cloud: LocalCloud } {
  const scope = useLocalCloud(options);
  let cwd: string | undefined;
  beforeEach(async () => {
    cwd = await tempDir('alb-fc-cli-');
  });
  return {
    get cwd() {
      if (cwd === undefined) throw new Error('useWorkspace(): the workspace exists only inside tests and their hooks');
      return cwd;
    },
    get cloud() {
      return scope.cloud;
    },
  };
}

/** Counts of what the local cloud holds (via its admin API, as an outsider would look). */
export async function inventory(cloud: LocalCloud): Promise<{
  functions: number;
  serverGroups: number;
  listeners: number;
  records: number;
}> {
  const state = (await (await fetch(`${cloud.endpoint}/_emulator/state`)).json()) as {
    services: {
      fc: { functions?: unknown[] };
      alb: { serverGroups?: unknown[]; listeners?: unknown[] };
      alidns: { records?: unknown[] };
    };
  };
  return {
    functions: state.services.fc.functions?.length ?? 0,
    serverGroups: state.services.alb.serverGroups?.length ?? 0,
    listeners: state.services.alb.listeners?.length ?? 0,
    records: state.services.alidns.records?.length ?? 0,
  };
}

/** The actions of the local cloud's call log that could have changed something: what a refusal must not send. */
export function writeCalls(cloud: LocalCloud): string[] {
  return cloud.calls
    .list()
    .map((call) => call.action)
    .filter((action) => /^(Create|Add|Update|Delete|Remove|Tag|UnTag)/.test(action));
}
