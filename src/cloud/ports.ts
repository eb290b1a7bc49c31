// The only cloud calls alb-fc makes, in plain domain types. Steps depend on these ports; the adapters in
// src/cloud/sdk/ implement them with the official SDK clients. Every method either resolves with the
// answer or rejects with a CloudError (src/cloud/errors.ts) carrying the cloud's code and RequestId.
// "Not found" on a read is an answer (undefined), not an error.
import type { Service } from './errors.js';

export type Tags = Record<string, string>;

/** One request on the wire, as the adapters observe it (for --verbose): never its parameters or credentials. */
export interface ApiCall {
  service: Service;
  /** The wire action, e.g. `CreateServerGroup`. */
  action: string;
  ms: number;
  requestId?: string;
  cloudCode?: string;
  /** The HTTP status, when an answer came. */
  status?: number;
}

// ---------- Function Compute 3.0 (2023-03-30) ----------

export interface FunctionSpec {
  name: string;
  runtime: string;
  handler: string;
  /** The deployment package: a ZIP archive (sent as `code.zipFile`, base64). */
  zipFile: Buffer;
  memorySize: number;
  timeout: number;
  /** vCPU per instance; FC chooses one for the memory size when absent. */
  cpu?: number;
  /** Requests one instance serves at once (custom runtimes only above 1). */
  instanceConcurrency?: number;
  description?: string;
  tags: Tags;
}

export type FunctionUpdate = Omit<FunctionSpec, 'name' | 'tags'>;

export interface FunctionInfo {
  name: string;
  /** `acs:fc:{region}:{accountId}:functions/{name}` */
  arn: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  /** vCPU per instance, as FC reports it (it picks one when none was asked for). */
  cpu?: number;
  /** Absent when FC reports none (built-in runtimes serve one request per instance). */
  instanceConcurrency?: number;
  description: string;
  /** CRC-64/ECMA-182 of the ZIP, as FC reports it (decimal string). */
  codeChecksum: string;
  codeSize: number;
  /** `Pending` | `Active` | `Inactive` | `Failed` */
  state: string;
  /** `Successful` | `InProgress` | `Failed` */
  lastUpdateStatus: string;
  tags: Tags;
}

export interface TriggerInfo {
  name: string;
  /** `http` | `timer` | `oss` | … (CreateTriggerInput.d.ts) */
  type: string;
  /** `LATEST`, a version or an alias. */
  qualifier: string;
}

/** What InvokeFunction answered (`@alicloud/fc20230330 InvokeFunctionResponse`): the function's output as is. */
export interface InvocationResult {
  statusCode: number;
  body: Buffer;
  requestId?: string;
  /** `x-fc-error-type` (e.g. `UnhandledInvocationError`): the function failed; `body` holds its error. */
  errorType?: string;
  /** `x-fc-invocation-duration`, ms. */
  durationMs?: number;
  /** The log tail FC returns for `x-fc-log-type: Tail` (`x-fc-log-result`, base64-decoded). */
  log?: string;
}

/** The provisioned instances of a function's LATEST (GetProvisionConfig): none is `target` 0. */
export interface ProvisionInfo {
  /** Instances asked for. */
  target: number;
  /** Instances started so far (it follows `target` up and down over time). */
  current: number;
  /** Why instances could not be started (`currentError`), when FC says. */
  error?: string;
}

export interface FunctionsPort {
  get(name: string): Promise<FunctionInfo | undefined>;
  /**
   * The deployed code package of LATEST (GetFunctionCode gives a URL, the ZIP is downloaded from it and checked
   * against its CRC-64); undefined when the function does not exist.
   */
  getCode(name: string): Promise<Buffer | undefined>;
  /** Runs the function once, synchronously, with `payload` as its event, asking for the log tail. */
  invoke(name: string, request: { payload: Buffer; qualifier?: string }): Promise<InvocationResult>;
  /** The function's triggers (ListTriggers, all pages); undefined when the function does not exist. */
  listTriggers(name: string): Promise<TriggerInfo[] | undefined>;
  create(spec: FunctionSpec): Promise<FunctionInfo>;
  update(name: string, update: FunctionUpdate): Promise<FunctionInfo>;
  /** Resolves `absent` when the function was already gone. */
  delete(name: string): Promise<'deleted' | 'absent'>;
  /** Functions carrying every tag in `tags` (ListFunctions with a tag filter, all pages). */
  listByTags(tags: Tags): Promise<FunctionInfo[]>;

