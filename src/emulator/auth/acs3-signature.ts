import { createHash, createHmac } from 'node:crypto';
import { parseQuery, percentEncode } from './encoding.js';

// ACS3-HMAC-SHA256, the default signature of the official SDKs, recomputed exactly as `@alicloud/openapi-core`
// signs (client.js doRequest, utils.js getAuthorization): query keys not encoded, values encoded, a blank
// line after the canonical headers, the raw secret as the HMAC key.

export interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  const match = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/.exec(
    header.trim(),
  );
  if (!match) return undefined;
  return { accessKeyId: match[1]!, signedHeaders: match[2]!.split(';'), signature: match[3]!.toLowerCase() };
}

export interface Acs3Input {
  method: string;
  /** The request target exactly as received (path plus optional `?query`). */
  url: string;
  headers: Record<string, string | undefined>;
  signedHeaders: string[];
  payloadHash: string;
}

export function acs3StringToSign(input: Acs3Input): string {
  const queryStart = input.url.indexOf('?');
  const path = queryStart < 0 ? input.url : input.url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : input.url.slice(queryStart + 1);
  const canonicalQuery = parseQuery(rawQuery)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${percentEncode(value)}`)
    .join('&');
  const canonicalHeaders = input.signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalUri = path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
  return 'ACS3-HMAC-SHA256\n' + createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
}

export function acs3Signature(stringToSign: string, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}
