// What the ALB control plane tells the data plane about a request: the function that answers it, or why none
// can. The control plane owns listeners, server groups and functions; the data plane only asks per request.
import type { IncomingHttpHeaders } from 'node:http';
import type { FcHttpEvent, InvokeOutcome } from '../runtime/index.js';
import type { HttpAnswer } from './http-answer.js';

export interface ListenerRequestInfo {
  method: string;
  /** Path and query as sent, e.g. `/a/b?x=1`. */
  url: string;
  /** `Host` header, port included when the client sent one. */
  host: string | undefined;
  headers: IncomingHttpHeaders;
}

/** Why no backend answers; every reason becomes ALB's 503 (the reason is only shown in an emulator header). */
export type NoBackendReason =
  | 'ListenerNotFound'
  | 'ListenerNotRunning'
  | 'NoServerGroup'
  | 'ServerGroupEmpty'
  | 'ServerNotAvailable'
  | 'FunctionNotFound';

export interface FunctionTarget {
  /** Runs the function with the request's FC 3.0 HTTP event; a `RuntimeError` when it cannot run. */
  invoke(event: FcHttpEvent): Promise<InvokeOutcome>;
  /** For the event's `requestContext.accountId`. */
  accountId: string;
  /** The load balancer's DNS name: the event's `domainName` when the request has no `Host`. */
  dnsName?: string;
  /** The listener's RequestTimeout as it is now (UpdateListenerAttribute may change it after the server opened). */
  requestTimeoutMs?: number;
  /** FC 2.0 or FC 3.0: FC 2.0 functions behind ALB need a `Date` header on every request. */
  fcVersion?: 'v2' | 'v3';
}

/**
 * The function that answers, why none can (ALB's 503), or the answer ALB gives itself (a rule's FixedResponse or
 * Redirect action).
 */
export type RouteDecision = { target: FunctionTarget } | { noBackend: NoBackendReason } | { answer: HttpAnswer };

export type RouteFunction = (request: ListenerRequestInfo) => RouteDecision | Promise<RouteDecision>;

export interface ListenerServerOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  route: RouteFunction;
  /**
   * FC's "ALB triggers" page says requests ALB forwards to an FC 2.0 function must carry a `Date` header; what FC
   * answers without one is not documented. `'fc2'`: required for FC 2.0 targets; true: for every target; false
   * (the default here): for none. Refused requests get 400 with a text body.
   */
  requireDateHeader?: boolean | 'fc2';
  /** Request body limit. Default 6 MB (assumption: FC's synchronous invocation payload limit). */
  maxBodyBytes?: number;
  /** ALB listener `RequestTimeout` (default 60 s): no answer by then → 504. */
  requestTimeoutMs?: number;
  /** ALB listener `IdleTimeout` (default 15 s) for keep-alive connections. */
  idleTimeoutMs?: number;
  /** Clock for the event's time and request ids. */
  now?: () => number;
}

export interface ListenerServer {
  host: string;
  port: number;
  /** Stops accepting, drops open connections, resolves when the server is closed (bounded). */
  close(): Promise<void>;
}
