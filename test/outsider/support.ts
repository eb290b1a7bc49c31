// The outsider's toolbox: it knows alb-fc only as a command (`node bin/alb-fc.js emulator start --json`), the
// ready line and admin API (docs/emulator.md), and Alibaba's own clients. Nothing from src/
// (test/support/zip.ts builds code packages; test/global-setup.ts builds dist/ before any test runs).

export * from './support/admin.js';
export * from './support/alb.js';
export * from './support/cloud.js';
export * from './support/errors.js';
export * from './support/functions.js';
export * from './support/http.js';
export * from './support/sdk.js';