  /** GetConcurrencyConfig: the reserved concurrency; undefined when none is set or the function is gone. */
  getReservedConcurrency(name: string): Promise<number | undefined>;
  /** PutConcurrencyConfig. */
  setReservedConcurrency(name: string, reservedConcurrency: number): Promise<void>;
  /** DeleteConcurrencyConfig; `absent` when the function is gone. */
  clearReservedConcurrency(name: string): Promise<'deleted' | 'absent'>;
  /** GetProvisionConfig of LATEST; undefined when the function is gone. */
  getProvisioned(name: string): Promise<ProvisionInfo | undefined>;
  /** PutProvisionConfig of LATEST. */
  setProvisioned(name: string, target: number): Promise<ProvisionInfo>;
  /** DeleteProvisionConfig of LATEST (its instances stop over time: `getProvisioned` shows `current`); `absent` when the function is gone. */
  clearProvisioned(name: string): Promise<'deleted' | 'absent'>;
}

// ---------- ALB (2020-06-16) ----------

export interface LoadBalancerInfo {
  id: string;
  name: string;
  /** The CNAME target, e.g. `alb-xxx.cn-hangzhou.alb.aliyuncs.com`. */
  dnsName: string;
  /** `Active` | `Provisioning` | `Configuring` | `Inactive` | `CreateFailed` */
  status: string;
  addressType: 'Internet' | 'Intranet' | string;
  regionId: string;
  /** `Basic` | `Standard` | `StandardWithWaf` (LoadBalancerEdition): the rule limits differ by edition. */
  edition?: string;
}

export interface ServerGroupInfo {
  id: string;
  name: string;
  /** `Fc` | `Instance` | `Ip` */
  type: string;
  /** `Creating` | `Available` | `Configuring` | `Deleting` */
  status: string;
  healthCheckEnabled: boolean;
  tags: Tags;
}

export interface BackendServer {
  serverGroupId: string;
  /** For `Fc` servers: the function ARN. */
  serverId: string;
  serverType: string;
  /** `Adding` | `Available` | `Configuring` | `Removing` */
  status: string;
}

export interface ListenerInfo {
  id: string;
  loadBalancerId: string;
  port: number;
  protocol: string;
  /** `Provisioning` | `Running` | `Configuring` | `Stopped` | `Deleting` */
  status: string;
  /** Server groups of the default ForwardGroup action. */
  forwardServerGroupIds: string[];
  tags: Tags;
  /** Seconds ALB waits for a backend's answer before a 504 (`RequestTimeout`, default 60). */
  requestTimeout?: number;
}

/** A forwarding rule's match: the Host and Path conditions alb-fc writes (one value each). */
export interface RuleMatch {
  host?: string;
  path?: string;
}

/** A rule's final action as alb-fc writes it: forward with weights, or a fixed response. */
export type RuleAction =
  | { type: 'forward'; targets: Array<{ serverGroupId: string; weight: number }> }
  | { type: 'fixed-response'; status: number; content: string };

export interface RuleInfo {
  id: string;
  listenerId: string;
  name: string;
  priority: number;
  /** `Provisioning` | `Configuring` | `Available` */
  status: string;
  match: RuleMatch;
  /** Undefined for an action alb-fc does not write (Redirect, Rewrite, …): such a rule is not alb-fc's shape. */
  action: RuleAction | undefined;
  /** Condition types other than Host and Path (another tool's rule). */
  otherConditions: string[];
  tags: Tags;
}

export interface RuleSpecRequest {
  name: string;
  priority: number;
  match: RuleMatch;
  action: RuleAction;
}

export interface AsyncJob {
  id: string;
  status: 'Processing' | 'Succeeded' | 'Failed' | string;
  errorCode?: string;
  errorMessage?: string;
}

/** Every mutating ALB call carries a ClientToken so that a retried or resumed call replays, never duplicates. */
export interface Idempotent {
  clientToken: string;
}

export interface AlbPort {
  getLoadBalancer(id: string): Promise<LoadBalancerInfo | undefined>;
  listLoadBalancers(): Promise<LoadBalancerInfo[]>;

