// Public surface of the listener data plane (used by the ALB control plane).
export { openListenerServer, REASON_HEADER } from './listener-server.js';
export { albRedirectPage, type HttpAnswer } from './http-answer.js';
export { buildHttpEvent, canonicalHeaderKey, encodeEventBody } from './http-event.js';
export { answerFromOutcome } from './function-response.js';
export type { ListenerRequestInfo, ListenerServer, NoBackendReason, RouteDecision } from './types.js';
