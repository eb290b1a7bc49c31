// Errors of the in-memory cloud, in the shape the SDK adapters produce (src/cloud/errors.ts).
import { CloudError, type Service } from '../../src/cloud/errors.js';

let requestCounter = 0;

export function cloudError(
  service: Service,
  action: string,
  cloudCode: string,
  httpStatus = 400,
  message = cloudCode,
  retryAfterSeconds?: number,
): CloudError {
  requestCounter++;
  return new CloudError({
    service,
    action,
    cloudCode,
    message,
    httpStatus,
    requestId: `FAKE-${String(requestCounter).padStart(6, '0')}`,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}
