// The built-in sample function. FC 3.0 hands a Node.js handler either the raw invocation payload (event
// functions) or a JSON description of the HTTP request (HTTP triggers and ALB:
// https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function). A
// plain string return value becomes the response body with status 200 in both forms, so the sample just
// returns the string and never looks at the event.

export const SAMPLE_BODY = 'hello world';
export const SAMPLE_HANDLER = 'index.handler';

export const SAMPLE_INDEX_JS = `'use strict';
// alb-fc sample: answers every invocation, event or HTTP request, with the same body.
exports.handler = async function handler(_event, _context) {
  return '${SAMPLE_BODY}';
};
`;
