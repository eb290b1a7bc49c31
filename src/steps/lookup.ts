// Runs first, read-only: the ALB (exists, Active, Internet-facing; its DNSName is the CNAME target:
// `@alicloud/alb20200616 GetLoadBalancerAttributeResponseBody`) the DNS zone of every host that gets a CNAME, and the rule limits of the ALB's edition.
// Everything it refuses is a preflight refusal (exit 4): nothing has been changed yet.
import { AlbFcError, ExitCode, preflightError } from '../errors.js';
import type { LookupOutputs } from '../state/schema.js';
import { splitDomain } from './dns-names.js';
import { checkRuleLimits } from '../routes/rule-limits-check.js';
import { cnameHosts } from './deploy-graph.js';
import type { LookupContext } from './step.js';

const TRANSITIONAL = new Set(['Provisioning', 'Configuring']);

function lbProblem(status: string): AlbFcError {
  return preflightError(
    'ALB_NOT_ACTIVE',
    `the ALB is ${status}, not Active`,
    status === 'CreateFailed'
      ? 'That instance failed to create: use another --alb-id.'
      : 'Start the instance (or settle its billing or security lock) in the ALB console, then run again.',
  );
}

export async function lookup(ctx: LookupContext, options: { wait: boolean }): Promise<LookupOutputs> {
  const { input, cloud } = ctx;
  const id = input.loadBalancerId;
  // The zones do not depend on the ALB: both reads go out together, the ALB's first (issue 12). A refusal of the
  // ALB is reported first; the zones' answer (or error) is then not needed.
  const { hosts, skipped } = cnameHosts(input);
  const lbRead = cloud.alb.getLoadBalancer(id);
  const zonesRead = hosts.length > 0 ? cloud.dns.listZones() : undefined;
  zonesRead?.catch(() => undefined);
  let lb = await lbRead;
  if (!lb) {
    const known = await cloud.alb.listLoadBalancers().catch(() => []);
    throw preflightError(
      'ALB_NOT_FOUND',
      `ALB ${id} was not found in ${input.region}`,
      known.length > 0
        ? `ALB instances in ${input.region}: ${known.map((l) => `${l.id} (${l.name || 'unnamed'})`).join(', ')}.`
        : `There is no ALB instance in ${input.region}: check --region, or create one first.`,
    );
  }
  if (lb.regionId && lb.regionId !== input.region) {
    throw preflightError(
      'REGION_MISMATCH',
      `ALB ${id} is in ${lb.regionId}, not ${input.region}`,
      `Use --region ${lb.regionId}.`,
    );
  }
  if (lb.status !== 'Active') {
    if (!TRANSITIONAL.has(lb.status)) throw lbProblem(lb.status);
    if (options.wait) {
      await ctx.wait(`ALB ${id} to be Active`, async () => {
        const now = await cloud.alb.getLoadBalancer(id);
        if (!now) return { kind: 'gone' };
        if (now.status === 'Active') return { kind: 'ready', status: now.status };
        if (!TRANSITIONAL.has(now.status)) return { kind: 'failed', status: now.status, message: 'not Active' };
        return { kind: 'pending', status: now.status };
      });
      lb = { ...lb, status: 'Active' };
    } else {
      ctx.emit({
        type: 'warning',
        step: 'lookup',
        message: `ALB ${id} is ${lb.status}; deploy will wait for it to be Active`,
      });
    }
  }
  if (lb.addressType !== 'Internet') {
    ctx.emit({
      type: 'warning',
      step: 'lookup',
      message:
        `ALB ${id} is ${lb.addressType}-facing: its DNS name resolves to private addresses, so the custom ` +
        'domain only works inside its VPC, and the connectivity test may fail from here.',
    });
  }
  if (!lb.dnsName) {
    throw new AlbFcError({
      code: 'ALB_NO_DNS_NAME',
      message: `ALB ${id} reports no DNS name`,
      exitCode: ExitCode.preflight,
      hint: 'Wait until the instance is fully provisioned, then run again.',
    });
  }
  const outputs: LookupOutputs = {
    loadBalancerId: id,
    dnsName: lb.dnsName,
    addressType: lb.addressType,
    ...(lb.edition ? { edition: lb.edition } : {}),
  };
  checkRuleLimits(input, lb.edition);
  for (const host of skipped) {
    ctx.emit({
      type: 'warning',
      step: 'lookup',
      message: `${host} cannot be a DNS record (only a leading "*." is a wildcard record): point it at ${lb.dnsName} yourself`,
    });
  }
  if (zonesRead) {
    const zones = await zonesRead;
    const found: Record<string, { zone: string; rr: string }> = {};
    const missing: string[] = [];
    for (const host of hosts) {
      const split = splitDomain(host, zones);
      if (split) found[host] = split;
      else missing.push(host);
    }
    if (missing.length > 0) {
      throw preflightError(
        'DNS_ZONE_NOT_FOUND',
        `no DNS zone for ${missing.join(', ')} in this account`,
        zones.length > 0
          ? `Zones in the account: ${zones.join(', ')}. Use a --domain in one of them, or add the zone to Alibaba Cloud DNS.`
          : 'The account has no zone in Alibaba Cloud DNS: add one, or pass --skip-dns.',
      );
    }
    const domain = input.dns?.domain;
    const own = domain ? found[domain.toLowerCase()] : undefined;
    if (domain && own) Object.assign(outputs, { zone: own.zone, rr: own.rr, domain });
    if (hosts.some((h) => h !== domain?.toLowerCase())) outputs.hosts = found;
  }
  return outputs;
}
