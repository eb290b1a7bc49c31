import { ApiError, template } from '../../api/api-error.js';
import { documentedError, metadata } from '../../metadata/index.js';

// ALB errors with the HTTP status and message template Alibaba documents for the action (the metadata's
// per-API `errorCodes`, src/emulator/metadata/alb-2020-06-16.json). When the action's own list lacks the
// code, another ALB action's entry for the same code is used, then the families of ALB's error-code page
// (https://alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-errorcodes).
// `InvalidParameter` and `Missing<Name>` are the gateway's, shared with every POP product: popErrors.

const ALB = metadata.alb;

function lookup(action: string, code: string): { status: number; message: string } | undefined {
  const own = ALB.apis[action];
  const found = own ? documentedError(own, code) : undefined;
  if (found) return found;
  for (const api of Object.values(ALB.apis)) {
    const other = documentedError(api, code);
    if (other) return other;
  }
  return undefined;
}

/** The documented error `code` of `action`, its `%s` filled with `values`. */
export function albError(action: string, code: string, ...values: Array<string | number>): ApiError {
  const found = lookup(action, code);
  if (found) return new ApiError(found.status, code, template(found.message, ...values));
  return new ApiError(fallbackStatus(code), code, fallbackMessage(code, values));
}

function fallbackStatus(code: string): number {
  if (code.startsWith('ResourceNotFound.')) return 404;
  if (code.startsWith('Forbidden.')) return 403;
  return 400;
}

// The message families of ALB codes (the templates the metadata repeats across actions), for codes no action lists.
function fallbackMessage(code: string, values: Array<string | number>): string {
  const [family, subject = ''] = code.split('.', 2);
  const first = String(values[0] ?? subject);
  switch (family) {
    case 'ResourceNotFound':
      return template('The specified resource %s is not found.', first);
    case 'IllegalParam':
      return `The param of ${subject} is illegal.`;
    case 'IncorrectStatus':
      return template('The status of %s [%s] is incorrect.', first, values[1] ?? '');
    case 'ResourceInUse':
      return template('The specified resource %s is in use.', first);
    case 'Mismatch':
      return template('The %s is mismatched for %s and %s.', ...values);
    case 'UnsupportedFeature':
      return template('The feature of %s is not supported.', first);
    case 'ResourceQuotaExceeded':
      return template('The quota of %s is exceeded for resource %s, usage %s/%s.', ...values);
    case 'QuotaExceeded':
      return template('The quota of %s is exceeded, usage %s/%s.', ...values);
    case 'OperationDenied':
      return template('The operation is not allowed because of %s.', first);
    default:
      return values.length > 0 ? `${code}: ${values.join(', ')}` : code;
  }
}
