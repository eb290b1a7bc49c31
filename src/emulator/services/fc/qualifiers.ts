import { fcErrors } from './errors.js';
import type { FunctionSettings, StoredFunction } from './state.js';

// `qualifier` (GetFunction, GetFunctionCode, InvokeFunction, triggers, ARNs): `LATEST` (the default), a
// published version number, or an alias that points to one (metadata "函数版本或别名").

export interface Resolved {
  /** What the qualifier names: `LATEST`, a version id, or an alias. */
  kind: 'latest' | 'version' | 'alias';
  versionId: string | undefined;
  settings: FunctionSettings;
}

export function resolveQualifier(fn: StoredFunction, qualifier: string | undefined): Resolved {
  if (qualifier === undefined || qualifier === '' || qualifier === 'LATEST') {
    return { kind: 'latest', versionId: undefined, settings: fn.settings };
  }
  if (/^\d+$/.test(qualifier)) {
    const version = fn.versions.find((v) => v.versionId === qualifier);
    if (!version) throw fcErrors.versionNotFound(qualifier, fn.functionName);
    return { kind: 'version', versionId: version.versionId, settings: version.settings };
  }
  const alias = fn.aliases[qualifier];
  if (!alias) throw fcErrors.aliasNotFound(qualifier, fn.functionName);
  const version = fn.versions.find((v) => v.versionId === alias.versionId);
  if (!version) throw fcErrors.versionNotFound(alias.versionId, fn.functionName);
  return { kind: 'alias', versionId: version.versionId, settings: version.settings };
}
