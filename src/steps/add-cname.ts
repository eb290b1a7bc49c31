// Step 5: the CNAME from the custom domain to the ALB's DNS name, in the account's zone (`@alicloud/alidns20150109
// AddDomainRecordRequest`).
// Alidns takes no ClientToken and no tags: a record is recognised by being identical (same RR, type, value,
// line) and marked as this stack's by a remark `alb-fc:stack=<stack>`, set right after it is added.
import { hasCloudCode } from '../cloud/errors.js';
import type { DnsRecord } from '../cloud/ports.js';
import type { DnsRecordOutputs } from '../state/schema.js';
import { AlbFcError, ExitCode } from '../errors.js';
import { decideDns, sameValue, type DesiredCname, type DnsDecision } from './dns-decision.js';
import { dnsRemark, remarkIsOurs } from './ownership.js';
import type { ResourceStep, DeployContext, StepContext, StepPlan } from './step.js';

export interface DnsPlan extends StepPlan<DnsRecordOutputs> {
  decision?: DnsDecision;
  desired?: DesiredCname;
}

function desiredOf(ctx: DeployContext): DesiredCname | undefined {
  const lookup = ctx.upstream.lookup;
  const dns = ctx.input.dns;
  if (!dns || !lookup) return undefined;
  // The lookup found the zone of every host (a route's in `hosts`, the stack's domain's in zone/rr).
  const split =
    lookup.hosts?.[dns.domain.toLowerCase()] ??
    (lookup.zone && lookup.rr ? { zone: lookup.zone, rr: lookup.rr } : undefined);
  if (!split) return undefined;
  return { zone: split.zone, rr: split.rr, domain: dns.domain, value: lookup.dnsName, ttl: dns.ttl };
}

function outputsOf(desired: DesiredCname, recordId: string): DnsRecordOutputs {
  return {
    recordId,
    zone: desired.zone,
    rr: desired.rr,
    domain: desired.domain,
    value: desired.value,
    ttl: desired.ttl,
  };
}

/** Alidns answers DomainRecordDuplicate when the record already reads exactly so (on add and update): success. */
async function tolerateDuplicate(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!hasCloudCode(error, 'DomainRecordDuplicate')) throw error;
  }
}

async function markOurs(ctx: StepContext, record: DnsRecord | undefined, id: string): Promise<void> {
  if (record && remarkIsOurs(record.remark, ctx.stack)) return;
  await ctx.cloud.dns.setRemark(id, dnsRemark(ctx.stack));
}

