import type { ApiSpec } from '../metadata/index.js';
import type { ErrorStyle } from '../api/api-error.js';

// How a service's requests are read: whether a request is addressed to it, which of its actions it calls, and
// the action's parameters. Alibaba's POP products are RPC (action named by `x-acs-action` / `Action`,
// parameters flattened into the query or a form body: wire/rpc-protocol.ts); FC 3.0 is ROA (action named by
// method and path: wire/roa-protocol.ts). A REST-path service (OSS) is a third implementation of this interface.

/** A request as the pipeline parsed it (pipeline/parse.ts). */
export interface WireRequest {
  method: string;
  /** As received: path and query. */
  url: string;
  path: string;
  /** Query parameters in arrival order, decoded. */
  query: Array<[string, string]>;
  /** `application/x-www-form-urlencoded` body parameters in arrival order, decoded. */
  form: Array<[string, string]>;
  /** Lower-case names, one value each. */
  headers: Record<string, string>;
  /** Empty when the body was over the limit (not read). */
  body: Buffer;
  /** The first value of a query or form parameter. */
  param(name: string): string | undefined;
}

/** The API a request calls. */
export interface Route {
  action: string;
  api: ApiSpec;
  /** Values of the path template's `{name}` segments, decoded. */
  pathParams: Record<string, string>;
}

export interface DecodedParams {
  /** The action's parameters, typed and checked against the metadata. */
  values: Record<string, unknown>;
  /**
   * The request's own parameters as sent (common parameters left out): what a ClientToken is bound to.
   * Absent for protocols whose APIs take no ClientToken.
   */
  fingerprint?: Record<string, string>;
}

export interface RequestProtocol {
  /**
   * How the request names this service: by its API version (`x-acs-version` / `Version`), which wins, or only
   * by its path; undefined when it is not addressed to this service.
   */
  recognise(request: WireRequest): 'version' | 'path' | undefined;
  /** The action called; throws the service's ApiError for an unknown action or path. */
  route(request: WireRequest, implemented: (action: string) => boolean): Route;
  /** The action's parameters; throws the validation error of `style` for a missing or invalid one. */
  decode(route: Route, request: WireRequest, style: ErrorStyle): DecodedParams;
}
