import { ApiError } from '../api/api-error.js';

// The two paging styles of these APIs: NextToken/MaxResults (ALB, FC `nextToken`/`limit`) and
// PageNumber/PageSize (Alidns). `maxPageSize` (emulator option) caps every page so that clients' paging
// code is exercised with few resources.

export interface PagingLimits {
  defaultSize: number;
  maxPageSize: number | undefined;
}

export function pageByToken<T>(
  items: T[],
  request: { maxResults?: number; nextToken?: string },
  limits: PagingLimits,
  invalidToken: () => ApiError = () =>
    new ApiError(400, 'InvalidParameter', 'Invalid parameter, please check the parameter input. NextToken is invalid.'),
): { page: T[]; nextToken: string | undefined; maxResults: number } {
  const size = effectiveSize(request.maxResults, limits);
  let offset = 0;
  if (request.nextToken) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(request.nextToken, 'base64url').toString('utf8'));
    if (!decoded) throw invalidToken();
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

function effectiveSize(requested: number | undefined, limits: PagingLimits): number {
  const size = requested ?? limits.defaultSize;
  return limits.maxPageSize === undefined ? size : Math.min(size, limits.maxPageSize);
}
