import { ApiError } from '../../api/api-error.js';

// OSS's error codes and messages as its documentation gives them: the error response page
// (https://www.alibabacloud.com/help/en/object-storage-service/latest/oss-error-response), the HTTP 403 page
// (https://www.alibabacloud.com/help/en/oss/user-guide/http-403-error-code), the HTTP 400 page
// (https://www.alibabacloud.com/help/en/oss/support/http-400-status-code), the 404 and 409 problem pages
// (https://help.aliyun.com/en/oss/user-guide/0026-00000001, https://help.aliyun.com/en/oss/user-guide/0026-00000002).

export const ossErrors = {
  noSuchBucket: () => new ApiError(404, 'NoSuchBucket', 'The specified bucket does not exist.'),
  noSuchKey: () => new ApiError(404, 'NoSuchKey', 'The specified key does not exist.'),
  fileAlreadyExists: () =>
    new ApiError(409, 'FileAlreadyExists', 'The object you specified already exists and can not be overwritten.'),
  invalidDigest: () => new ApiError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.'),
  invalidBucketName: () => new ApiError(400, 'InvalidBucketName', 'The specified bucket is not valid.'),
  invalidObjectName: (why: string) => new ApiError(400, 'InvalidObjectName', why),
  invalidArgument: (message: string) => new ApiError(400, 'InvalidArgument', message),
  accessDenied: (message: string) => new ApiError(403, 'AccessDenied', message),
  wrongEndpoint: () =>
    new ApiError(
      403,
      'AccessDenied',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    ),
  invalidAccessKeyId: () =>
    new ApiError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.'),
  signatureDoesNotMatch: () =>
    new ApiError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ),
  requestTimeTooSkewed: () =>
    new ApiError(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    ),
  invalidSecurityToken: (message = 'The security token you provided is invalid.') =>
    new ApiError(403, 'InvalidSecurityToken', message),
  /** Assumption: the code of an operation the local cloud does not implement (OSS answers NotImplemented for unsupported functionality). */
  notImplemented: (what: string) =>
    new ApiError(
      501,
      'NotImplemented',
      `A header or operation you provided implies functionality that is not implemented: ${what}.`,
    ),
  methodNotAllowed: () =>
    new ApiError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.'),
  entityTooLarge: (maxBytes: number) =>
    new ApiError(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size (${maxBytes} bytes).`, {
      connection: 'close',
    }),
  internalError: () => new ApiError(500, 'InternalError', 'We encountered an internal error. Please try again.'),
};
