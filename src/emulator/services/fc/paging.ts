import { effectiveSize, type PagingLimits } from '../../core/paging.js';
import { fcErrors } from './errors.js';

// FC 3.0 list paging: `limit` (1 to 100, metadata ListFunctions) and `nextToken` (base64, e.g. `MTIzNCNhYmM=`
// in the API doc). Lists are in name order and the token names the first item of the next page, like FC
// 2.0's `startKey` ("results are in alphabetical order, from startKey inclusive"), so that deleting items
// between two pages never skips one (assumption for 3.0: the token's content is opaque). `maxPageSize`
// (local cloud option) caps every page so clients' paging code runs with few functions.

export function checkLimit(limit: unknown): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw fcErrors.invalidArgument(`limit ${String(limit)} is invalid: it must be an integer from 1 to 100`);
  }
  return limit;
}

export function pageByName<T>(
  items: T[],
  nameOf: (item: T) => string,
  request: { limit?: number; nextToken?: string },
  limits: PagingLimits,
): { page: T[]; nextToken: string | undefined } {
  const sorted = [...items].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  let start = 0;
  if (request.nextToken) {
    const from = Buffer.from(request.nextToken, 'base64').toString('utf8');
    if (from === '' || Buffer.from(from, 'utf8').toString('base64') !== request.nextToken) {
      throw fcErrors.invalidArgument(`nextToken '${request.nextToken}' is invalid`);
    }
    start = sorted.findIndex((item) => nameOf(item) >= from);
    if (start < 0) start = sorted.length;
  }
  const size = effectiveSize(request.limit, limits);
  const page = sorted.slice(start, start + size);
  const next = sorted[start + size];
  return { page, nextToken: next === undefined ? undefined : Buffer.from(nameOf(next), 'utf8').toString('base64') };
}
