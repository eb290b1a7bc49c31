import type { Clock } from '../../clock.js';
import type { Account } from '../auth/accounts.js';
import type { FcHttpEvent, InvokeOutcome } from '../runtime/types.js';
import type { Answer } from './http.js';
import type { LatencyProfile } from './latency.js';
import type { PagingLimits } from './paging.js';
import type { World } from './world.js';

// What a service of the local cloud (ALB, FC, Alidns, STS) plugs into the shared HTTP core with. The core
// does transport, signatures, parameter validation from metadata, ClientToken replay, DryRun plumbing,
// faults, latency, persistence and the call log; a service implements only the behaviour of its actions.

export type ServiceName = 'alb' | 'fc' | 'alidns' | 'sts';

export interface CallContext {
  action: string;
  requestId: string;
  /** The authenticated caller. Resources are scoped to `account.accountId`. */
  account: Account;
  region: string;
  /**
   * RPC: the action's parameters decoded and validated against the metadata (typed: numbers, booleans,
   * arrays of objects for `Servers.N.*`, objects for `HealthCheckConfig.*`).
   * FC: path parameters, query parameters and the JSON body (under `body`), validated the same way.
   */
  params: Record<string, unknown>;
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
 * An action's answer: a JSON body (RPC services need not add RequestId: the core adds it), or raw bytes
 * (InvokeFunction); `json` wins when both are set. Admin routes answer the same way.
 */
export type ApiAnswer = Answer;

export type ActionHandler = (ctx: CallContext) => ApiAnswer | Promise<ApiAnswer>;

/** An admin request to a service: the body is parsed once, by the admin API (a JSON object, `{}` when empty). */
export interface AdminRequest {
  url: URL;
  body: Record<string, unknown>;
  env: ServiceEnv;
}

/** A host name the local cloud's DNS answers: another name (CNAME) or a loopback address and port. */
export type HostAnswer = { cname: string } | { address: string; port: number };

export interface ServiceModule {
  name: ServiceName;
  /** RPC (`x-acs-action`/`Action` dispatch) or ROA (method + path from the metadata). */
  style: 'rpc' | 'roa';
  actions: Record<string, ActionHandler>;
  /** Called once the world is loaded (seed, restore data-plane servers). */
  start?(env: ServiceEnv): Promise<void>;
  /** Called on reset (before the world is cleared) and on close: release ports, processes. */
  stop?(): Promise<void>;
  /** A JSON view of this service's resources for GET /_emulator/state. */
  snapshot?(): unknown;
  /** Fields this service adds to the ready line / GET /_emulator/info (e.g. `loadBalancers`, `domains`). */
  readyFields?(accountId: string): Record<string, unknown>;
  /**
   * Extra admin routes of this service, keyed `METHOD /_emulator/<service>/...` (loopback only, unsigned),
   * e.g. seeding resources the modelled APIs cannot create. A route throwing `AdminInputError` answers 400;
   * the world is saved after every successful change (2xx, not GET).
   */
  adminRoutes?: Record<string, (request: AdminRequest) => ApiAnswer | Promise<ApiAnswer>>;
  /** Answers a name for GET /_emulator/resolve and the connectivity path (`host`, `port` as dialled). */
  resolveHost?(host: string, port: number): HostAnswer | undefined;
}

/** What services receive at start: shared state and every other service (the ALB data plane needs FC). */
export interface ServiceEnv {
  world: World;
  clock: Clock;
  region: string;
  accounts: Account[];
  latency: LatencyProfile;
  options: BehaviourOptions;
  /** Directory for extracted function code and other scratch files. */
  workDir: string;
  services: Partial<Record<ServiceName, ServiceModule>>;
}

/** Behaviours the reference marks [I] or [?]: configurable, documented in docs/emulator.md. */
export interface BehaviourOptions {
  /** Code answered when a second function is added to an Fc server group (reference alb-api.md §3.3 [?]). */
  secondFunctionErrorCode: string;
  /** Whether ALB accepts FC 3.0 function ARNs in Fc server groups (peer-tools.md §0: docs disagree). */
  fc3BackendsSupported: boolean;
  /** Regions where Fc server groups exist; others answer `UnsupportedFeature.FcServerGroup` ([?]). */
  fcBackendRegions: string[] | 'all';
  /** Require a `Date` header on requests reaching a function through ALB (FC "ALB triggers" doc). */
  requireDateHeader: boolean;
  /** Largest accepted request body, bytes. */
  maxBodyBytes: number;
  /** Largest accepted difference between a request's signed date and the local cloud's clock. */
  maxClockSkewMs: number;
  /** DNS zones the Alidns service seeds in every account. */
  dnsZones: DnsZoneSeed[];
}

/** An Alidns zone to seed; its edition sets the accepted TTL range (fc-dns-sts-auth.md §C.5). */
export interface DnsZoneSeed {
  name: string;
  /** Default `free`. */
  edition?: 'free' | 'personal' | 'enterprise_standard' | 'enterprise_ultimate';
}

/** A function as another service refers to it (ALB Fc backends name functions by ARN). */
export interface FunctionRef {
  accountId: string;
  region: string;
  name: string;
  /** The ARN as given (possibly qualified, possibly FC 2.0). */
  arn: string;
  fcVersion: 'v3' | 'v2';
  qualifier?: string;
}

/** A function found by ARN, ready to run: what one data-plane request needs, looked up once. */
export interface FunctionHandle {
  ref: FunctionRef;
  /** Runs the function with the FC 3.0 HTTP event (reference §A.9) through the shared runtime. */
  invoke(event: FcHttpEvent): Promise<InvokeOutcome>;
}

/**
 * What the FC service offers the ALB service: whether an ARN names an existing function of the caller,
 * and running it for a data-plane request. Implemented by the FC service module (`functions` field).
 */
export interface FunctionDirectory {
  findByArn(accountId: string, arn: string): FunctionRef | undefined;
  /** `findByArn` with the function bound for invocation. */
  target(accountId: string, arn: string): FunctionHandle | undefined;
  /** Runs the function `ref` names with `event`; undefined when it no longer exists. */
  invoke(ref: FunctionRef, event: FcHttpEvent): Promise<InvokeOutcome | undefined>;
}

export function functionDirectoryOf(services: ServiceEnv['services']): FunctionDirectory | undefined {
  const fc = services.fc as (ServiceModule & { functions?: FunctionDirectory }) | undefined;
  return fc?.functions;
}

/** Thrown by an admin route for a request it cannot take: the admin API answers 400 `{error: message}`. */
export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}

/** An admin request's `accountId`: one of the local cloud's accounts, the first by default. */
export function accountIdOf(env: ServiceEnv, value: unknown): string {
  const accountId = value === undefined ? env.accounts[0]?.accountId : value;
  if (typeof accountId !== 'string' || !env.accounts.some((account) => account.accountId === accountId)) {
    throw new AdminInputError(`unknown account ${String(accountId)}`);
  }
  return accountId;
}