export const addCname: ResourceStep<'dnsRecord', DnsPlan> = {
  id: 'dnsRecord',

  async plan(ctx) {
    const desired = desiredOf(ctx);
    if (!desired) {
      return {
        step: 'dnsRecord',
        action: 'skip',
        detail: 'no custom domain',
        reasons: ['--skip-dns: no record is written'],
      };
    }
    const record = ctx.session.record('dnsRecord');
    const records = await ctx.cloud.dns.listRecords(desired.zone, desired.rr);
    const decision = decideDns({ stack: ctx.stack, desired, records, record, force: ctx.input.dns?.force ?? false });
    // An owned record without its remark (crash between AddDomainRecord and the remark) gets it now.
    const target = decision.target;
    const needsRemark =
      decision.action === 'unchanged' &&
      decision.owned &&
      target !== undefined &&
      !remarkIsOurs(target.remark, ctx.stack);
    const action = needsRemark ? 'update' : decision.action;
    const stays = target && (action === 'unchanged' || action === 'adopt');
    return {
      step: 'dnsRecord',
      action,
      reasons: needsRemark
        ? [...decision.reasons, `record ${target.id} gets its ${dnsRemark(ctx.stack)} remark`]
        : decision.reasons,
      ...(decision.hint ? { hint: decision.hint } : {}),
      detail: `${desired.domain} CNAME ${desired.value}`,
      decision: { ...decision, action },
      desired,
      ...(stays && target ? { known: outputsOf(desired, target.id), ready: true } : {}),
    };
  },

  async apply(ctx, plan) {
    const { decision, desired } = plan;
    if (!decision || !desired) throw new Error('dns step applied without a plan');
    const { session } = ctx;
    if (decision.retireRecorded) await session.retire('dnsRecord');
    if (decision.action === 'unchanged' && plan.known) return { action: 'unchanged', outputs: plan.known };
    if (decision.action === 'adopt' && decision.target) {
      const outputs = outputsOf(desired, decision.target.id);
      await session.adopt('dnsRecord', outputs, decision.owned);
      if (decision.owned) await markOurs(ctx, decision.target, decision.target.id);
      return { action: 'adopted', outputs };
    }
    // --force-dns: conflicting records go first, since Alidns refuses the CNAME next to them
    // (https://www.alibabacloud.com/help/en/dns/dns-record-conflict-rules).
    for (const doomed of decision.deletes) await ctx.cloud.dns.deleteRecord(doomed.id);
    const target = decision.target;
    if (decision.action === 'update' && target) {
      const outputs = outputsOf(desired, target.id);
      await session.adopt('dnsRecord', outputs, decision.owned);
      const differs =
        target.type.toUpperCase() !== 'CNAME' || !sameValue(target.value, desired.value) || target.ttl !== desired.ttl;
      if (differs) {
        await tolerateDuplicate(
          ctx.cloud.dns.updateRecord({
            id: target.id,
            rr: desired.rr,
            type: 'CNAME',
            value: desired.value,
            ttl: desired.ttl,
          }),
        );
      }
      if (decision.owned) await markOurs(ctx, target, target.id);
      return { action: 'updated', outputs };
    }
    const request = { zone: desired.zone, rr: desired.rr, type: 'CNAME', value: desired.value, ttl: desired.ttl };
    await session.beginCreate('dnsRecord', request);
    let id: string;
    try {
      id = (await ctx.cloud.dns.addRecord(request)).id;
    } catch (error) {
      // The first attempt of a retried add reached Alidns: the identical record is the one this run added.
      const same = hasCloudCode(error, 'DomainRecordDuplicate')
        ? (await ctx.cloud.dns.listRecords(desired.zone, desired.rr)).find(
            (r) => r.type.toUpperCase() === 'CNAME' && sameValue(r.value, desired.value),
          )
        : undefined;
      if (!same) {
        await session.createFailed('dnsRecord', error);
        if (hasCloudCode(error, 'DomainRecordConflict')) {
          // Exit 3, not 4: other steps may have changed things already; the state is saved.
          throw new AlbFcError({
            code: 'DNS_CONFLICT',
            message: `Alidns refused the CNAME on ${desired.domain}: another record there conflicts with it`,
            exitCode: ExitCode.cloudRefused,
            hint: 'Remove the conflicting record, or pass --force-dns.',
            cloudCode: (error as AlbFcError).cloudCode,
            requestId: (error as AlbFcError).requestId,
          });
        }
        throw error;
      }
      id = same.id;
    }
    const outputs = outputsOf(desired, id);
    await session.createSucceeded('dnsRecord', outputs);
    await ctx.cloud.dns.setRemark(id, dnsRemark(ctx.stack));
    return { action: decision.deletes.length > 0 ? 'updated' : 'created', outputs };
  },

  // Alidns applies record changes synchronously; there is nothing to wait for.
  verify: async () => ({ kind: 'ready', status: 'ENABLE' }),

  remove: (ctx, outputs) => ctx.cloud.dns.deleteRecord(outputs.recordId),

  async locate(ctx, record) {
    const { zone, rr, value, ttl } = record.intent?.request ?? {};
    if (typeof zone !== 'string' || typeof rr !== 'string' || typeof value !== 'string') return undefined;
    const found = (await ctx.cloud.dns.listRecords(zone, rr)).find(
      (r) => r.type.toUpperCase() === 'CNAME' && sameValue(r.value, value),
    );
    if (!found) return undefined;
    const domain = rr === '@' ? zone : `${rr}.${zone}`;
    return { recordId: found.id, zone, rr, domain, value, ttl: typeof ttl === 'number' ? ttl : found.ttl };
  },

  async inspect(ctx, outputs) {
    const found = (await ctx.cloud.dns.listRecords(outputs.zone, outputs.rr)).find((r) => r.id === outputs.recordId);
    if (!found)
      return { state: 'missing', details: [`record ${outputs.recordId} on ${outputs.domain} does not exist`] };
    const details: string[] = [];
    if (found.type.toUpperCase() !== 'CNAME') details.push(`type ${found.type}, deployed CNAME`);
    if (!sameValue(found.value, outputs.value)) details.push(`value ${found.value}, deployed ${outputs.value}`);
    const albName = ctx.upstream.lookup?.dnsName;
    if (albName && !sameValue(outputs.value, albName)) details.push(`the ALB's DNS name is now ${albName}`);
    return { state: details.length > 0 ? 'drifted' : 'present', status: found.status, details };
  },

  resourceId: (outputs) => outputs.recordId,
  describe: (outputs) => `${outputs.domain} CNAME ${outputs.value}`,
};
