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
   * FC's "ALB triggers" doc says requests ALB forwards to FC must carry a `Date` header; what FC answers without
   * one is not documented. Default false (accept); true answers 400 with a text body.
   */
  requireDateHeader?: boolean;
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
