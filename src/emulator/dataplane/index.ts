// Public surface of the listener data plane (used by the ALB control plane).
export { openListenerServer, REASON_HEADER } from './listener-server.js';
export { buildHttpEvent, encodeEventBody, type HttpEventInput } from './http-event.js';
export { answerFromOutcome } from './function-response.js';
export { albErrorPage, type HttpAnswer } from './http-answer.js';
export { DEFAULT_MAX_BODY_BYTES } from './read-body.js';
export type {
  FunctionTarget,
  ListenerRequestInfo,
  ListenerServer,
  ListenerServerOptions,
  NoBackendReason,
  RouteDecision,
  RouteFunction,
} from './types.js';
