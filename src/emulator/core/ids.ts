import { randomBytes, randomUUID } from 'node:crypto';

// Identifier shapes as the real services print them (reference alb-api.md §2.2, §4.2; fc-dns-sts-auth.md
// §A.3, §A.5, §C.3): POP RequestIds are upper-case UUIDs, FC RequestIds look like `1-64e70cf1-5cbef92e…`,
// ALB ids are a prefix plus 18 lower-case alphanumerics.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function popRequestId(): string {
  return randomUUID().toUpperCase();
}

export function fcRequestId(now: number): string {
  return `1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/** `sgp-…`, `lsn-…`, `alb-…`: prefix + 18 random lower-case alphanumerics. */
export function resourceId(prefix: string, length = 18): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}-${id}`;
}

export function uuid(): string {
  return randomUUID();
}
