// The official SDKs are CommonJS modules that export their client as `exports.default`. Node's ESM loader
// hands back `module.exports` as the default import, while bundler-style loaders (vitest) unwrap it once
// more; this returns the class either way.
export function cjsDefault<T>(imported: T | { default: T }): T {
  const inner = (imported as { default?: T }).default;
  return typeof inner === 'function' ? inner : (imported as T);
}
