#!/usr/bin/env node
// Thin launcher: the compiled program lives in dist/ (built by `npm ci` through the `prepare` script).
// A lone `--version` is answered here, from package.json, without loading the CLI: the line src/main.ts prints for
// it too, in a fraction of the time (docs/benchmarks.md).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else {
  import('../dist/bin.js').catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
      process.stderr.write('alb-fc is not built yet: run `npm run build` (or `npm ci`) first.\n');
      process.exitCode = 1;
      return;
    }
    throw error;
  });
}
