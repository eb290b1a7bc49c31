import type { Clock } from '../../clock.js';
import type { Params } from '../api/params.js';
import type { Account, ResolvedKey } from '../auth/accounts.js';
import type { AuthOptions } from '../auth/authenticate.js';
import type { BehaviourOptions } from '../options.js';
import type { Dialect } from './dialect.js';
import type { RequestProtocol, Route, WireRequest } from './protocol.js';
import type { BackendDirectory } from './backend-directory.js';
import type { FunctionDirectory } from './function-directory.js';
import type { Answer } from './http.js';
import type { LatencyProfile } from './latency.js';
import type { PagingLimits } from './paging.js';
import type { World } from './world.js';

// The one shape every service of the local cloud (ALB, FC, Alidns, STS) has, so that the server composes a list
// of them (services/index.ts) and special-cases none. A service says how its requests are read (`protocol`) and
// its answers written (`dialect`), implements its actions (`actions`), and may add admin routes, offer something
// to the other services (`functions`), keep live resources (`start`/`stop`), and show what it holds (`snapshot`,
// `readyFields`, `resolveHost`). The request pipeline (pipeline/pipeline.ts) does the rest: signatures,
// parameter validation from the metadata, ClientToken replay, DryRun, faults, latency, persistence, the call log.

// Kept importable from here for the CLI, which reads the behaviour options.
export type { BehaviourOptions, DnsZoneSeed } from '../options.js';

export type ServiceName = 'alb' | 'fc' | 'alidns' | 'sts' | 'oss';

export interface EmulatedService {
  readonly name: ServiceName;
  /** How a request is recognised as this service's, routed to an action and decoded. */
  readonly protocol: RequestProtocol;
  /** How its answers, errors and RequestIds look on the wire. */
  readonly dialect: Dialect;
  /** Every action it implements, by the name the metadata gives it. */
  readonly actions: ActionTable;
  /**
   * Who signed a request, for a product with its own signature scheme (OSS); without it the pipeline checks the
   * ACS3 and RPC signatures of the POP products and FC (auth/authenticate.ts).
   */
  authenticate?(request: WireRequest, route: Route, options: AuthOptions): ResolvedKey;
  /** Admin routes, keyed `METHOD /_emulator/<service>/...`. */
  readonly adminRoutes?: AdminRoutes;
  /** What it offers the other services: the FC service runs the functions ALB's Fc server groups name. */
  readonly functions?: FunctionDirectory;
  /** And the ALB service tells which of its server groups hold a function (FC lists them as `alb` triggers). */
  readonly backends?: BackendDirectory;
  /** Called once the world is loaded (seed, reopen data-plane servers). */
  start?(env: ServiceEnv): Promise<void>;
  /** Called on reset (before the world is cleared) and on close: release ports, processes. */
  stop?(): Promise<void>;
  /** A JSON view of its resources for GET /_emulator/state. */
  snapshot?(): unknown;
  /** Fields it adds to the ready line / GET /_emulator/info (e.g. `loadBalancers`, `domains`). */
  readyFields?(accountId: string): Record<string, unknown>;
  /** Answers a name for GET /_emulator/resolve and the connectivity path (`host`, `port` as dialled). */
  resolveHost?(host: string, port: number): HostAnswer | undefined;
}

/** The local cloud's services by name. */
export type ServiceSet = Partial<Record<ServiceName, EmulatedService>>;

/** What a service is started with: the shared state and clock, and what the other services offer. */
export interface ServiceEnv {
  world: World;
  clock: Clock;
  region: string;
  accounts: Account[];
  latency: LatencyProfile;
  options: BehaviourOptions;
  /** Directory for extracted function code and other scratch files. */
  workDir: string;
  /** Source of randomness, [0, 1) (option `random`): the weighted choice of a rule's server groups. */
  random: () => number;
  /** The functions the FC service runs, when it is part of the local cloud. */
  functions(): FunctionDirectory | undefined;
  /** The Fc servers of ALB's server groups, when the ALB service is part of the local cloud. */
  backends(): BackendDirectory | undefined;
}

export interface CallContext {
  action: string;
  requestId: string;
  /** The authenticated caller. Resources are scoped to `account.accountId`. */
  account: Account;
  region: string;
  /**
   * The action's parameters, decoded and validated against the metadata, read through typed accessors. RPC:
   * numbers, booleans, lists of objects for `Servers.N.*`, objects for `HealthCheckConfig.*`. ROA: path
   * parameters, query parameters and the JSON body (`params.object('body')`).
   */
  params: Params;
  /** The raw request, for what the metadata does not describe (FC headers, InvokeFunction bytes). */
  http: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: Buffer };
  /**
   * Throws `DryRunOperation` (400) when this is a dry run (`DryRun=true`); call it after business validation,
   * before changing anything.
   */
  checkpoint(): void;
  world: World;
  clock: Clock;
  latency: LatencyProfile;
  paging: PagingLimits;
}

/**
 * An action's answer: a JSON body (the dialect adds RequestId where the product carries it), or raw bytes
 * (InvokeFunction); `json` wins when both are set. Admin routes answer the same way.
 */
export type ApiAnswer = Answer;

export type ActionHandler = (ctx: CallContext) => ApiAnswer | Promise<ApiAnswer>;

export type ActionTable = Record<string, ActionHandler>;

/**
 * An admin route of a service (`METHOD /_emulator/<service>/...`, loopback only, unsigned): what the modelled
 * APIs cannot do, such as seeding resources of kinds no modelled API creates. The admin API (admin/admin.ts)
 * parses the body once and saves the world after a successful change.
 */
export interface AdminRequest {
  url: URL;
  /** The JSON object the request carried (`{}` when it had no body). */
  body: Record<string, unknown>;
  env: ServiceEnv;
}

export type AdminRoute = (request: AdminRequest) => Answer | Promise<Answer>;

/** Routes keyed `METHOD /_emulator/<service>/...`. */
export type AdminRoutes = Record<string, AdminRoute>;

/** A host name the local cloud's DNS answers: another name (CNAME) or a loopback address and port. */
export type HostAnswer = { cname: string } | { address: string; port: number };
