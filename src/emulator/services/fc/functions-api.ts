import { functionArn } from '../../core/function-arn.js';
import { uuid } from '../../core/ids.js';
import type { ActionHandler, CallContext } from '../../core/service.js';
import { fcErrors } from './errors.js';
import { fc2View } from './fc2-functions.js';
import { settingsForCreate, settingsForUpdate } from './function-settings.js';
import { SETTLED, beginTransition, observeStatus, updateInFlight, type StatusFields } from './lifecycle.js';
import {
  bodyOf,
  callerScope,
  pathName,
  qualifierOf,
  requireFunction,
  requireV3,
  resolveFound,
  runtimeKey,
} from './lookup.js';
import { checkLimit, pageByName } from './paging.js';
import type { RuntimeHost } from './runtime-host.js';
import { checkFunctionName } from './settings-rules.js';
import type { FunctionSettings, StoredFunction } from './state.js';
import { matchesTags, mergeTags, readTagList } from './tag-rules.js';
import { functionView } from './views.js';

// CreateFunction, GetFunction, UpdateFunction, DeleteFunction, ListFunctions, GetFunctionCode
// (`@alicloud/fc20230330` client.js and models; answers are the `Function` object itself, not wrapped).

function v3View(
  ctx: Pick<CallContext, 'region' | 'account'>,
  fn: StoredFunction,
  settings: FunctionSettings,
  status: StatusFields | undefined,
): Record<string, unknown> {
  return functionView(
    {
      functionName: fn.functionName,
      functionId: fn.functionId,
      functionArn: functionArn(ctx.region, ctx.account.accountId, fn.functionName),
      createdTime: fn.createdTime,
      lastModifiedTime: fn.lastModifiedTime,
      tags: fn.tags,
    },
    settings,
    status,
  );
}

function queryText(ctx: CallContext, name: string): string | undefined {
  const value = ctx.http.query[name];
  return value === undefined || value === '' ? undefined : value;
}

/** ListFunctions `tags`: the SDK sends the Tag list as one JSON query value (`[{"Key":"k","Value":"v"}]`). */
function tagFilter(ctx: CallContext): ReturnType<typeof readTagList> {
  const raw = queryText(ctx, 'tags');
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fcErrors.invalidArgument('tags is not valid JSON');
  }
  return readTagList(parsed, 'tags');
}

