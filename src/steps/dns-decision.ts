// Whether the CNAME `domain → ALB DNS name` can be added, and what to do with what is already on that host record.
// Conflict rules of Alibaba Cloud DNS (https://www.alibabacloud.com/help/en/dns/dns-record-conflict-rules): on the same
// RR and line, a CNAME conflicts with A, AAAA, ALIAS, URL forwarding, SRV, CAA, SVCB, HTTPS and another CNAME; also
// with MX and TXT except at the apex `@`. NS coexists. alb-fc writes on the `default` line only.
import type { DnsRecord } from '../cloud/ports.js';
import { type DnsRecordOutputs, type StepRecord, resumableIntent } from '../state/schema.js';
import { normalizeHost } from './dns-names.js';
import { remarkIsOurs, remarkStack } from './ownership.js';
import type { Decision } from './step.js';

const ALWAYS_CONFLICTS = new Set([
  'A',
  'AAAA',
  'ALIAS',
  'REDIRECT_URL',
  'FORWARD_URL',
  'URL',
  'SRV',
  'CAA',
  'SVCB',
  'HTTPS',
]);
const CONFLICTS_BELOW_APEX = new Set(['MX', 'TXT']);

export const DEFAULT_LINE = 'default';

export interface DesiredCname {
  zone: string;
  rr: string;
  domain: string;
  /** The ALB's DNS name. */
  value: string;
  ttl: number;
}

export function sameValue(a: string, b: string): boolean {
  return normalizeHost(a) === normalizeHost(b);
}

/** Does `record` keep a CNAME for `rr` from being added on the default line? */
export function conflictsWithCname(record: DnsRecord, rr: string, value: string): boolean {
  if ((record.line || DEFAULT_LINE) !== DEFAULT_LINE) return false;
  if (record.rr.toLowerCase() !== rr.toLowerCase()) return false;
  const type = record.type.toUpperCase();
  if (type === 'CNAME') return !sameValue(record.value, value);
  if (ALWAYS_CONFLICTS.has(type)) return true;
  return rr !== '@' && CONFLICTS_BELOW_APEX.has(type);
}

export function describeRecord(record: DnsRecord): string {
  const host = record.rr === '@' ? record.zone : `${record.rr}.${record.zone}`;
  return `${record.type} ${host} → ${record.value} (record ${record.id})`;
}

export type DnsDecision = Decision & {
  /** The record that stays or gets updated (adopt / unchanged / update). */
  target?: DnsRecord;
  /** Records to delete before adding ours (forced replacement of conflicting records). */
  deletes: DnsRecord[];
  /** Whether this stack owns the record it ends with. */
  owned: boolean;
  /** The recorded record was for another domain: it is replaced and then deleted. */
  retireRecorded: boolean;
};

export interface DnsDecisionInput {
  stack: string;
  desired: DesiredCname;
  /** Every record on the desired RR (all types, all lines). */
  records: DnsRecord[];
  record: StepRecord<DnsRecordOutputs> | undefined;
  force: boolean;
}

