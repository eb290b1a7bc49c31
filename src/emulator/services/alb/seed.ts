import { accountResourceGroupId, derivedId } from '../../core/ids.js';
import type { LoadBalancerRecord, ScopeState } from './state.js';

// The procedure's prerequisite (docs/emulator.md, "Seeded resources": one internet-facing, Active ALB
// instance): every account gets one internet-facing, Active ALB in the local cloud's region, of the edition
// `behaviour.loadBalancerEdition` names (Standard by default). Its ids derive from the account and region, so the ready line stays the same across resets and
// restarts. The DNS name is `<LoadBalancerId>.<region>.alb.aliyuncs.com` (GetLoadBalancerAttributeResponseBody
// `DNSName` example).

function dnsNameOf(loadBalancerId: string, region: string): string {
  return `${loadBalancerId}.${region}.alb.aliyuncs.com`;
}

interface LoadBalancerSeed {
  id?: string;
  name?: string;
  addressType?: 'Internet' | 'Intranet';
  edition?: LoadBalancerRecord['edition'];
  baseStatus?: LoadBalancerRecord['baseStatus'];
  businessStatus?: LoadBalancerRecord['businessStatus'];
}

export function makeLoadBalancer(
  accountId: string,
  region: string,
  createdAt: number,
  seed: LoadBalancerSeed = {},
): LoadBalancerRecord {
  const id = seed.id ?? derivedId('alb', `alb|${accountId}|${region}`);
  const vpcId = derivedId('vpc', `vpc|${accountId}|${region}`, 20);
  const internet = (seed.addressType ?? 'Internet') === 'Internet';
  // Two zones, as ALB requires at least two (CreateLoadBalancer ZoneMappings); addresses are from the
  // documentation ranges (RFC 5737) since the local cloud routes by name, never by these addresses.
  const zones = ['a', 'b'].map((suffix, index) => ({
    zoneId: `${region}-${suffix}`,
    vSwitchId: derivedId('vsw', `vsw|${id}|${suffix}`, 20),
    address: internet ? `203.0.113.${10 + index}` : `192.168.0.${10 + index}`,
    intranetAddress: `192.168.0.${10 + index}`,
  }));
  return {
    id,
    name: seed.name ?? 'alb-fc-local',
    regionId: region,
    dnsName: dnsNameOf(id, region),
    addressType: internet ? 'Internet' : 'Intranet',
    edition: seed.edition ?? 'Standard',
    vpcId,
    zones,
    baseStatus: seed.baseStatus ?? 'Active',
    businessStatus: seed.businessStatus ?? 'Normal',
    resourceGroupId: accountResourceGroupId(accountId),
    tags: [],
    createdAt,
  };
}

/** A new scope; `edition` set when it gets the seeded load balancer (the local cloud's own region). */
export function seededScope(
  accountId: string,
  region: string,
  createdAt: number,
  edition: LoadBalancerRecord['edition'] | undefined,
): ScopeState {
  return {
    accountId,
    region,
    loadBalancers: edition ? [makeLoadBalancer(accountId, region, createdAt, { edition })] : [],
    serverGroups: [],
    listeners: [],
    rules: [],
    jobs: [],
  };
}
