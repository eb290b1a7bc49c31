// Public surface of the local cloud's function runtime (used by the FC control plane and the listener data plane).
export { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from './function-runtime.js';
export { invokeFunctionAnswer } from './invoke-response.js';
export { checkZip, safeEntryPath } from './extract-zip.js';
export { isSupportedRuntime } from './runtime-languages.js';
export { parseHandler } from './handler-spec.js';
export { RuntimeError, isRuntimeError } from './runtime-error.js';
export type { FcHttpEvent, FunctionConfig, InstanceInfo, InvokeOutcome } from './types.js';
