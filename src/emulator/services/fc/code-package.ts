import type { World } from '../../core/world.js';
import { crc64 } from '../../../lib/crc64.js';
import { checkZip } from '../../runtime/index.js';
import { fcErrors } from './errors.js';

// `code` of CreateFunction/UpdateFunction (`@alicloud/fc20230330` InputCodeLocation): `zipFile` is the ZIP as base64;
// `checksum`, when given, is its CRC-64 (decimal string, the value FC reports as `codeChecksum`). The ZIP is
// stored in `world.blobs` by content; the function keeps its key.

interface StoredCode {
  blobKey: string;
  codeChecksum: string;
  codeSize: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function storeCode(world: World, code: unknown): Promise<StoredCode> {
  if (typeof code !== 'object' || code === null) throw fcErrors.invalidArgument('code must be an object');
  const input = code as { zipFile?: unknown; ossBucketName?: unknown; ossObjectName?: unknown; checksum?: unknown };
  if (input.zipFile === undefined || input.zipFile === '') {
    if (input.ossBucketName !== undefined || input.ossObjectName !== undefined) {
      // The local cloud has no OSS: a package in a bucket cannot be fetched (documented limitation).
      throw fcErrors.invalidArgument(
        'code.ossBucketName/code.ossObjectName: the local cloud has no OSS; upload the package as code.zipFile',
      );
    }
    throw fcErrors.invalidArgument('code.zipFile is required: the function code package is missing');
  }
  if (typeof input.zipFile !== 'string') throw fcErrors.invalidArgument('code.zipFile must be a base64 string');
  const compact = input.zipFile.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    throw fcErrors.invalidArgument('code.zipFile is not valid base64');
  }
  const zip = Buffer.from(compact, 'base64');
  const checked = checkZip(zip);
  if (!checked.ok) throw fcErrors.invalidArgument(`code.zipFile is not a valid ZIP file: ${checked.message}`);
  const codeChecksum = crc64(zip);
  if (input.checksum !== undefined && input.checksum !== '' && String(input.checksum) !== codeChecksum) {
    throw fcErrors.invalidArgument(
      `code.checksum ${String(input.checksum)} does not match the CRC-64 of code.zipFile (${codeChecksum})`,
    );
  }
  const blobKey = await world.blobs.put(zip);
  return { blobKey, codeChecksum, codeSize: zip.length };
}
