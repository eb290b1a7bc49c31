import { randomBytes } from 'node:crypto';
import type { Dialect } from '../../core/dialect.js';
import { ossErrors } from './errors.js';
import { xmlDocument } from './xml.js';

// How OSS answers: its RequestId in `x-oss-request-id` (24 upper-case hex digits, as the error response page shows
// them), errors as an XML document `<Error><Code/><Message/><RequestId/><HostId/></Error>` with the HTTP status
// (https://www.alibabacloud.com/help/en/object-storage-service/latest/oss-error-response). An answer to HEAD has no
// body, so the same document travels base64-encoded in the `x-oss-err` header, which ali-oss decodes
// (lib/client.js requestError).

export const ossDialect: Dialect = {
  style: 'oss',
  requestId: () => randomBytes(12).toString('hex').toUpperCase(),
  answer: (answer, requestId) => ({ ...answer, headers: { ...answer.headers, 'x-oss-request-id': requestId } }),
  error: (error, requestId, region, method) => {
    const body = xmlDocument([
      'Error',
      [
        ['Code', error.code],
        ['Message', error.message],
        ['RequestId', requestId],
        ['HostId', `oss-${region}.aliyuncs.com`],
      ],
    ]);
    return {
      status: error.status,
      raw: body,
      headers: {
        ...error.headers,
        'content-type': 'application/xml',
        'x-oss-request-id': requestId,
        ...(method === 'HEAD' ? { 'x-oss-err': body.toString('base64') } : {}),
      },
    };
  },
  bodyTooLarge: (maxBytes) => ossErrors.entityTooLarge(maxBytes),
  internalError: () => ossErrors.internalError(),
};
