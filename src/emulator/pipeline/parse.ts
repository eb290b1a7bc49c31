import type { IncomingMessage } from 'node:http';
import { parseQuery } from '../auth/encoding.js';
import type { WireRequest } from '../core/protocol.js';

// Stage 1, parse: the request's path, query, headers and form parameters, decoded once for every later stage.
// RPC parameters come in the query (the SDKs) or an `application/x-www-form-urlencoded` body (Terraform).

export function parseRequest(req: IncomingMessage, received: Buffer | 'too-large'): WireRequest {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const headers = headersOf(req);
  const body = received === 'too-large' ? Buffer.alloc(0) : received;
  const query = parseQuery(queryStart < 0 ? '' : url.slice(queryStart + 1));
  const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ? parseQuery(body.toString('utf8'))
    : [];
  const all = [...query, ...form];
  return {
    method: req.method ?? 'GET',
    url,
    path: queryStart < 0 ? url : url.slice(0, queryStart),
    query,
    form,
    headers,
    body,
    param: (name) => all.find(([key]) => key === name)?.[1],
  };
}

/** Node gives lower-case names and joins repeated headers, except `set-cookie` (an array): one string each. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}
