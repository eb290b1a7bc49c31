import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { crc64 } from '../../lib/crc64.js';
import { CloudError } from '../errors.js';

// The second half of FC's GetFunctionCode: the answer is a URL of the code package (a signed OSS URL on Alibaba
// Cloud, `OutputFuncCode.url` in @alicloud/fc20230330) and its CRC-64 (`OutputFuncCode.checksum`). The ZIP is
// fetched from it with a deadline and a size cap, and refused unless its CRC-64 is the one FC announced, so a
// truncated download never ends up in an export.

/** FC 3.0 takes code packages of at most 500 MB through OSS (https://www.alibabacloud.com/help/en/fc/limits). */
const MAX_CODE_BYTES = 500 * 1024 * 1024;

export function downloadCode(url: string, checksum: string | undefined, timeoutMs: number): Promise<Buffer> {
  const failure = (message: string, cause?: unknown) =>
    new CloudError({ service: 'fc', action: 'GetFunctionCode', cloudCode: 'CodeDownloadFailed', message, cause });
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const request = get(url, { timeout: timeoutMs }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(failure(`the code package URL answered HTTP ${response.statusCode ?? 0}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_CODE_BYTES) request.destroy(failure(`the code package is larger than ${MAX_CODE_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        const zip = Buffer.concat(chunks);
        if (checksum && crc64(zip) !== checksum) {
          reject(failure(`the downloaded code package does not match its CRC-64 ${checksum}`));
          return;
        }
        resolve(zip);
      });
      response.on('error', (error) => reject(failure(error.message, error)));
    });
    request.on('timeout', () => request.destroy(failure(`no code package within ${timeoutMs} ms`)));
    request.on('error', (error) => reject(error instanceof CloudError ? error : failure(error.message, error)));
  });
}
