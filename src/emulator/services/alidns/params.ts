import { pageByNumber } from '../../core/paging.js';
import type { ApiAnswer, CallContext } from '../../core/service.js';

// Typed reads of `ctx.params`, which the core has already decoded and checked against the metadata.

export function stringParam(ctx: CallContext, name: string): string | undefined {
  const value = ctx.params[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** A parameter the metadata marks required: the core answered `Missing<Name>` when it was absent. */
export function requiredParam(ctx: CallContext, name: string): string {
  return stringParam(ctx, name) ?? '';
}

export function numberParam(ctx: CallContext, name: string): number | undefined {
  const value = ctx.params[name];
  return typeof value === 'number' ? value : undefined;
}

export function booleanParam(ctx: CallContext, name: string): boolean | undefined {
  const value = ctx.params[name];
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * A Describe* list paged by PageNumber/PageSize (default 1/20; the metadata's maximum is enforced by the
 * core and `ctx.paging.maxPageSize` caps it further): `{TotalCount, PageNumber, PageSize, ...wrap(page)}`.
 */
export function pagedAnswer<T>(ctx: CallContext, items: T[], wrap: (page: T[]) => Record<string, unknown>): ApiAnswer {
  const { page, pageNumber, pageSize } = pageByNumber(
    items,
    { pageNumber: numberParam(ctx, 'PageNumber'), pageSize: numberParam(ctx, 'PageSize') },
    ctx.paging,
  );
  return { json: { TotalCount: items.length, PageNumber: pageNumber, PageSize: pageSize, ...wrap(page) } };
}
