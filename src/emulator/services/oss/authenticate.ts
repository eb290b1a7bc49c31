import { findKey, type ResolvedKey } from '../../auth/accounts.js';
import type { AuthOptions } from '../../auth/authenticate.js';
import {
  parseOssAuthorization,
  parseOssDate,
  v1Signature,
  v1StringToSign,
  v4Signature,
  v4StringToSign,
  type OssSignedRequest,
} from '../../auth/oss-signature.js';
import type { Route, WireRequest } from '../../core/protocol.js';
import { ossErrors } from './errors.js';

// Who signed an OSS request (auth/oss-signature.ts computes both signatures), answered with OSS's codes
// (errors.ts): no Authorization header is an anonymous request, which a private bucket refuses; an unknown key
// InvalidAccessKeyId; a date more than the allowed skew (15 minutes, HTTP 403 page) from the local cloud's clock
// RequestTimeTooSkewed; a security token that does not go with the key InvalidSecurityToken; a wrong signature
// SignatureDoesNotMatch.

export function authenticateOss(request: WireRequest, route: Route, options: AuthOptions): ResolvedKey {
  const header = request.headers.authorization;
  if (header === undefined) {
    throw ossErrors.accessDenied(
      route.pathParams.key
        ? 'Anonymous user has no right to access this object.'
        : 'Anonymous user has no right to access this bucket.',
    );
  }
  const auth = parseOssAuthorization(header);
  // Assumption: the code for an Authorization header of neither scheme (the V4 problem pages answer malformed
  // fields with 400 InvalidArgument).
  if (!auth) throw ossErrors.invalidArgument('Authorization header is invalid.');
  const resolved = findKey(options.accounts, auth.accessKeyId);
  if (!resolved) throw ossErrors.invalidAccessKeyId();

  const dateText =
    auth.version === 4 ? request.headers['x-oss-date'] : (request.headers.date ?? request.headers['x-oss-date']);
  // A request without a date to check its signature against (problem page 0002-00000503).
  if (!dateText) throw ossErrors.accessDenied('The request must contain a valid Date or x-oss-date header.');
  const at = parseOssDate(dateText);
  if (Number.isNaN(at)) throw ossErrors.accessDenied('The request must contain a valid Date or x-oss-date header.');
  if (Math.abs(at - options.now) > options.maxSkewMs) throw ossErrors.requestTimeTooSkewed();
  if (auth.version === 4 && !dateText.startsWith(auth.date)) {
    throw ossErrors.invalidArgument('Invalid signing date in Authorization header.');
  }

  const { key: accessKey } = resolved;
  if (accessKey.securityToken !== undefined) {
    if (request.headers['x-oss-security-token'] !== accessKey.securityToken) throw ossErrors.invalidSecurityToken();
    if (accessKey.expiresAt !== undefined && options.now > accessKey.expiresAt) {
      throw ossErrors.invalidSecurityToken('The security token you provided has expired.');
    }
  }

  const signed: OssSignedRequest = {
    method: request.method,
    headers: request.headers,
    query: request.query,
    bucket: route.pathParams.bucket,
    key: route.pathParams.key ?? '',
  };
  const expected =
    auth.version === 1
      ? v1Signature(v1StringToSign(signed), accessKey.accessKeySecret)
      : v4Signature(v4StringToSign(signed, auth), accessKey.accessKeySecret, auth.date, auth.region);
  if (expected !== auth.signature) throw ossErrors.signatureDoesNotMatch();
  return resolved;
}
