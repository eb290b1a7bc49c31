import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Each official product SDK's `dist/models/model.js` requires every request and response model of the product at
// once — 1,171 files for Alidns, 4.2 MB of JavaScript — although alb-fc uses a dozen; compiling them is most of the
// time an SDK takes to load (docs/benchmarks.md, "Models loaded on first use"). Before the SDK is first required,
// its model index is put in Node's module cache as an object of the same names whose getters require a model's
// file when it is first read. The client reads its models through that index only when a call is made
// (`$_model.XxxResponse`), so its behaviour does not change; the model files themselves are loaded unchanged.
//
// model.js is TypeScript's CommonJS output for `export { X } from "./X"`: one `var X_1 = require("./X");` and one
// `Object.defineProperty(exports, "X", { enumerable: true, get: function () { return X_1.X; } });` per name, the
// names listed first in `exports.A = exports.B = … = void 0;`. If a file does not read exactly so (another version
// of the SDK, another compiler), nothing is installed and the SDK loads as published.

const REQUIRE_LINE = /^var (\w+) = require\("(\.\/[\w.-]+)"\);$/gm;
const EXPORT_LINE =
  /^Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);$/gm;
const DECLARED_NAME = /exports\.(\w+) = /g;

/** Where each exported name comes from: its file (relative to model.js) and the property of that file. */
export type ModelIndex = Map<string, { file: string; property: string }>;

/** Reads model.js's source into its index, or `undefined` when it is not exactly the expected shape. */
export function parseModelIndex(source: string): ModelIndex | undefined {
  const files = new Map<string, string>();
  for (const [, variable, file] of source.matchAll(REQUIRE_LINE)) files.set(variable!, file!);
  const index: ModelIndex = new Map();
  for (const [, name, variable, property] of source.matchAll(EXPORT_LINE)) {
    const file = files.get(variable!);
    if (!file || index.has(name!)) return undefined;
    index.set(name!, { file, property: property! });
  }
  // Every name the module declares is accounted for, and every defineProperty on exports was understood.
  const declared = new Set<string>();
  for (const line of source.split('\n')) {
    if (line.endsWith('= void 0;')) for (const [, name] of line.matchAll(DECLARED_NAME)) declared.add(name!);
  }
  const defined =
    source.split('Object.defineProperty(exports, "').length - 1 - (source.includes('"__esModule"') ? 1 : 0);
  if (index.size === 0 || defined !== index.size || declared.size !== index.size) return undefined;
  for (const name of declared) if (!index.has(name)) return undefined;
  return index;
}

/** The exports of model.js as getters that load each model's file on first read. */
export function lazyModelExports(modelFile: string, index: ModelIndex): Record<string, unknown> {
  const load = createRequire(modelFile);
  const lazy: Record<string, unknown> = {};
  Object.defineProperty(lazy, '__esModule', { value: true });
  for (const [name, { file, property }] of index) {
    Object.defineProperty(lazy, name, {
      enumerable: true,
      get: () => (load(join(dirname(modelFile), file)) as Record<string, unknown>)[property],
    });
  }
  return lazy;
}

/** The path of a product SDK's model index (`dist/models/model.js` beside its `main`). */
export function modelIndexFile(resolvedMain: string): string {
  return join(dirname(resolvedMain), 'models', 'model.js');
}

/**
 * Puts the lazy model index of the SDK whose main file is `resolvedMain` in the module cache, unless the index is
 * already loaded or is not of the expected shape. Answers whether it did.
 */
export function installLazyModels(resolvedMain: string, cache: NodeJS.Require['cache']): boolean {
  const modelFile = modelIndexFile(resolvedMain);
  if (cache[modelFile]) return false;
  let index: ModelIndex | undefined;
  try {
    index = parseModelIndex(readFileSync(modelFile, 'utf8'));
  } catch {
    return false;
  }
  if (!index) return false;
  const module = new Module(modelFile);
  module.filename = modelFile;
  module.loaded = true;
  module.exports = lazyModelExports(modelFile, index);
  cache[modelFile] = module;
  return true;
}
