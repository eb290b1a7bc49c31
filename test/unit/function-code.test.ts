import { mkdir, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../src/lib/crc64.js';
import { packageCode, zipFiles } from '../../src/steps/function-code.js';
import { tempDir } from '../support/temp-dir.js';

async function sampleHandler(): Promise<(event: unknown, context: unknown) => Promise<unknown>> {
  const pkg = await packageCode({ kind: 'sample' });
  const source = unzipSync(new Uint8Array(pkg.zip))['index.js'];
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(strFromU8(source ?? new Uint8Array()), { module, exports: module.exports });
  return module.exports['handler'] as (event: unknown, context: unknown) => Promise<unknown>;
}

describe('function code', () => {
  it('packages the sample deterministically: same bytes, same crc64 as FC computes', async () => {
    const a = await packageCode({ kind: 'sample' });
    const b = await packageCode({ kind: 'sample' });
    expect(a.zip.equals(b.zip)).toBe(true);
    expect(a.checksum).toBe(crc64(a.zip));
    expect(Object.keys(unzipSync(new Uint8Array(a.zip)))).toEqual(['index.js']);
  });

  it('has a sample handler that answers hello world to an event and to an HTTP request', async () => {
    const handler = await sampleHandler();
    expect(await handler(Buffer.from('raw event'), {})).toBe('hello world');
    const http = { version: 'v1', rawPath: '/', headers: { Date: 'x' }, requestContext: { http: { method: 'GET' } } };
    expect(await handler(Buffer.from(JSON.stringify(http)), {})).toBe('hello world');
  });

  it('zips a directory with sorted entries, stable across runs, keeping the executable bit', async () => {
    const dir = await tempDir('alb-fc-zip-');
    await mkdir(join(dir, 'lib'));
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, 'index.js'), 'exports.handler = async () => "x";');
    await writeFile(join(dir, 'lib', 'util.js'), 'module.exports = 1;');
    await writeFile(join(dir, 'bootstrap'), '#!/bin/sh\n');
    await chmod(join(dir, 'bootstrap'), 0o755);
    await writeFile(join(dir, '.git', 'HEAD'), 'ref');
    const first = await packageCode({ kind: 'dir', path: dir });
    const second = await packageCode({ kind: 'dir', path: dir });
    expect(first.checksum).toBe(second.checksum);
    expect(Object.keys(unzipSync(new Uint8Array(first.zip)))).toEqual(['bootstrap', 'index.js', 'lib/util.js']);
    // Central directory external attributes: unix mode in the high 16 bits.
    const central = first.zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect((first.zip.readUInt32LE(central + 38) >>> 16) & 0o777).toBe(0o755);
    expect(first.description).toMatch(/3 files/);
  });

  it('uses a .zip as is, and refuses what is not a ZIP or not there (exit 2)', async () => {
    const dir = await tempDir('alb-fc-zip-');
    const zip = zipFiles([{ path: 'index.js', data: Buffer.from('x') }]);
    await writeFile(join(dir, 'code.zip'), zip);
    const pkg = await packageCode({ kind: 'zip', path: join(dir, 'code.zip') });
    expect(pkg.zip.equals(zip)).toBe(true);
    await writeFile(join(dir, 'not.zip'), 'hello');
    await expect(packageCode({ kind: 'zip', path: join(dir, 'not.zip') })).rejects.toMatchObject({
      exitCode: 2,
      code: 'CODE_NOT_ZIP',
    });
    await expect(packageCode({ kind: 'zip', path: join(dir, 'missing.zip') })).rejects.toMatchObject({ exitCode: 2 });
    await expect(packageCode({ kind: 'dir', path: join(dir, 'nope') })).rejects.toMatchObject({ exitCode: 2 });
  });
});
