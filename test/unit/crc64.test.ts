import { describe, expect, it } from 'vitest';
import { crc64 } from '../../src/lib/crc64.js';

describe('crc64', () => {
  it('matches the CRC-64/XZ check value for "123456789"', () => {
    expect(BigInt(crc64(Buffer.from('123456789'))).toString(16)).toBe('995dc9bbdf1939fa');
  });
  it('is 0 for empty input and differs for different input', () => {
    expect(crc64(new Uint8Array())).toBe('0');
    expect(crc64(Buffer.from('a'))).not.toBe(crc64(Buffer.from('b')));
  });
});
