import { createHash } from 'node:crypto';
import { ApiError, type ErrorStyle } from '../api/api-error.js';
import { acs3Signature, acs3StringToSign, parseAcs3Authorization } from './acs3-signature.js';
import { findKey, type Account, type ResolvedKey } from './accounts.js';
import { rpcSignature, rpcStringToSign } from './rpc-signature.js';

// Who is calling, proven by the request's signature. The error codes differ per product: POP products
// answer `InvalidAccessKeyId.NotFound` (404) and `SignatureDoesNotMatch` (400); FC 3.0 answers
// `InvalidAccessKeyID` and `SignatureNotMatch` (403) (FC 3.0 error codes page,
// https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes; POP codes as real answers carry them).

export interface SignedRequest {
  style: ErrorStyle;
  method: string;
  url: string;
  /** Lower-case names (as Node gives them), one value each. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** RPC: every query and form-body parameter, decoded, in arrival order. */
  params: Array<[string, string]>;
}

export interface AuthOptions {
  accounts: Account[];
  now: number;
  /** Largest accepted difference between the request's date and the local cloud's clock. */
  maxSkewMs: number;
  nonces: NonceCache;
}

export function authenticate(request: SignedRequest, options: AuthOptions): ResolvedKey {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('ACS3-HMAC-SHA256')) return verifyAcs3(request, authorization, options);
  if (request.params.some(([key]) => key === 'Signature')) return verifyRpc(request, options);
  throw request.style === 'fc'
    ? new ApiError(400, 'MissingRequiredHeader', 'required HTTP header Authorization was not specified')
    : new ApiError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
}

function verifyAcs3(request: SignedRequest, authorization: string, options: AuthOptions): ResolvedKey {
  const parsed = parseAcs3Authorization(authorization);
  if (!parsed) {
    throw request.style === 'fc'
      ? new ApiError(403, 'SignatureNotMatch', 'The Authorization header is malformed.')
      : new ApiError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  const resolved = lookupKey(request.style, options.accounts, parsed.accessKeyId);
  checkDate(request.style, request.headers['x-acs-date'], options.now, options.maxSkewMs);
  checkNonce(request.style, request.headers['x-acs-signature-nonce'], options);
  checkToken(request.style, resolved, request.headers['x-acs-security-token'], options.now);

  const payloadHash = createHash('sha256').update(request.body).digest('hex');
  const declaredHash = request.headers['x-acs-content-sha256'];
  const stringToSign = acs3StringToSign({
    method: request.method,
    url: request.url,
    headers: request.headers,
    signedHeaders: parsed.signedHeaders,
    payloadHash: declaredHash ?? payloadHash,
  });
  const expected = acs3Signature(stringToSign, resolved.key.accessKeySecret);
  // A body that does not match its declared hash is a tampered request; the real code for it is not
  // documented, so it is reported as a signature mismatch (docs/emulator.md, "assumption").
  if (expected !== parsed.signature || (declaredHash !== undefined && declaredHash !== payloadHash)) {
    throw signatureMismatch(request.style, stringToSign);
  }
  if (!parsed.signedHeaders.includes('host')) throw signatureMismatch(request.style, stringToSign);
  return resolved;
}

function verifyRpc(request: SignedRequest, options: AuthOptions): ResolvedKey {
  const param = (name: string): string | undefined => request.params.find(([key]) => key === name)?.[1];
  const accessKeyId = param('AccessKeyId');
  if (!accessKeyId) throw new ApiError(400, 'MissingAccessKeyId', 'AccessKeyId is mandatory for this action.');
  if ((param('SignatureMethod') ?? 'HMAC-SHA1') !== 'HMAC-SHA1') {
    throw new ApiError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
  }
  const resolved = lookupKey(request.style, options.accounts, accessKeyId);
  checkDate(request.style, param('Timestamp'), options.now, options.maxSkewMs);
  checkNonce(request.style, param('SignatureNonce'), options);
  checkToken(request.style, resolved, param('SecurityToken'), options.now);
  const stringToSign = rpcStringToSign(request.method, request.params);
  if (rpcSignature(stringToSign, resolved.key.accessKeySecret) !== param('Signature')) {
    throw signatureMismatch(request.style, stringToSign);
  }
  return resolved;
}

function lookupKey(style: ErrorStyle, accounts: Account[], accessKeyId: string): ResolvedKey {
  const resolved = findKey(accounts, accessKeyId);
  if (resolved) return resolved;
  throw style === 'fc'
    ? new ApiError(403, 'InvalidAccessKeyID', `invalid access key ID '${accessKeyId}'`)
    : new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
}

function signatureMismatch(style: ErrorStyle, stringToSign: string): ApiError {
  // POP answers include the server's string to sign, which lets a client author debug their signer; it
  // contains no secret (the message of real POP answers, as public DDNS clients quote it).
  return style === 'fc'
    ? new ApiError(
        403,
        'SignatureNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your access key and signing method.',
      )
    : new ApiError(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      );
}

function checkDate(style: ErrorStyle, value: string | undefined, now: number, maxSkewMs: number): void {
  if (value === undefined) return;
  const at = Date.parse(value);
  if (Number.isNaN(at) || Math.abs(at - now) > maxSkewMs) {
    throw style === 'fc'
      ? new ApiError(403, 'RequestTimeTooSkewed', `the request time ${value} is too far from the server time`)
      : new ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
}

function checkNonce(style: ErrorStyle, nonce: string | undefined, options: AuthOptions): void {
  if (nonce === undefined) return;
  if (!options.nonces.use(nonce, options.now)) {
    throw style === 'fc'
      ? new ApiError(403, 'SignatureNonceUsed', 'the signature nonce has been used already')
      : new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
}

function checkToken(style: ErrorStyle, resolved: ResolvedKey, token: string | undefined, now: number): void {
  const expected = resolved.key.securityToken;
  if (expected === undefined) return;
  if (token !== expected) {
    throw style === 'fc'
      ? new ApiError(403, 'InvalidSecurityToken', 'the security token is missing or does not match the access key')
      : new ApiError(
          400,
          token === undefined ? 'MissingSecurityToken' : 'InvalidSecurityToken.MismatchWithAccessKey',
          token === undefined
            ? 'SecurityToken is mandatory for this action.'
            : 'The Security Token does not match the AccessKeyId.',
        );
  }
  if (resolved.key.expiresAt !== undefined && now > resolved.key.expiresAt) {
    throw style === 'fc'
      ? new ApiError(403, 'InvalidSecurityToken', 'the security token has expired')
      : new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
  }
}

/** Remembers nonces for the skew window: a replayed request is refused, memory stays bounded. */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs: number) {}

  use(nonce: string, now: number): boolean {
    for (const [key, at] of this.seen) {
      if (now - at <= this.ttlMs) break;
      this.seen.delete(key);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    return true;
  }
}