export function functionActions(host: RuntimeHost): Record<string, ActionHandler> {
  return {
    CreateFunction: async (ctx) => {
      const body = bodyOf(ctx);
      const name = checkFunctionName(body.string('functionName'));
      const scope = callerScope(ctx);
      if (scope.functions[name]) throw fcErrors.functionAlreadyExists(name);
      const tags = mergeTags({}, readTagList(body.value('tags'), 'tags'));
      const settings = await settingsForCreate(ctx.world, body);
      // Checked again: another CreateFunction of the same name may have finished while the code was stored.
      if (scope.functions[name]) throw fcErrors.functionAlreadyExists(name);
      const now = ctx.clock.now();
      const fn: StoredFunction = {
        functionName: name,
        functionId: uuid(),
        createdTime: now,
        lastModifiedTime: now,
        settings,
        tags,
        versions: [],
        nextVersion: 1,
        aliases: {},
        triggers: {},
      };
      beginTransition(fn, 'create', now, ctx.latency);
      scope.functions[name] = fn;
      return { json: v3View(ctx, fn, settings, observeStatus(fn, now, false)) };
    },

    GetFunction: (ctx) => {
      const found = requireFunction(callerScope(ctx), pathName(ctx));
      const resolved = resolveFound(found, qualifierOf(ctx));
      if (found.fcVersion === 'v2') return { json: fc2View(ctx.region, ctx.account.accountId, found.fn, true) };
      const status = resolved.kind === 'latest' ? observeStatus(found.fn, ctx.clock.now(), true) : SETTLED;
      return { json: v3View(ctx, found.fn, resolved.settings, status) };
    },

    UpdateFunction: async (ctx) => {
      const name = pathName(ctx);
      const body = bodyOf(ctx);
      const scope = callerScope(ctx);
      const fn = requireV3(scope, name);
      if (updateInFlight(fn, ctx.clock.now())) throw fcErrors.concurrentUpdate(name);
      const settings = await settingsForUpdate(ctx.world, fn.settings, body);
      if (scope.functions[name] !== fn) throw fcErrors.functionNotFound(name);
      const now = ctx.clock.now();
      fn.settings = settings;
      fn.lastModifiedTime = now;
      beginTransition(fn, 'update', now, ctx.latency);
      // FC restarts instances on an update: the old code stops answering (published versions keep theirs), and
      // the provisioned instances of LATEST start again with the new code.
      const key = runtimeKey(ctx.account.accountId, ctx.region, name);
      host.dispose(key);
      const provisioned = fn.provision?.['LATEST'] ?? 0;
      if (provisioned > 0) {
        const where = { accountId: ctx.account.accountId, region: ctx.region };
        host.provision(host.config(ctx.world, { key, name }, settings), where, provisioned);
      }
      return { json: v3View(ctx, fn, settings, observeStatus(fn, now, false)) };
    },

    DeleteFunction: (ctx) => {
      const name = pathName(ctx);
      const scope = callerScope(ctx);
      const fn = requireV3(scope, name);
      if (Object.keys(fn.triggers).length > 0) throw fcErrors.functionNotEmpty(name);
      if (Object.values(fn.provision ?? {}).some((target) => target > 0)) throw fcErrors.provisionConfigExist(name);
      delete scope.functions[name];
      host.dispose(
        runtimeKey(ctx.account.accountId, ctx.region, name),
        ...fn.versions.map((version) => runtimeKey(ctx.account.accountId, ctx.region, name, version.versionId)),
      );
      // Delete → 204 with an empty body (the SDK reads `bodyType: none`; the status is an assumption).
      return { status: 204 };
    },

    ListFunctions: (ctx) => {
      const fcVersion = queryText(ctx, 'fcVersion');
      if (fcVersion !== undefined && fcVersion !== 'v2' && fcVersion !== 'v3') {
        throw fcErrors.invalidArgument(`fcVersion '${fcVersion}' is invalid: valid values are v2 and v3`);
      }
      const limit = checkLimit(ctx.params.number('limit'));
      const prefix = ctx.params.string('prefix') ?? '';
      const runtime = queryText(ctx, 'runtime');
      const description = queryText(ctx, 'description');
      const nameFilter = queryText(ctx, 'functionName');
      const gpuType = queryText(ctx, 'gpuType');
      const resourceGroupId = queryText(ctx, 'resourceGroupId');
      const tags = tagFilter(ctx);
      const scope = callerScope(ctx);
      type Row = { name: string; settings: FunctionSettings; tags: Record<string, string>; view: () => unknown };
      const rows: Row[] = [];
      if (fcVersion !== 'v2') {
        for (const fn of Object.values(scope.functions)) {
          rows.push({
            name: fn.functionName,
            settings: fn.settings,
            tags: fn.tags,
            view: () => v3View(ctx, fn, fn.settings, undefined),
          });
        }
      }
      if (fcVersion !== 'v3') {
        for (const [name, fn] of Object.entries(scope.fc2Functions)) {
          rows.push({
            name,
            settings: fn.settings,
            tags: {},
            view: () => fc2View(ctx.region, ctx.account.accountId, fn, false),
          });
        }
      }
      // Filters of ListFunctionsRequest.d.ts. `functionName` and `description` match as substrings
      // (assumption: the doc only says "filter"); `tags` must all match (alb-fc's "carrying every tag").
      const selected = rows.filter(
        (row) =>
          row.name.startsWith(prefix) &&
          (runtime === undefined || row.settings.runtime === runtime) &&
          (description === undefined || row.settings.description.includes(description)) &&
          (nameFilter === undefined || row.name.includes(nameFilter)) &&
          (gpuType === undefined ||
            (row.settings.extra.gpuConfig as { gpuType?: string } | undefined)?.gpuType === gpuType) &&
          (resourceGroupId === undefined || row.settings.extra.resourceGroupId === resourceGroupId) &&
          matchesTags(row.tags, tags),
      );
      const { page, nextToken } = pageByName(
        selected,
        (row) => row.name,
        { limit, nextToken: ctx.params.string('nextToken') },
        ctx.paging,
      );
      return { json: { functions: page.map((row) => row.view()), ...(nextToken ? { nextToken } : {}) } };
    },

    GetFunctionCode: (ctx) => {
      const name = pathName(ctx);
      const found = requireFunction(callerScope(ctx), name);
      const { settings } = resolveFound(found, qualifierOf(ctx));
      if (settings.blobKey === '') {
        throw fcErrors.invalidArgument(`function '${name}' runs a container image and has no code package`);
      }
      // Real FC answers a signed OSS URL (OutputFuncCode.d.ts); the local cloud serves the ZIP itself, on the
      // host the caller used, through its admin API (`GET /_emulator/fc/code`).
      const host = ctx.http.headers.host ?? '127.0.0.1';
      return {
        json: { checksum: settings.codeChecksum, url: `http://${host}/_emulator/fc/code?blob=${settings.blobKey}` },
      };
    },
  };
}
