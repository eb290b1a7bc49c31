// The download half of FC GetFunctionCode (src/cloud/sdk/code-download.ts), against a loopback server: the package
// is taken only when its CRC-64 is the one FC announced, and an error answer is an error, not a ZIP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadCode } from '../../src/cloud/sdk/code-download.js';
import { crc64 } from '../../src/lib/crc64.js';

const ZIP = Buffer.from('PK\u0003\u0004 not really a zip, but bytes all the same');
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/code') res.writeHead(200).end(ZIP);
    else res.writeHead(403).end('AccessDenied');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('downloadCode', () => {
  it('returns the package when its CRC-64 is the announced one', async () => {
    expect(await downloadCode(`${base}/code`, crc64(ZIP), 5000)).toEqual(ZIP);
  });

  it('refuses a package whose CRC-64 differs (a truncated or replaced download)', async () => {
    await expect(downloadCode(`${base}/code`, '1', 5000)).rejects.toMatchObject({
      cloudCode: 'CodeDownloadFailed',
      message: expect.stringContaining('does not match its CRC-64 1'),
    });
  });

  it('refuses an error answer of the URL', async () => {
    await expect(downloadCode(`${base}/expired`, undefined, 5000)).rejects.toMatchObject({
      message: expect.stringContaining('HTTP 403'),
    });
  });
});
