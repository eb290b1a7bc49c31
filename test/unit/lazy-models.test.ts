import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lazyModelExports, modelIndexFile, parseModelIndex, type ModelIndex } from '../../src/cloud/sdk/lazy-models.js';

// The lazy model index (src/cloud/sdk/lazy-models.ts) must be indistinguishable from the SDK's own: the same names,
// each the very same class once read. Checked against every installed product SDK alb-fc uses.

const load = createRequire(import.meta.url);
const SDKS = ['@alicloud/alb20200616', '@alicloud/fc20230330', '@alicloud/alidns20150109', '@alicloud/sts20150401'];

describe('the lazy model index of each official SDK', () => {
  for (const sdk of SDKS) {
    it(`${sdk}: same names, same classes as its dist/models/model.js`, () => {
      const modelFile = modelIndexFile(load.resolve(sdk));
      const index = parseModelIndex(readFileSync(modelFile, 'utf8'));
      expect(index, 'model.js no longer reads as expected: the SDK loads eagerly again').toBeDefined();
      const lazy = lazyModelExports(modelFile, index as ModelIndex);
      const real = load(modelFile) as Record<string, unknown>;
      const realNames = Object.keys(real).sort();
      expect(Object.keys(lazy).sort()).toEqual(realNames);
      for (const name of realNames) {
        expect(typeof lazy[name], name).toBe('function');
        expect(lazy[name], name).toBe(real[name]);
      }
      expect((lazy as { __esModule?: boolean }).__esModule).toBe(true);
    });
  }
});

describe('parseModelIndex', () => {
  const header = 'exports.B = exports.A = void 0;';
  const lines = (name: string, file = `./${name}`) => [
    `var ${name}_1 = require("${file}");`,
    `Object.defineProperty(exports, "${name}", { enumerable: true, get: function () { return ${name}_1.${name}; } });`,
  ];
  const source = (...body: string[]) =>
    ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', ...body].join('\n');

  it('maps each name to its file and property', () => {
    const index = parseModelIndex(source(header, ...lines('A'), ...lines('B', './b-file')));
    expect([...(index ?? [])]).toEqual([
      ['A', { file: './A', property: 'A' }],
      ['B', { file: './b-file', property: 'B' }],
    ]);
  });

  it('refuses a name that is declared but not exported the expected way', () => {
    expect(parseModelIndex(source(header, ...lines('A')))).toBeUndefined();
  });

  it('refuses an export it does not understand', () => {
    const odd = 'Object.defineProperty(exports, "C", { enumerable: true, get: () => C_1.C });';
    expect(
      parseModelIndex(source('exports.C = exports.B = exports.A = void 0;', ...lines('A'), ...lines('B'), odd)),
    ).toBe(undefined);
  });

  it('refuses an export whose require is missing', () => {
    const [, exportLine] = lines('A');
    expect(parseModelIndex(source('exports.A = void 0;', exportLine!))).toBeUndefined();
  });

  it('refuses a file with no export at all', () => {
    expect(parseModelIndex(source())).toBeUndefined();
  });
});
