import { popErrors } from '../api/api-error.js';

// Two of the paging styles of these APIs: NextToken/MaxResults with an offset token (ALB) and
// PageNumber/PageSize (Alidns); FC's name-ordered `nextToken`/`limit` is services/fc/paging.ts.
// `maxPageSize` (emulator option) caps every page so that clients' paging code is exercised with few
// resources.

export interface PagingLimits {
  defaultSize: number;
  maxPageSize: number | undefined;
}

export function pageByToken<T>(
  items: T[],
  request: { maxResults?: number; nextToken?: string },
  limits: PagingLimits,
): { page: T[]; nextToken: string | undefined; maxResults: number } {
  const size = effectiveSize(request.maxResults, limits);
  let offset = 0;
  if (request.nextToken) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(request.nextToken, 'base64url').toString('utf8'));
    if (!decoded) throw popErrors.invalidParameter('NextToken is invalid.');
    offset = Number(decoded[1]);
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`o${offset + size}`).toString('base64url') : undefined;
  return { page, nextToken: next, maxResults: size };
}

export function pageByNumber<T>(
  items: T[],
  request: { pageNumber?: number; pageSize?: number },
  limits: PagingLimits,
): { page: T[]; pageNumber: number; pageSize: number } {
  const pageSize = effectiveSize(request.pageSize, limits);
  const pageNumber = request.pageNumber ?? 1;
  const page = items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { page, pageNumber, pageSize };
}

/** The page size asked for (or the default), capped by `maxPageSize`. */
export function effectiveSize(requested: number | undefined, limits: PagingLimits): number {
  const size = requested ?? limits.defaultSize;
  return limits.maxPageSize === undefined ? size : Math.min(size, limits.maxPageSize);
}
