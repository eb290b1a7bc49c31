import type { Clock } from '../clock.js';
import type { Account } from './auth/accounts.js';
import type { LatencyProfile } from './core/latency.js';

// What the local cloud can be started with: `startLocalCloud({ ... })`, and the CLI's `alb-fc emulator start`
// flags (`--behaviour FILE` overrides `behaviour`). docs/emulator.md names the rules each option changes.

export interface LocalCloudOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Persist the world here and restore it on start; without it, state lives in memory only. */
  dataDir?: string;
  /** Default `none`. */
  latency?: 'none' | 'realistic' | string | LatencyProfile;
  /** Default cn-hangzhou. */
  region?: string;
  accounts?: Account[];
  clock?: Clock;
  /** Caps every page of every paged API, so clients' paging code runs with few resources. */
  maxPageSize?: number;
  behaviour?: Partial<BehaviourOptions>;
  /**
   * Source of randomness, [0, 1): fault probabilities and the weighted choice of a rule's server groups (tests pass
   * a seeded one, so a split over many requests is reproducible).
   */
  random?: () => number;
  onInternalError?: (error: unknown) => void;
}

/** Behaviours no public source settles (docs/emulator.md marks them assumptions): configurable. */
export interface BehaviourOptions {
  /**
   * Code answered when a second function is added to an Fc server group: the FC "ALB triggers" page allows one
   * function per group (https://www.alibabacloud.com/help/en/fc/alb-triggers) but documents no error code.
   */
  secondFunctionErrorCode: string;
  /**
   * Whether ALB accepts FC 3.0 function ARNs in Fc server groups: the ALB use-case page said "Function Compute
   * 3.0 is not supported" (Feb 2025 version), later versions say both are
   * (https://www.alibabacloud.com/help/en/slb/application-load-balancer/use-cases/specify-a-function-from-function-compute-as-a-backend-server-of-alb).
   */
  fc3BackendsSupported: boolean;
  /** Regions where Fc server groups exist; others answer `UnsupportedFeature.FcServerGroup`. */
  fcBackendRegions: string[] | 'all';
  /**
   * Whether FC 3.0's ListTriggers shows an `alb` trigger for each ALB server group the function is in (unless the
   * request carries `x-fc-disable-list-remote-alb-triggers: true`). Inferred from Serverless Devs' FC 3.0 client,
   * which sends that header (devsapp/fc3 src/resources/fc/impl/client.ts): no document describes the trigger.
   */
  listRemoteAlbTriggers: boolean;
  /**
   * Which requests reaching a function through ALB must carry a `Date` header: FC's "ALB triggers" page requires it
   * of FC 2.0 functions (`'fc2'`, the default); `true` for every function, `false` for none.
   */
  requireDateHeader: boolean | 'fc2';
  /** Largest accepted request body, bytes. */
  maxBodyBytes: number;
  /** Largest accepted difference between a request's signed date and the local cloud's clock. */
  maxClockSkewMs: number;
  /** DNS zones the Alidns service seeds in every account. */
  dnsZones: DnsZoneSeed[];
  /**
   * The edition of the load balancer seeded in every account (ListLoadBalancers `LoadBalancerEdition`); it sets the
   * per-rule limits and the rules quota below.
   */
  loadBalancerEdition: LoadBalancerEdition;
  /**
   * Forwarding rules per load balancer, the default rules excluded, by edition: a quota users can raise, so a knob
   * (default quotas of ALB's quota page,
   * https://www.alibabacloud.com/help/en/slb/application-load-balancer/product-overview/alb-quotas-1). A partial
   * object overrides only the editions it names.
   */
  loadBalancerRulesQuota: Partial<Record<LoadBalancerEdition, number>>;
  /**
   * Instances one account may run in a region, provisioned ones included: 100 by default on FC 3.0 ("Specify the
   * maximum number of instances", https://help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/overview-of-configuring-the-maximum-number-of-on-demand-instances;
   * older pages say 300, and Quota Center raises it).
   */
  accountInstanceLimit: number;
  /**
   * What a throttled invocation answers, on InvokeFunction and through ALB: FC's `ResourceExhausted` 429
   * ("concurrency exceeds the limit", FC error codes). What ALB passes on to its client is not documented: the
   * listener answers the same status and FC's error body (assumption).
   */
  throttledInvocation: { status: number; code: string };
  /**
   * A local limit, not FC's: processes one function configuration may start on this machine before further
   * requests wait for one (they are queued, not throttled).
   */
  localInstancesPerFunction: number;
  /**
   * A local setting, not FC's: the Python 3 interpreter that runs python3.x functions. '' looks for the one the
   * runtime names (`python3.10`), then `python3`.
   */
  pythonCommand: string;
}

/** ALB editions (GetLoadBalancerAttributeResponseBody `LoadBalancerEdition`). */
export type LoadBalancerEdition = 'Basic' | 'Standard' | 'StandardWithWaf';

/**
 * An Alidns zone to seed; its edition sets the accepted TTL range (Alidns TTL by edition,
 * https://help.aliyun.com/document_detail/29806.html).
 */
export interface DnsZoneSeed {
  name: string;
  /** Default `free`. */
  edition?: 'free' | 'personal' | 'enterprise_standard' | 'enterprise_ultimate';
}

export const DEFAULT_BEHAVIOUR: BehaviourOptions = {
  secondFunctionErrorCode: 'ResourceQuotaExceeded.ServerAddedNum',
  fc3BackendsSupported: true,
  fcBackendRegions: 'all',
  listRemoteAlbTriggers: true,
  requireDateHeader: 'fc2',
  maxBodyBytes: 100 * 1024 * 1024,
  maxClockSkewMs: 15 * 60 * 1000,
  // One DNS zone, like the procedure's prerequisites (docs/emulator.md, "Seeded resources").
  dnsZones: [{ name: 'example.com', edition: 'free' }],
  loadBalancerEdition: 'Standard',
  loadBalancerRulesQuota: { Basic: 40, Standard: 100, StandardWithWaf: 100 },
  accountInstanceLimit: 100,
  throttledInvocation: { status: 429, code: 'ResourceExhausted' },
  localInstancesPerFunction: 16,
  pythonCommand: '',
};