export function decideDns(input: DnsDecisionInput): DnsDecision {
  const { desired, records, record, stack, force } = input;
  const recorded = record?.outputs;
  const retireRecorded = recorded !== undefined && normalizeHost(recorded.domain) !== normalizeHost(desired.domain);
  const reasons: string[] = [];
  if (retireRecorded && recorded) {
    reasons.push(
      record?.owned
        ? `the domain changed from ${recorded.domain}: a new record, then the old one (${recorded.recordId}) is deleted`
        : `the domain changed from ${recorded.domain}: the old record (adopted, not ours) is left in place`,
    );
  }
  const onLine = records.filter((r) => (r.line || DEFAULT_LINE) === DEFAULT_LINE && r.rr.toLowerCase() === desired.rr);
  const byId = !retireRecorded && recorded ? onLine.find((r) => r.id === recorded.recordId) : undefined;
  const pending = resumableIntent(record);
  const isIdentical = (r: DnsRecord): boolean => r.type.toUpperCase() === 'CNAME' && sameValue(r.value, desired.value);
  const conflicts = onLine.filter((r) => r !== byId && conflictsWithCname(r, desired.rr, desired.value));

  if (byId) {
    const owned = record?.owned ?? false;
    if (byId.type.toUpperCase() === 'CNAME' && sameValue(byId.value, desired.value)) {
      if (byId.ttl !== desired.ttl) {
        return {
          action: 'update',
          reasons: [...reasons, `TTL ${byId.ttl} → ${desired.ttl}`],
          target: byId,
          deletes: [],
          owned,
          retireRecorded,
        };
      }
      return { action: 'unchanged', reasons, target: byId, deletes: [], owned, retireRecorded };
    }
    if (!owned && !force) {
      return {
        action: 'conflict',
        reasons: [...reasons, `the adopted record now reads ${describeRecord(byId)}, not ${desired.value}`],
        hint: 'Pass --force-dns to point it back at the ALB.',
        deletes: [],
        owned,
        retireRecorded,
      };
    }
    return {
      action: 'update',
      reasons: [
        ...reasons,
        `record ${byId.id} was changed to ${byId.type} ${byId.value}; it is set back to ${desired.value}`,
      ],
      target: byId,
      deletes: conflicts,
      owned,
      retireRecorded,
    };
  }

  const identical = onLine.find(isIdentical);
  if (identical) {
    const ours = remarkIsOurs(identical.remark, stack);
    // A create this stack started (intent saved) and that reached Alidns before the crash is ours even without the
    // remark: the remark is set by a second call (`@alicloud/alidns20150109 AddDomainRecordRequest` has no remark).
    const resumed =
      pending !== undefined &&
      pending.request['rr'] === desired.rr &&
      pending.request['zone'] === desired.zone &&
      typeof pending.request['value'] === 'string' &&
      sameValue(pending.request['value'], desired.value);
    const owned = ours || resumed;
    const other = remarkStack(identical.remark);
    if (other !== undefined && other !== stack) {
      return {
        action: 'conflict',
        reasons: [...reasons, `${describeRecord(identical)} belongs to alb-fc stack ${JSON.stringify(other)}`],
        hint: 'Use another --domain, or destroy the other stack first.',
        deletes: [],
        owned: false,
        retireRecorded,
      };
    }
    return {
      action: conflicts.length > 0 && force ? 'update' : conflicts.length > 0 ? 'conflict' : 'adopt',
      reasons: [
        ...reasons,
        owned
          ? `found ${describeRecord(identical)}, created by this stack`
          : `found an identical ${describeRecord(identical)}; adopting it (destroy keeps it unless --include-adopted)`,
        ...conflicts.map((c) => `conflicting ${describeRecord(c)}${force ? ' will be deleted (--force-dns)' : ''}`),
      ],
      ...(conflicts.length > 0 && !force ? { hint: 'Remove the conflicting records, or pass --force-dns.' } : {}),
      target: identical,
      deletes: force ? conflicts : [],
      owned,
      retireRecorded,
    };
  }

  if (conflicts.length > 0) {
    if (!force) {
      return {
        action: 'conflict',
        reasons: [
          ...reasons,
          ...conflicts.map(
            (c) => `${desired.domain} already has ${describeRecord(c)}, which a CNAME cannot coexist with`,
          ),
        ],
        hint: 'Remove or change that record, choose another --domain, or pass --force-dns to replace it.',
        deletes: [],
        owned: false,
        retireRecorded,
      };
    }
    const cname = conflicts.find((c) => c.type.toUpperCase() === 'CNAME');
    const others = conflicts.filter((c) => c !== cname);
    return {
      action: 'update',
      reasons: [
        ...reasons,
        ...(cname ? [`${describeRecord(cname)} is repointed to ${desired.value} (--force-dns)`] : []),
        ...others.map((c) => `${describeRecord(c)} is deleted (--force-dns)`),
      ],
      ...(cname ? { target: cname } : {}),
      deletes: others,
      owned: cname ? remarkIsOurs(cname.remark, stack) : true,
      retireRecorded,
    };
  }

  return {
    action: 'create',
    reasons: [
      ...reasons,
      pending
        ? 'resuming an interrupted create'
        : recorded && !retireRecorded
          ? `record ${recorded.recordId} recorded in state no longer exists; it is added again`
          : `no record on ${desired.domain} yet`,
    ],
    deletes: [],
    owned: true,
    retireRecorded,
  };
}