  createServerGroup(req: Idempotent & { name: string; healthCheckEnabled: boolean; tags: Tags }): Promise<{
    id: string;
    jobId: string;
  }>;
  getServerGroup(id: string): Promise<ServerGroupInfo | undefined>;
  /** Server groups matching every tag (ListServerGroups with Tag filters, all pages). */
  listServerGroupsByTags(tags: Tags): Promise<ServerGroupInfo[]>;
  deleteServerGroup(req: Idempotent & { id: string }): Promise<{ jobId: string } | 'absent'>;

  addFunction(req: Idempotent & { serverGroupId: string; functionArn: string }): Promise<{ jobId: string }>;
  removeFunction(
    req: Idempotent & { serverGroupId: string; functionArn: string },
  ): Promise<{ jobId: string } | 'absent'>;
  listServers(serverGroupId: string): Promise<BackendServer[]>;

  createListener(
    req: Idempotent & { loadBalancerId: string; port: number; protocol: 'HTTP'; serverGroupId: string; tags: Tags },
  ): Promise<{ id: string; jobId: string }>;
  getListener(id: string): Promise<ListenerInfo | undefined>;
  listListeners(loadBalancerId: string): Promise<ListenerInfo[]>;
  deleteListener(req: Idempotent & { id: string }): Promise<{ jobId: string } | 'absent'>;
  /** UpdateListenerAttribute: the default action's server group, changed in place (the rules stay). */
  setListenerDefaultGroup(req: Idempotent & { id: string; serverGroupId: string }): Promise<{ jobId: string }>;

  /** Every rule of a listener (ListRules, all pages), in any state. */
  listRules(listenerId: string): Promise<RuleInfo[]>;
  createRule(
    req: Idempotent & RuleSpecRequest & { listenerId: string; tags: Tags },
  ): Promise<{ id: string; jobId: string }>;
  updateRule(req: Idempotent & RuleSpecRequest & { id: string }): Promise<{ jobId: string }>;
  deleteRule(req: Idempotent & { id: string }): Promise<{ jobId: string } | 'absent'>;

  getJob(jobId: string): Promise<AsyncJob | undefined>;
}

// ---------- Alibaba Cloud DNS (Alidns 2015-01-09) ----------

export interface DnsRecord {
  /** A string, as Alidns returns it. */
  id: string;
  zone: string;
  /** Host record relative to the zone (`@` for the apex). */
  rr: string;
  type: string;
  value: string;
  ttl: number;
  line: string;
  status: string;
  remark: string;
}

export interface DnsPort {
  /** Every zone (domain) in the account, all pages. */
  listZones(): Promise<string[]>;
  /** Every record of `rr` in `zone`, all types, all pages. */
  listRecords(zone: string, rr: string): Promise<DnsRecord[]>;
  addRecord(req: { zone: string; rr: string; type: string; value: string; ttl: number }): Promise<{ id: string }>;
  updateRecord(req: { id: string; rr: string; type: string; value: string; ttl: number }): Promise<void>;
  setRemark(id: string, remark: string): Promise<void>;
  deleteRecord(id: string): Promise<'deleted' | 'absent'>;
}

// ---------- STS (2015-04-01) ----------

export interface CallerIdentity {
  accountId: string;
  arn: string;
  identityType: string;
}

export interface IdentityPort {
  whoami(): Promise<CallerIdentity>;
}

export interface CloudPorts {
  region: string;
  functions: FunctionsPort;
  alb: AlbPort;
  dns: DnsPort;
  identity: IdentityPort;
  network: NetworkPort;
}

// ---------- The network path of the connectivity test ----------

export interface Route {
  /** The names followed to get there, e.g. `['api.example.com', 'alb-x.cn-hangzhou.alb.aliyuncs.com']`. */
  chain: string[];
  address: string;
  port: number;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * How the connectivity test reaches a host. Against Alibaba Cloud: the system resolver and the internet.
 * Against the local cloud: its DNS records and the loopback port of the emulated listener.
 */
export interface NetworkPort {
  /** Where a connection to `host:port` goes; undefined when the name does not resolve (yet). */
  resolve(host: string, port: number): Promise<Route | undefined>;
  /** HTTP GET `url`, connecting to `route` when given (like curl --connect-to), with the `Host` of the URL. */
  get(
    url: string,
    options: {
      route?: Route;
      hostHeader?: string;
      /** Extra request headers (the connectivity test sends `Date`, which FC behind ALB requires). */
      headers?: Record<string, string>;
      timeoutMs: number;
      signal?: AbortSignal;
    },
  ): Promise<HttpResponse>;
}
