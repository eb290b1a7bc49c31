import { ApiError, template } from '../../api/api-error.js';

// FC 3.0 errors as the service answers them: `{Code, Message, RequestId}` with the HTTP status of the
// reference (fc-dns-sts-auth.md §A.5). Where the reference leaves the status open ([I]/[?]) the choice is
// marked here and listed in docs/emulator.md.

export const fcErrors = {
  invalidArgument: (message: string) => new ApiError(400, 'InvalidArgument', message),
  // Message as captured from the real service: "function 'demo' does not exist" (§A.5).
  functionNotFound: (name: string) =>
    new ApiError(404, 'FunctionNotFound', template("function '%s' does not exist", name)),
  // 409 is [I] in §A.5 (the page lists no status); a conflict, like ConcurrentUpdateError.
  functionAlreadyExists: (name: string) =>
    new ApiError(409, 'FunctionAlreadyExists', template("function '%s' already exists", name)),
  // §A.5: status not shown on the error page; 409 (a conflict with the function's triggers) is an assumption.
  functionNotEmpty: (name: string) =>
    new ApiError(409, 'FunctionNotEmpty', template("function '%s' has active triggers", name)),
  // §A.5 lists ConcurrentUpdateError 409 ("concurrent update of same resource"); the text is an assumption.
  concurrentUpdate: (name: string) =>
    new ApiError(
      409,
      'ConcurrentUpdateError',
      template("function '%s' is being updated, please try again after the update has completed", name),
    ),
  // Trigger/alias/version codes are used by devsapp/fc3 (§A.5); statuses follow FunctionNotFound (404) and
  // FunctionAlreadyExists (409) by analogy (assumption).
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
  // §A.5 EntityTooLarge 400 "payload size exceeds maximum allowed size (%s bytes)".
  entityTooLarge: (limit: number) =>
    new ApiError(400, 'EntityTooLarge', template('payload size exceeds maximum allowed size (%s bytes)', limit)),
  // §A.5 ResourceExhausted 429: every instance busy and the queue full (runtime-error.ts mapping).
  resourceExhausted: (message: string) => new ApiError(429, 'ResourceExhausted', message),
  internal: () => new ApiError(500, 'InternalServerError', 'an internal error has occurred. Please retry.'),
};
