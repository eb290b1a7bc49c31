import { pageByNumber } from '../../core/paging.js';
import type { ApiAnswer, CallContext } from '../../core/service.js';

/**
 * A Describe* list paged by PageNumber/PageSize (default 1/20; the metadata's maximum is enforced by the
 * pipeline and `ctx.paging.maxPageSize` caps it further): `{TotalCount, PageNumber, PageSize, ...wrap(page)}`.
 */
export function pagedAnswer<T>(ctx: CallContext, items: T[], wrap: (page: T[]) => Record<string, unknown>): ApiAnswer {
  const { page, pageNumber, pageSize } = pageByNumber(
    items,
    { pageNumber: ctx.params.number('PageNumber'), pageSize: ctx.params.number('PageSize') },
    ctx.paging,
  );
  return { json: { TotalCount: items.length, PageNumber: pageNumber, PageSize: pageSize, ...wrap(page) } };
}
