import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { albError } from './errors.js';
import { observe } from './jobs.js';
import { paged } from './listing.js';
import { loadBalancerAttributeShape, loadBalancerListShape, loadBalancerStatus } from './shapes.js';
import type { LoadBalancerRecord } from './state.js';
import { matchesTags } from './tags.js';

// Load balancers (reference alb-api.md §7): GetLoadBalancerAttribute and ListLoadBalancers. The local cloud
// does not model CreateLoadBalancer (not in the metadata alb-fc uses); each account has the seeded one,
// and the admin route `POST /_emulator/alb/load-balancers` adds others (intranet, locked, inactive).

export function findLoadBalancer(call: AlbCall, id: string): LoadBalancerRecord {
  const lb = call.scope.loadBalancers.find((l) => l.id === id);
  if (!lb) throw albError(call.ctx.action, 'ResourceNotFound.LoadBalancer', id);
  return lb;
}

function observeLoadBalancers(call: AlbCall, lbs: LoadBalancerRecord[]): void {
  observe(
    call.scope,
    lbs.filter((lb) => lb.jobId).map((lb) => lb.id),
    call.now,
  );
}

export function getLoadBalancerAttribute(call: AlbCall): ApiAnswer {
  const lb = findLoadBalancer(call, call.ctx.params.LoadBalancerId as string);
  observeLoadBalancers(call, [lb]);
  return { json: loadBalancerAttributeShape(lb) };
}

export function listLoadBalancers(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const ids = params.LoadBalancerIds as string[] | undefined;
  const names = params.LoadBalancerNames as string[] | undefined;
  const vpcs = params.VpcIds as string[] | undefined;
  const lbs = call.scope.loadBalancers.filter(
    (lb) =>
      (!ids?.length || ids.includes(lb.id)) &&
      (!names?.length || names.includes(lb.name)) &&
      (!vpcs?.length || vpcs.includes(lb.vpcId)) &&
      (params.LoadBalancerStatus === undefined || loadBalancerStatus(lb) === params.LoadBalancerStatus) &&
      (params.LoadBalancerBussinessStatus === undefined || lb.businessStatus === params.LoadBalancerBussinessStatus) &&
      (params.AddressType === undefined || lb.addressType === params.AddressType) &&
      (params.AddressIpVersion === undefined || params.AddressIpVersion === 'IPv4') &&
      (params.PayType === undefined || params.PayType === 'PostPay') &&
      (params.ResourceGroupId === undefined || lb.resourceGroupId === params.ResourceGroupId) &&
      (params.ZoneId === undefined || lb.zones.some((z) => z.zoneId === params.ZoneId)) &&
      (params.DNSName === undefined || lb.dnsName === params.DNSName) &&
      matchesTags(lb.tags, params.Tag),
  );
  const { page, envelope } = paged(call, lbs);
  observeLoadBalancers(call, page);
  return { json: { LoadBalancers: page.map(loadBalancerListShape), ...envelope } };
}
