import { pageByToken } from '../../core/paging.js';
import type { AlbCall } from './context.js';

// The NextToken/MaxResults envelope of ALB list APIs (SDK *ResponseBody: MaxResults, NextToken,
// TotalCount). NextToken is left out on the last page; every client we know reads a missing or empty
// token as the end (Terraform, the alb-fc adapter).

export function paged<T>(
  call: AlbCall,
  items: T[],
  options: { totalCount?: boolean } = {},
): { page: T[]; envelope: Record<string, unknown> } {
  const { params } = call.ctx;
  const { page, nextToken, maxResults } = pageByToken(
    items,
    { maxResults: params.number('MaxResults'), nextToken: params.string('NextToken') },
    call.ctx.paging,
  );
  return {
    page,
    envelope: {
      ...(options.totalCount === false ? {} : { TotalCount: items.length }),
      MaxResults: maxResults,
      ...(nextToken ? { NextToken: nextToken } : {}),
    },
  };
}
