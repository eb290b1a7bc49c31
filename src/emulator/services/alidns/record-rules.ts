import { isIPv4, isIPv6 } from 'node:net';
import { popErrors } from '../../api/api-error.js';
import { EDITIONS } from './editions.js';
import { alidnsErrors } from './errors.js';
import { isHostName, isHostRecord, normalizeName } from './names.js';
import type { RecordState, ZoneState } from './state.js';

// What AddDomainRecord and UpdateDomainRecord accept (metadata; the record conflict rules,
// https://www.alibabacloud.com/help/en/dns/dns-record-conflict-rules; TTL by edition, editions.ts).

/** The record types Alidns hosts (record type doc 29805, the conflict rules' table). */
const RECORD_TYPES = new Set([
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'TXT',
  'NS',
  'SRV',
  'CAA',
  'REDIRECT_URL',
  'FORWARD_URL',
  'ALIAS',
  'SVCB',
  'HTTPS',
]);

/** A record's own fields, as AddDomainRecord/UpdateDomainRecord set them. */
export type RecordInput = Pick<RecordState, 'rr' | 'type' | 'value' | 'ttl' | 'line' | 'priority'>;

interface RawRecordInput {
  rr: string;
  type: string;
  value: string;
  ttl: number | undefined;
  line: string | undefined;
  priority: number | undefined;
}

/** Defaults (TTL 600, Line `default`: metadata defaults) and format checks; throws the API error. */
export function checkRecordInput(raw: RawRecordInput, zone: ZoneState): RecordInput {
  const type = raw.type.trim().toUpperCase();
  if (!RECORD_TYPES.has(type)) throw alidnsErrors.invalidValueOf('Type');
  const rr = raw.rr.trim().toLowerCase();
  if (!isHostRecord(rr)) throw alidnsErrors.invalidRecord();
  const line = raw.line === undefined || raw.line === '' ? 'default' : raw.line;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(line)) throw alidnsErrors.invalidValueOf('Line');

  // The metadata bounds TTL to 1–86400 (checked by the pipeline); the zone's edition narrows it (editions.ts).
  const ttl = raw.ttl ?? 600;
  const edition = EDITIONS[zone.edition];
  if (ttl < edition.minTtl || ttl > edition.maxTtl) throw alidnsErrors.ttl(edition.minTtl, edition.maxTtl);

  const value = raw.value.trim();
  if (!validValue(type, value)) throw alidnsErrors.invalidRecord();
  if (type !== 'MX') return { rr, type, value, ttl, line };
  // MX needs Priority (metadata: "记录类型为MX记录时，此参数必需").
  if (raw.priority === undefined) throw popErrors.missing('Priority');
  return { rr, type, value, ttl, line, priority: raw.priority };
}

function validValue(type: string, value: string): boolean {
  if (value.length === 0) return false;
  switch (type) {
    case 'A':
      return isIPv4(value);
    case 'AAAA':
      return isIPv6(value);
    case 'CNAME':
    case 'MX':
    case 'NS':
    case 'ALIAS':
      return isHostName(value);
    case 'SRV':
      // "priority weight port target" (record type doc 29805).
      return /^\d+ \d+ \d+ \S+$/.test(value) && isHostName(value.split(' ')[3]!);
    case 'CAA':
      // `flags tag "value"`, e.g. 0 issue "letsencrypt.org".
      return /^\d+ [a-z]+ \S.*$/i.test(value);
    case 'REDIRECT_URL':
    case 'FORWARD_URL':
      return /^https?:\/\/\S+$/i.test(value) || isHostName(value);
    default:
      return value.length <= 512;
  }
}

/** Host-name values compare like DNS names; others (TXT, IPs) as written. */
export function sameValue(type: string, a: string, b: string): boolean {
  if (['CNAME', 'MX', 'NS', 'ALIAS', 'AAAA'].includes(type)) return normalizeName(a) === normalizeName(b);
  return a === b;
}

/** Same RR + Type + Value + Line: DomainRecordDuplicate (AddDomainRecord error table). */
export function isDuplicate(input: RecordInput, record: RecordState): boolean {
  return (
    record.rr === input.rr &&
    record.type === input.type &&
    record.line === input.line &&
    sameValue(input.type, record.value, input.value)
  );
}

/** UpdateDomainRecord that changes nothing also answers DomainRecordDuplicate (DDNS clients read it as success). */
export function isUnchanged(input: RecordInput, record: RecordState): boolean {
  return isDuplicate(input, record) && record.ttl === input.ttl && record.priority === input.priority;
}

// CNAME cannot share RR + Line with these types (record conflict rules) …
const CNAME_EXCLUSIVE = new Set(['A', 'AAAA', 'ALIAS', 'REDIRECT_URL', 'FORWARD_URL', 'SRV', 'CAA', 'SVCB', 'HTTPS']);
// … nor with these, except at the apex `@` where Alidns relaxes the rule.
const CNAME_EXCLUSIVE_BELOW_APEX = new Set(['MX', 'TXT']);

function cnameConflictsWith(other: string, rr: string): boolean {
  return CNAME_EXCLUSIVE.has(other) || (rr !== '@' && CNAME_EXCLUSIVE_BELOW_APEX.has(other));
}

/**
 * DomainRecordConflict on the same RR + Line. CNAME with CNAME is "repeatable" in the conflict table
 * (A↔A, CNAME↔CNAME, MX↔MX), so a second CNAME with another value on the same line is accepted.
 */
export function conflictsWith(input: RecordInput, record: RecordState): boolean {
  if (record.rr !== input.rr || record.line !== input.line) return false;
  if (input.type === 'CNAME') return cnameConflictsWith(record.type, input.rr);
  if (record.type === 'CNAME') return cnameConflictsWith(input.type, input.rr);
  return false;
}
