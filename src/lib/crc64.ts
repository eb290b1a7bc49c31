// CRC-64/ECMA-182 in its reflected form (poly 0xC96C5795D7870F42, init and xorout all ones; the "CRC-64/XZ"
// variant). Function Compute reports `codeChecksum` and OSS reports `x-oss-hash-crc64ecma` with it, as a
// decimal string; alb-fc compares it to decide whether code changed.

const POLY = 0xc96c5795d7870f42n;
const MASK = 0xffffffffffffffffn;

const TABLE: bigint[] = Array.from({ length: 256 }, (_, n) => {
  let crc = BigInt(n);
  for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ POLY : crc >> 1n;
  return crc;
});

export function crc64(data: Uint8Array): string {
  let crc = MASK;
  for (const byte of data) crc = TABLE[Number((crc ^ BigInt(byte)) & 0xffn)]! ^ (crc >> 8n);
  return ((crc ^ MASK) & MASK).toString(10);
}
