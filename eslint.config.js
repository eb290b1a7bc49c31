// Lint is part of `npm test`. Besides style, it fences the architecture (docs/architecture.md, "Fences"):
// SDK imports (the OSS client too) only in src/cloud/sdk, terminal libraries only in src/ui, no console or process.exit in src;
// the CLI reaches the runner only through src/runner/engine.ts; the steps and the state never import the runner;
// the product never imports the local cloud; src/lib imports no layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sdkImports = {
  group: ['@alicloud/*', 'ali-oss', 'ali-oss/*'],
  message: 'Official SDK clients (and the OSS client, ali-oss) are imported only by the adapters in src/cloud/sdk/.',
};
const productSdks = {
  group: ['@alicloud/alb*', '@alicloud/fc*', '@alicloud/alidns*', '@alicloud/sts*', '@alicloud/openapi-core'],
  message: 'The product SDKs are loaded on first use by src/cloud/sdk/sdk-loader.ts: import their types only.',
};
const uiImports = {
  group: ['ora', 'chalk', '@inquirer/*', 'ora/*', 'chalk/*'],
  message: 'Terminal output and prompts live only in src/ui/.',
};
const runnerImports = {
  regex: '(^|/)runner/',
  message: 'The steps and the state do not know the runner: declare what they need on their side (src/steps/step.ts).',
};
const emulatorImports = {
  regex: '(^|/)emulator/',
  message: 'The product does not import the local cloud: its wire contract is src/local-cloud-contract.ts.',
};
const runnerInsides = {
  regex: '(^|/)runner/(?!engine\\.js$)',
  message: 'The CLI reaches the engine through its door, src/runner/engine.ts.',
};
const layerImports = {
  regex: '(^|/)(cli|ui|runner|steps|state|cloud|emulator)/',
  message: 'src/lib holds generic helpers: it imports no layer of alb-fc.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.alb-fc/**', 'sample/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'Buffer',
          'URL',
          'AbortController',
          'performance',
          'fetch',
          'setTimeout',
          'clearTimeout',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Set process.exitCode in src/bin.ts; never exit.' },
      ],
      'no-restricted-imports': ['error', { patterns: [sdkImports, uiImports] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports, uiImports, runnerInsides] }] },
  },
  {
    // The product SDKs are loaded by their first call (src/cloud/sdk/sdk-loader.ts): elsewhere, types only.
    files: ['src/cloud/sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [uiImports, emulatorImports, { ...productSdks, allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['src/cloud/*.ts', 'src/cloud/network/**/*.ts', 'src/runner/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports, uiImports, emulatorImports] }] },
  },
  {
    files: ['src/steps/**/*.ts', 'src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [sdkImports, uiImports, emulatorImports, runnerImports] }],
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports, uiImports, layerImports] }] },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: { 'no-console': 'off', 'no-restricted-imports': ['error', { patterns: [sdkImports] }] },
  },
  {
    files: [
      'src/runner/**/*.ts',
      'src/steps/**/*.ts',
      'src/state/**/*.ts',
      'src/cloud/ports.ts',
      'src/cloud/errors.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Never exit below src/cli.' },
        { object: 'process', property: 'env', message: 'Options are parsed once in src/cli; pass values in.' },
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
      ],
    },
  },
);
