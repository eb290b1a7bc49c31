import { ApiError, template } from '../../api/api-error.js';

// FC 3.0 errors as the service answers them: `{Code, Message, RequestId}` with the HTTP status of FC's error
// codes page (https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes). Where the page leaves
// the status open the choice is marked here and listed in docs/emulator.md.

export const fcErrors = {
  invalidArgument: (message: string) => new ApiError(400, 'InvalidArgument', message),
  // Message as captured from the real service: "function 'demo' does not exist" (quoted in public CLI tests).
  functionNotFound: (name: string) =>
    new ApiError(404, 'FunctionNotFound', template("function '%s' does not exist", name)),
  // 409 is an assumption (the page lists no status); a conflict, like ConcurrentUpdateError.
  functionAlreadyExists: (name: string) =>
    new ApiError(409, 'FunctionAlreadyExists', template("function '%s' already exists", name)),
  // Status not shown on the error page; 409 (a conflict with the function's triggers) is an assumption.
  functionNotEmpty: (name: string) =>
    new ApiError(409, 'FunctionNotEmpty', template("function '%s' has active triggers", name)),
  // The page lists ConcurrentUpdateError 409 ("concurrent update of same resource"); the text is an assumption.
  concurrentUpdate: (name: string) =>
    new ApiError(
      409,
      'ConcurrentUpdateError',
      template("function '%s' is being updated, please try again after the update has completed", name),
    ),
  // Trigger/alias/version codes are used by devsapp/fc3 (src/resources/fc/error-code.ts); statuses follow
  // FunctionNotFound (404) and FunctionAlreadyExists (409) by analogy (assumption).
  triggerNotFound: (name: string, fn: string) =>
    new ApiError(404, 'TriggerNotFound', template("trigger '%s' of function '%s' does not exist", name, fn)),
  triggerAlreadyExists: (name: string, fn: string) =>
    new ApiError(409, 'TriggerAlreadyExists', template("trigger '%s' of function '%s' already exists", name, fn)),
  aliasNotFound: (name: string, fn: string) =>
    new ApiError(404, 'AliasNotFound', template("alias '%s' of function '%s' does not exist", name, fn)),
  aliasAlreadyExists: (name: string, fn: string) =>
    new ApiError(409, 'AliasAlreadyExists', template("alias '%s' of function '%s' already exists", name, fn)),
  versionNotFound: (version: string, fn: string) =>
    new ApiError(404, 'VersionNotFound', template("version '%s' of function '%s' does not exist", version, fn)),
  // The page's EntityTooLarge 400 "payload size exceeds maximum allowed size (%s bytes)".
  entityTooLarge: (limit: number) =>
    new ApiError(400, 'EntityTooLarge', template('payload size exceeds maximum allowed size (%s bytes)', limit)),
  // The page's ResourceExhausted 429: every instance busy and the queue full (runtime-error.ts mapping).
  resourceExhausted: (message: string) => new ApiError(429, 'ResourceExhausted', message),
  internal: () => new ApiError(500, 'InternalServerError', 'an internal error has occurred. Please retry.'),
  // DeleteFunction while provisioned instances exist: devsapp/fc3 retries DeleteFunction on this code
  // (src/subCommands/remove/index.ts, src/resources/fc/error-code.ts); the status and text are assumptions.
  provisionConfigExist: (name: string) =>
    new ApiError(
      400,
      'ProvisionConfigExist',
      template("provision config exists for function '%s': delete it with DeleteProvisionConfig first", name),
    ),
};
