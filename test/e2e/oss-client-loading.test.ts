import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

// The OSS client (ali-oss and its ~80 dependencies) is loaded only by commands that keep their state on OSS
// (src/cli/connect.ts): `alb-fc --help` and runs with a local state file never load it. The compiled CLI runs
// with a preload that counts, at exit, the ali-oss files Node loaded.

const launcher = resolve(import.meta.dirname, '../../bin/alb-fc.js');
const COUNTER = `process.on('exit', () => {
  const loaded = Object.keys(require('module')._cache).filter((file) => file.includes('/node_modules/ali-oss/'));
  process.stderr.write('ali-oss files loaded: ' + loaded.length + '\\n');
});
`;

async function aliOssFilesLoaded(args: string[]): Promise<number> {
  const dir = await tempDir('alb-fc-e2e-oss-');
  const counter = join(dir, 'count-ali-oss.cjs');
  await writeFile(counter, COUNTER);
  const stderr = await new Promise<string>((done) => {
    execFile(
      process.execPath,
      ['--require', counter, launcher, ...args],
      {
        cwd: dir,
        env: {
          ...process.env,
          HOME: dir,
          NO_COLOR: '1',
          CI: 'true',
          ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-id',
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'test-secret',
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        },
        // A bound for a hanging process, not a duration under test.
        timeout: 60_000,
      },
      (_error, _stdout, err) => done(err),
    );
  });
  const count = /ali-oss files loaded: (\d+)/.exec(stderr);
  expect(count, stderr).not.toBeNull();
  return Number(count![1]);
}

// Nothing listens on port 1 of loopback: the runs fail fast, after choosing their state store.
const nowhere = ['--endpoint', 'http://127.0.0.1:1', '--region', 'cn-hangzhou'];

describe('loading the OSS client', () => {
  it('does not happen for --help', async () => {
    expect(await aliOssFilesLoaded(['--help'])).toBe(0);
  });

  it('does not happen for a run with a local state file', async () => {
    expect(await aliOssFilesLoaded(['status', ...nowhere])).toBe(0);
  });

  it('happens for a run with its state on OSS', async () => {
    expect(await aliOssFilesLoaded(['status', ...nowhere, '--state', 'oss://alb-fc-state/team'])).toBeGreaterThan(0);
  });
});
