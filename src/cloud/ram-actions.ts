// The RAM permission each port method needs: one row per method of ports.ts and object-store.ts, so that
// `alb-fc policy` (src/cloud/ram-policy.ts) lists exactly the calls alb-fc makes. TypeScript refuses a port method
// without a row, and test/unit/ram-actions.test.ts checks the rows against the adapters' methods.
//
// Resources are ARN templates, filled by ram-policy.ts: {region}, {account}, {loadBalancer}, {function}, {zone},
// {bucket}, {prefix} (the state prefix with its trailing slash), {stack}. A row names `*` only for an action its service does not authorize per resource, as the RAM
// pages say: list and query actions ("All Resources"), and FC 3.0's CreateFunction.
// - ALB (RamCode alb, resource level): https://www.alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-ram
//   ARNs acs:alb:{region}:{account}:loadbalancer|servergroup|listener|rule/{id}, as in the sample policies of
//   https://www.alibabacloud.com/help/en/slb/security-and-compliance/permissions-policies-and-examples-2; the ids of
//   server groups, listeners and rules are minted at creation, so they are authorized as `<type>/*` in the region.
// - FC 3.0 (RamCode fc, resource level): https://www.alibabacloud.com/help/en/functioncompute/fc/developer-reference/api-fc-2023-03-30-ram;
//   CreateFunction authorizes "All Resources" (https://help.aliyun.com/zh/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-createfunction).
// - Alidns: records are authorized on their zone, acs:alidns:*:{account}:domain/{zone}
//   (https://alibabacloud.com/help/en/dns/ram-authorization); DescribeDomains on `*`
//   (https://alibabacloud.com/help/en/dns/permission-management).
// - OSS: objects acs:oss:*:{account}:{bucket}/{key}, ListObjects on the bucket with an oss:Prefix condition
//   (https://www.alibabacloud.com/help/en/oss/user-guide/authorization-syntax-and-elements,
//   https://www.alibabacloud.com/help/en/resource-access-management/latest/list-and-read-resources-in-a-bucket).
import type { ObjectStorePort } from './object-store.js';
import type { AlbPort, DnsPort, FunctionsPort, IdentityPort, NetworkPort } from './ports.js';

export interface RamGrant {
  /** `service:Action` */
  action: string;
  /** ARN templates, or `*`. */
  resources: readonly string[];
  /** A condition the grant is given under (OSS ListObjects: the prefix). */
  condition?: Record<string, Record<string, readonly string[]>>;
}

/** A port method that needs no RAM permission, and why. */
export interface NoGrant {
  action: null;
  why: string;
}

type Methods<Port> = {
  [K in keyof Port as Port[K] extends (...args: never[]) => unknown ? K : never]: RamGrant | NoGrant;
};

const ANY = ['*'] as const;
const LOAD_BALANCER = ['acs:alb:{region}:{account}:loadbalancer/{loadBalancer}'] as const;
const SERVER_GROUPS = ['acs:alb:{region}:{account}:servergroup/*'] as const;
const LISTENERS = ['acs:alb:{region}:{account}:listener/*'] as const;
const RULES = ['acs:alb:{region}:{account}:rule/*'] as const;
const FUNCTION = ['acs:fc:{region}:{account}:functions/{function}'] as const;
const ZONE = ['acs:alidns:*:{account}:domain/{zone}'] as const;
// The stack's state, its lock and takeover markers (src/state/oss-lock.ts): `<stack>.state.json`, `<stack>.lock*`.
const STATE_OBJECTS = ['acs:oss:*:{account}:{bucket}/{prefix}{stack}.*'] as const;

