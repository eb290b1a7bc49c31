import { describe, expect, it } from 'vitest';
import { createRedactor, MASK, redactDeep } from '../../src/ui/index.js';

describe('createRedactor', () => {
  const secret = 'Zk3cR3t/V4lu3+Th4tMustN3v3rShow';

  it('masks every occurrence of a given secret, raw or URL-encoded', () => {
    const redact = createRedactor([secret, undefined]);
    expect(redact(`a ${secret} b ${secret}`)).toBe(`a ${MASK} b ${MASK}`);
    expect(redact(`sig=${encodeURIComponent(secret)}&x=1`)).toBe(`sig=${MASK}&x=1`);
  });

  it('masks anything shaped like an STS token even when it was not given', () => {
    const token = `CAIS${'AbCd0123+/='.repeat(6)}`;
    expect(createRedactor()(`token ${token} end`)).toBe(`token ${MASK} end`);
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const redact = createRedactor(['abcdef', 'abcdefghij']);
    expect(redact('xabcdefghijx')).toBe(`x${MASK}x`);
  });

  it('reads a secret list given as a function on every line, for credentials resolved later', () => {
    const known: string[] = [];
    const redact = createRedactor(() => known);
    expect(redact('key lateSecret99')).toBe('key lateSecret99');
    known.push('lateSecret99');
    expect(redact('key lateSecret99')).toBe(`key ${MASK}`);
  });

  it('leaves ordinary text alone, and ignores secrets too short to be real', () => {
    const redact = createRedactor(['abc', '']);
    expect(redact('abc lsn-xyz789 CAIS short')).toBe('abc lsn-xyz789 CAIS short');
  });
});

describe('redactDeep', () => {
  it('masks strings at any depth and keeps other values', () => {
    const redact = createRedactor(['topsecret1']);
    expect(redactDeep({ a: 'x topsecret1', b: [1, 'topsecret1'], c: { d: null, e: true } }, redact)).toEqual({
      a: `x ${MASK}`,
      b: [1, MASK],
      c: { d: null, e: true },
    });
  });
});
