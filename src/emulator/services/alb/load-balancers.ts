import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { albError } from './errors.js';
import { observe } from './jobs.js';
import { paged } from './listing.js';
import { loadBalancerAttributeShape, loadBalancerListShape, loadBalancerStatus } from './shapes.js';
import type { LoadBalancerRecord } from './state.js';
import { matchesTags, tagFilter } from './tags.js';

// Load balancers (`@alicloud/alb20200616` GetLoadBalancerAttributeResponseBody, ListLoadBalancersRequest):
// GetLoadBalancerAttribute and ListLoadBalancers. The local cloud
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
  const lb = findLoadBalancer(call, call.ctx.params.requiredString('LoadBalancerId'));
  observeLoadBalancers(call, [lb]);
  return { json: loadBalancerAttributeShape(lb) };
}

export function listLoadBalancers(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const ids = params.strings('LoadBalancerIds');
  const names = params.strings('LoadBalancerNames');
  const vpcs = params.strings('VpcIds');
  const status = params.string('LoadBalancerStatus');
  const businessStatus = params.string('LoadBalancerBussinessStatus');
  const addressType = params.string('AddressType');
  const ipVersion = params.string('AddressIpVersion');
  const payType = params.string('PayType');
  const resourceGroupId = params.string('ResourceGroupId');
  const zoneId = params.string('ZoneId');
  const dnsName = params.string('DNSName');
  const tags = tagFilter(params);
  const lbs = call.scope.loadBalancers.filter(
    (lb) =>
      (!ids?.length || ids.includes(lb.id)) &&
      (!names?.length || names.includes(lb.name)) &&
      (!vpcs?.length || vpcs.includes(lb.vpcId)) &&
      (status === undefined || loadBalancerStatus(lb) === status) &&
      (businessStatus === undefined || lb.businessStatus === businessStatus) &&
      (addressType === undefined || lb.addressType === addressType) &&
      (ipVersion === undefined || ipVersion === 'IPv4') &&
      (payType === undefined || payType === 'PostPay') &&
      (resourceGroupId === undefined || lb.resourceGroupId === resourceGroupId) &&
      (zoneId === undefined || lb.zones.some((z) => z.zoneId === zoneId)) &&
      (dnsName === undefined || lb.dnsName === dnsName) &&
      matchesTags(lb.tags, tags),
  );
  const { page, envelope } = paged(call, lbs);
  observeLoadBalancers(call, page);
  return { json: { LoadBalancers: page.map(loadBalancerListShape), ...envelope } };
}