export const RAM_ACTIONS = {
  functions: {
    get: { action: 'fc:GetFunction', resources: FUNCTION },
    getCode: { action: 'fc:GetFunctionCode', resources: FUNCTION },
    listTriggers: {
      action: 'fc:ListTriggers',
      resources: [...FUNCTION, 'acs:fc:{region}:{account}:functions/{function}/triggers/*'],
    },
    create: { action: 'fc:CreateFunction', resources: ANY },
    update: { action: 'fc:UpdateFunction', resources: FUNCTION },
    delete: { action: 'fc:DeleteFunction', resources: FUNCTION },
    listByTags: { action: 'fc:ListFunctions', resources: ANY },
    invoke: { action: 'fc:InvokeFunction', resources: FUNCTION },
    getReservedConcurrency: { action: 'fc:GetConcurrencyConfig', resources: FUNCTION },
    setReservedConcurrency: { action: 'fc:PutConcurrencyConfig', resources: FUNCTION },
    clearReservedConcurrency: { action: 'fc:DeleteConcurrencyConfig', resources: FUNCTION },
    getProvisioned: { action: 'fc:GetProvisionConfig', resources: FUNCTION },
    setProvisioned: { action: 'fc:PutProvisionConfig', resources: FUNCTION },
    clearProvisioned: { action: 'fc:DeleteProvisionConfig', resources: FUNCTION },
  } satisfies Methods<FunctionsPort>,
  alb: {
    getLoadBalancer: { action: 'alb:GetLoadBalancerAttribute', resources: LOAD_BALANCER },
    listLoadBalancers: { action: 'alb:ListLoadBalancers', resources: ANY },
    createServerGroup: { action: 'alb:CreateServerGroup', resources: SERVER_GROUPS },
    getServerGroup: { action: 'alb:ListServerGroups', resources: ANY },
    listServerGroupsByTags: { action: 'alb:ListServerGroups', resources: ANY },
    deleteServerGroup: { action: 'alb:DeleteServerGroup', resources: SERVER_GROUPS },
    addFunction: { action: 'alb:AddServersToServerGroup', resources: SERVER_GROUPS },
    removeFunction: { action: 'alb:RemoveServersFromServerGroup', resources: SERVER_GROUPS },
    listServers: { action: 'alb:ListServerGroupServers', resources: ANY },
    createListener: { action: 'alb:CreateListener', resources: [...LOAD_BALANCER, ...LISTENERS] },
    getListener: { action: 'alb:GetListenerAttribute', resources: LISTENERS },
    listListeners: { action: 'alb:ListListeners', resources: ANY },
    deleteListener: { action: 'alb:DeleteListener', resources: LISTENERS },
    getJob: { action: 'alb:ListAsynJobs', resources: ANY },
    createRule: { action: 'alb:CreateRule', resources: [...LISTENERS, ...RULES] },
    updateRule: { action: 'alb:UpdateRuleAttribute', resources: RULES },
    deleteRule: { action: 'alb:DeleteRule', resources: RULES },
    listRules: { action: 'alb:ListRules', resources: ANY },
    setListenerDefaultGroup: { action: 'alb:UpdateListenerAttribute', resources: LISTENERS },
  } satisfies Methods<AlbPort>,
  dns: {
    listZones: { action: 'alidns:DescribeDomains', resources: ANY },
    listRecords: { action: 'alidns:DescribeSubDomainRecords', resources: ZONE },
    addRecord: { action: 'alidns:AddDomainRecord', resources: ZONE },
    updateRecord: { action: 'alidns:UpdateDomainRecord', resources: ZONE },
    setRemark: { action: 'alidns:UpdateDomainRecordRemark', resources: ZONE },
    deleteRecord: { action: 'alidns:DeleteDomainRecord', resources: ZONE },
  } satisfies Methods<DnsPort>,
  identity: {
    // https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-getcalleridentity
    whoami: { action: null, why: 'STS GetCallerIdentity answers any signed caller; it needs no permission' },
  } satisfies Methods<IdentityPort>,
  network: {
    resolve: { action: null, why: 'name resolution, not an Alibaba Cloud API' },
    get: { action: null, why: 'an HTTP request to the deployed endpoint, not an Alibaba Cloud API' },
  } satisfies Methods<NetworkPort>,
  objects: {
    get: { action: 'oss:GetObject', resources: STATE_OBJECTS },
    put: { action: 'oss:PutObject', resources: STATE_OBJECTS },
    delete: { action: 'oss:DeleteObject', resources: STATE_OBJECTS },
    list: {
      action: 'oss:ListObjects',
      resources: ['acs:oss:*:{account}:{bucket}'],
      condition: { StringLike: { 'oss:Prefix': ['{prefix}{stack}.lock*'] } },
    },
  } satisfies Methods<ObjectStorePort>,
} as const;

export type RamPortName = keyof typeof RAM_ACTIONS;
