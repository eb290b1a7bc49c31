#!/usr/bin/env node
// Thin launcher: the compiled program lives in dist/ (built by `npm ci` through the `prepare` script).
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('alb-fc is not built yet: run `npm run build` (or `npm ci`) first.\n');
    process.exitCode = 1;
    return;
  }
  throw error;
});
