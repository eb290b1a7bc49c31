import { createHash, randomBytes, randomUUID } from 'node:crypto';

// Identifier shapes as the real services print them (the examples of `@alicloud/alb20200616`
// CreateServerGroupResponseBody and CreateListenerResponseBody, `@alicloud/fc20230330` Function, FC's HTTP
// trigger event page): POP RequestIds are upper-case UUIDs, FC RequestIds look like
// `1-64e70cf1-5cbef92ea8fc8c42899cf5d1`, ALB ids are a prefix plus 18 lower-case alphanumerics.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function popRequestId(): string {
  return randomUUID().toUpperCase();
}

/** `1-`, the epoch seconds in hex (8 digits), `-`, 24 hex digits. */
export function fcRequestId(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `1-${seconds}-${randomBytes(12).toString('hex')}`;
}

/** `sgp-…`, `lsn-…`, `alb-…`: prefix + 18 random lower-case alphanumerics. */
export function resourceId(prefix: string, length = 18): string {
  return spell(prefix, randomBytes(length), length);
}

/** `prefix-` + lower-case alphanumerics derived from `seed`: the same seed always gives the same id. */
export function derivedId(prefix: string, seed: string, length = 18): string {
  return spell(prefix, createHash('sha256').update(seed).digest(), length);
}

/** The resource group every resource of an account is in (ALB load balancers, Alidns zones). */
export function accountResourceGroupId(accountId: string): string {
  return derivedId('rg', `rg|${accountId}`, 15);
}

export function uuid(): string {
  return randomUUID();
}

function spell(prefix: string, bytes: Uint8Array, length: number): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[bytes[i]! % ALPHABET.length];
  return `${prefix}-${id}`;
}
