import { fqdn } from './names.js';
import type { AlidnsState, RecordState, ZoneState } from './state.js';

// The Alidns part of GET /_emulator/state: every zone and record of every account.

export function zoneSnapshot(zone: ZoneState): Record<string, unknown> {
  return {
    accountId: zone.accountId,
    domainName: zone.domainName,
    domainId: zone.domainId,
    edition: zone.edition,
    createdAt: new Date(zone.createdAt).toISOString(),
  };
}

export function recordSnapshot(record: RecordState): Record<string, unknown> {
  return {
    recordId: record.recordId,
    accountId: record.accountId,
    domainName: record.domainName,
    fqdn: fqdn(record.rr, record.domainName),
    rr: record.rr,
    type: record.type,
    value: record.value,
    ttl: record.ttl,
    line: record.line,
    ...(record.priority === undefined ? {} : { priority: record.priority }),
    status: record.status,
    locked: record.locked,
    ...(record.remark ? { remark: record.remark } : {}),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

export function alidnsSnapshot(state: AlidnsState): Record<string, unknown> {
  return { zones: state.zones.map(zoneSnapshot), records: state.records.map(recordSnapshot) };
}
