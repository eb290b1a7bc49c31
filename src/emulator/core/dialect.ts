import type { ApiError, ErrorStyle } from '../api/api-error.js';
import type { Answer } from './http.js';

// How a service's answers and errors look on the wire: the POP products' and FC 3.0's are in wire/dialects.ts,
// OSS's in services/oss/dialect.ts.

export interface Dialect {
  /** The family of codes validation and signature checks answer with. */
  style: ErrorStyle;
  requestId(now: number): string;
  /** A successful action's answer as sent (RequestId added where the product carries it). */
  answer(answer: Answer, requestId: string): Answer;
  /** `method`: the request's, for products whose errors to HEAD travel in a header (OSS). */
  error(error: ApiError, requestId: string, region: string, method?: string): Answer;
  /** The refusal of a body over `maxBytes`, whose rest is not read: the connection cannot carry another request. */
  bodyTooLarge(maxBytes: number): ApiError;
  /** A failure of the local cloud itself. */
  internalError(): ApiError;
}
