// FC 3.0 request ids look like `1-64e70cf1-5cbef92ea8fc8c42899cf5d1`: `1-`, the epoch seconds in hex, `-`,
// 24 hex digits (reference §A.5, §A.9 examples).
import { randomBytes } from 'node:crypto';

export function newRequestId(nowMs: number = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `1-${seconds}-${randomBytes(12).toString('hex')}`;
}
