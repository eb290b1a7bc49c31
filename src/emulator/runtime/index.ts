// Public surface of the local cloud's function runtime (used by the FC control plane and the listener data plane).
export { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from './function-runtime.js';
export { invokeFunctionAnswer, type InvokeHttpAnswer } from './invoke-response.js';
export { checkZip, safeEntryPath } from './extract-zip.js';
export { isSupportedRuntime } from './node-runtimes.js';
export { parseHandler } from './handler-spec.js';
export { newRequestId } from './request-id.js';
export { LOG_TAIL_BYTES } from './log-buffer.js';
export { RuntimeError, isRuntimeError, type RuntimeErrorCode } from './runtime-error.js';
export type {
  FailureCause,
  FcHttpEvent,
  FunctionConfig,
  FunctionErrorBody,
  InstanceInfo,
  InvokeFailure,
  InvokeOptions,
  InvokeOutcome,
  InvokeSuccess,
} from './types.js';
