import type { ApiError } from './api-error.js';
import type { Product } from './products.js';

// The body of an error answer. POP: `{RequestId, HostId, Code, Message, Recommend}` with a troubleshoot
// link (reference alb-api.md §6.1, fc-dns-sts-auth.md §C.3). FC 3.0: `{Code, Message, RequestId}` (§A.5).

export function errorBody(
  product: Product,
  region: string,
  error: ApiError,
  requestId: string,
): Record<string, string> {
  if (product.service === 'fc') return { Code: error.code, Message: error.message, RequestId: requestId };
  return {
    RequestId: requestId,
    HostId: product.host(region),
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product.product}&requestId=${requestId}`,
  };
}
