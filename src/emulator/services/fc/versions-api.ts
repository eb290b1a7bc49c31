import type { Params } from '../../api/params.js';
import type { ActionHandler } from '../../core/service.js';
import { fcErrors } from './errors.js';
import { bodyOf, callerScope, pathName, requireFunction, requireV3 } from './lookup.js';
import { ALIAS_NAME, checkDescription } from './settings-rules.js';
import type { StoredAlias, StoredFunction } from './state.js';
import { aliasView, versionView } from './views.js';

// PublishFunctionVersion, CreateAlias, GetAlias: versions and aliases live on the function in FC 3.0
// ("版本和别名直接作用在函数级别", feature-updates doc). A version freezes the function's code and
// configuration; ids count up from 1 per function (Version.d.ts example `1`). Publishing always makes a new
// version (assumption: whether FC refuses an unchanged function is not documented).

function description(body: Params): string {
  return checkDescription(body.string('description') ?? '');
}

function requireVersion(fn: StoredFunction, versionId: string): void {
  if (!fn.versions.some((v) => v.versionId === versionId)) throw fcErrors.versionNotFound(versionId, fn.functionName);
}

export function versionActions(): Record<string, ActionHandler> {
  return {
    PublishFunctionVersion: (ctx) => {
      const fn = requireV3(callerScope(ctx), pathName(ctx));
      const body = bodyOf(ctx);
      const version = {
        versionId: String(fn.nextVersion),
        description: description(body),
        createdTime: ctx.clock.now(),
        settings: structuredClone(fn.settings),
      };
      fn.nextVersion += 1;
      fn.versions.push(version);
      return { json: versionView(version) };
    },

    CreateAlias: (ctx) => {
      const name = pathName(ctx);
      const fn = requireV3(callerScope(ctx), name);
      const body = bodyOf(ctx);
      const aliasName = body.string('aliasName');
      // An alias that looks like a version number or LATEST would shadow it as a qualifier (assumption).
      if (typeof aliasName !== 'string' || !ALIAS_NAME.test(aliasName) || aliasName === 'LATEST') {
        throw fcErrors.invalidArgument(
          `invalid alias name '${String(aliasName)}': 1 to 128 letters, digits, underscores and hyphens, ` +
            'beginning with a letter or an underscore, and not LATEST',
        );
      }
      const versionId = String(body.string('versionId'));
      requireVersion(fn, versionId);
      const weights: Record<string, number> = {};
      const given = body.record('additionalVersionWeight');
      if (given !== undefined) {
        for (const [id, weight] of Object.entries(given)) {
          if (typeof weight !== 'number' || weight < 0 || weight > 1) {
            throw fcErrors.invalidArgument(`additionalVersionWeight of version ${id} must be a number from 0 to 1`);
          }
          requireVersion(fn, id);
          weights[id] = weight;
        }
      }
      if (fn.aliases[aliasName]) throw fcErrors.aliasAlreadyExists(aliasName, name);
      const now = ctx.clock.now();
      const alias: StoredAlias = {
        aliasName,
        versionId,
        description: description(body),
        additionalVersionWeight: weights,
        createdTime: now,
        lastModifiedTime: now,
      };
      fn.aliases[aliasName] = alias;
      return { json: aliasView(alias) };
    },

    GetAlias: (ctx) => {
      const name = pathName(ctx);
      const aliasName = pathName(ctx, 'aliasName');
      const found = requireFunction(callerScope(ctx), name);
      // FC 2.0 aliases belong to services, not to functions: none shows here (assumption).
      const alias = found.fcVersion === 'v3' ? found.fn.aliases[aliasName] : undefined;
      if (!alias) throw fcErrors.aliasNotFound(aliasName, name);
      return { json: aliasView(alias) };
    },
  };
}
