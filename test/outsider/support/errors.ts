// The SDK refusal matchers are shared with test/emulator: test/support/sdk-error.ts imports nothing from src, so the
// black-box suite may use it.
export { expectFcError, expectPopError, failure, type SdkError } from '../../support/sdk-error.js';
