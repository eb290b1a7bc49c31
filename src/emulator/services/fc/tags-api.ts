import type { ActionHandler, CallContext } from '../../core/service.js';
import { functionArn, parseFunctionArn } from '../../core/function-arn.js';
import { fcErrors } from './errors.js';
import { bodyOf, callerScope } from './lookup.js';
import { checkLimit, pageByName } from './paging.js';
import type { StoredFunction } from './state.js';
import { checkTagKey, matchesTags, mergeTags, readTagList } from './tag-rules.js';

// TagResources, UntagResources, ListTagResources on `/2023-03-30/tags-v2` (metadata). Resources are FC 3.0
// functions named by ARN; the wire names are PascalCase here (TagResourcesInput, TagResource,
// ListTagResourcesOutput names()).

/**
 * Accepted `ResourceType` values, case-insensitive: `function` (UntagResources example), `FUNCTION`
 * (TagResourcesInput example), `ALIYUN::FC::FUNCTION` (metadata: "FC 3.0 functions") and its misspelling
 * `ALIYUN::FC:FUNCTION` in the SDK's own example.
 */
const FUNCTION_TYPES = ['function', 'aliyun::fc::function', 'aliyun::fc:function'];
const LISTED_TYPE = 'ALIYUN::FC::FUNCTION';
/** "You can query up to 20 tags at a time" (ListTagResourcesRequest.d.ts); "at most 50" keys to remove. */
const MAX_FILTER_TAGS = 20;
const MAX_UNTAG_KEYS = 50;

function checkResourceType(value: string | undefined): void {
  if (value === undefined || value === '') return;
  if (!FUNCTION_TYPES.includes(value.toLowerCase())) {
    throw fcErrors.invalidArgument(`ResourceType '${value}' is not supported: use ${LISTED_TYPE}`);
  }
}

function functionsByArn(ctx: CallContext, arns: unknown[] | undefined): StoredFunction[] {
  if (arns === undefined || arns.length === 0) throw fcErrors.invalidArgument('ResourceId is required');
  const scope = callerScope(ctx);
  return arns.map((arn) => {
    const parsed = typeof arn === 'string' ? parseFunctionArn(arn) : undefined;
    if (!parsed || parsed.fcVersion !== 'v3' || parsed.qualifier !== undefined) {
      throw fcErrors.invalidArgument(
        `ResourceId '${String(arn)}' is not a function ARN (acs:fc:<region>:<account>:functions/<name>)`,
      );
    }
    if (parsed.accountId !== ctx.account.accountId || parsed.region !== ctx.region) {
      throw fcErrors.invalidArgument(`ResourceId '${String(arn)}' is not in this account and region`);
    }
    const fn = scope.functions[parsed.name];
    if (!fn) throw fcErrors.functionNotFound(parsed.name);
    return fn;
  });
}

export function tagActions(): Record<string, ActionHandler> {
  return {
    TagResources: (ctx) => {
      const body = bodyOf(ctx);
      checkResourceType(body.string('ResourceType'));
      const pairs = readTagList(body.value('Tag'), 'Tag');
      if (pairs.length === 0) throw fcErrors.invalidArgument('Tag is required');
      const functions = functionsByArn(ctx, body.list('ResourceId'));
      // All checked before any is changed: one bad resource leaves every function as it was.
      const merged = functions.map((fn) => mergeTags(fn.tags, pairs));
      functions.forEach((fn, index) => {
        fn.tags = merged[index]!;
      });
      return { status: 204 };
    },

    UntagResources: (ctx) => {
      checkResourceType(ctx.params.string('ResourceType'));
      const functions = functionsByArn(ctx, ctx.params.list('ResourceId'));
      const all = ctx.params.boolean('All') === true;
      const keys = ctx.params.list('TagKey') ?? [];
      if (!all && keys.length === 0) throw fcErrors.invalidArgument('TagKey is required unless All is true');
      if (keys.length > MAX_UNTAG_KEYS) throw fcErrors.invalidArgument(`at most ${MAX_UNTAG_KEYS} TagKey values`);
      const names = keys.map((key) => checkTagKey(String(key)));
      for (const fn of functions) {
        if (all) fn.tags = {};
        else for (const key of names) delete fn.tags[key];
      }
      return { status: 204 };
    },

    ListTagResources: (ctx) => {
      checkResourceType(ctx.params.string('ResourceType'));
      const limit = checkLimit(ctx.params.number('Limit'));
      const filter = readTagList(ctx.params.value('Tag'), 'Tag');
      if (filter.length > MAX_FILTER_TAGS) throw fcErrors.invalidArgument(`at most ${MAX_FILTER_TAGS} Tag filters`);
      const ids = ctx.params.list('ResourceId');
      const functions = ids && ids.length > 0 ? functionsByArn(ctx, ids) : Object.values(callerScope(ctx).functions);
      const rows = functions
        .filter((fn) => matchesTags(fn.tags, filter))
        .flatMap((fn) =>
          Object.entries(fn.tags).map(([TagKey, TagValue]) => ({
            ResourceId: functionArn(ctx.region, ctx.account.accountId, fn.functionName),
            ResourceType: LISTED_TYPE,
            TagKey,
            TagValue,
          })),
        );
      const { page, nextToken } = pageByName(
        rows,
        (row) => `${row.ResourceId}\n${row.TagKey}`,
        { limit, nextToken: ctx.params.string('NextToken') },
        ctx.paging,
      );
      return { json: { RequestId: ctx.requestId, TagResources: page, ...(nextToken ? { NextToken: nextToken } : {}) } };
    },
  };
}
