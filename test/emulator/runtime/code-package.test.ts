import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkZip,
  createFunctionRuntime,
  isSupportedRuntime,
  parseHandler,
  safeEntryPath,
  type FunctionRuntime,
} from '../../../src/emulator/runtime/index.js';
import { makeZip } from '../../support/zip.js';
import { functionConfig, removeDir, tempWorkDir } from './fixtures.js';

describe('code package checks', () => {
  let workDir: string;
  let runtime: FunctionRuntime;

  beforeAll(async () => {
    workDir = await tempWorkDir();
    runtime = createFunctionRuntime({ workDir: path.join(workDir, 'data') });
  });
  afterAll(async () => {
    await runtime.close();
    await removeDir(workDir);
  });

  it('rejects entries with .. or absolute paths (zip slip) and writes nothing', async () => {
    for (const evil of [
      '../evil.js',
      '../../evil.js',
      'lib/../../evil.js',
      '/tmp/evil.js',
      'C:/evil.js',
      '..\\evil.js',
    ]) {
      const fn = functionConfig('slip', { 'index.js': 'exports.handler = async () => 1;', [evil]: 'owned' });
      expect(checkZip(fn.zip).ok).toBe(false);
      await expect(runtime.invoke(fn, Buffer.alloc(0))).rejects.toMatchObject({ code: 'InvalidCode' });
    }
    expect(existsSync(path.join(workDir, 'evil.js'))).toBe(false);
    expect(existsSync(path.join(workDir, 'data', 'evil.js'))).toBe(false);
    expect(existsSync(path.join(workDir, 'data', 'functions', 'evil.js'))).toBe(false);
    expect(existsSync(path.join(workDir, 'data', 'functions', 'slip'))).toBe(false);
  });

  it('accepts ordinary nested paths', () => {
    expect(safeEntryPath('./lib/a.js')).toBe('lib/a.js');
    expect(safeEntryPath('lib\\b.js')).toBe('lib/b.js');
    expect(safeEntryPath('lib/')).toBe('lib');
    expect(checkZip(makeZip({ 'index.js': 'x', 'lib/a.js': 'y' }))).toEqual({ ok: true, files: 2 });
  });

  it('rejects bytes that are not a ZIP', async () => {
    const zip = Buffer.from('not a zip');
    const fn = { ...functionConfig('garbage', { 'index.js': '' }), zip, loadZip: async () => zip, codeChecksum: '1' };
    expect(checkZip(fn.zip).ok).toBe(false);
    await expect(runtime.invoke(fn, Buffer.alloc(0))).rejects.toMatchObject({ code: 'InvalidCode' });
  });

  it('refuses runtimes other than Node.js and Python', async () => {
    const runnable = ['nodejs12', 'nodejs14', 'nodejs16', 'nodejs18', 'nodejs20', 'nodejs22', 'python3', 'python3.12'];
    expect(runnable.every(isSupportedRuntime)).toBe(true);
    expect(
      ['nodejs10', 'nodejs24', 'nodejs', 'custom', 'nodejs20.1', 'python2.7', 'go1'].some(isSupportedRuntime),
    ).toBe(false);
    const fn = functionConfig('go', { main: 'binary' }, { runtime: 'go1', handler: 'main.handler' });
    await expect(runtime.invoke(fn, Buffer.alloc(0))).rejects.toMatchObject({ code: 'UnsupportedRuntime' });
  });

  it('refuses handlers that are not file.export', async () => {
    expect(parseHandler('index.handler')).toEqual({ modulePath: 'index', exportName: 'handler' });
    expect(parseHandler('src/app.v1.main')).toEqual({ modulePath: 'src/app.v1', exportName: 'main' });
    for (const bad of ['index', '.handler', 'index.', '../index.handler', '/abs.handler', 'a//b.handler', 'index.1x']) {
      expect(() => parseHandler(bad), bad).toThrow(/not of the form file.export/);
    }
    const fn = functionConfig('bad-handler', { 'index.js': '' }, { handler: 'index' });
    await expect(runtime.invoke(fn, Buffer.alloc(0))).rejects.toMatchObject({ code: 'InvalidHandler' });
  });
});
