import type { World } from '../../core/world.js';
import type { Edition } from './editions.js';

// The Alidns slice of the local cloud's world: plain JSON, persisted after every call by the pipeline.
// Zones belong to one account each; RecordIds are unique across accounts, so another account's id
// answers DomainRecordNotBelongToUser like an unknown one (errors.ts).

export interface ZoneState {
  accountId: string;
  domainId: string;
  domainName: string;
  edition: Edition;
  /** ms since the epoch. */
  createdAt: number;
  resourceGroupId: string;
  /** Creation order, the tie-break of "newest first". */
  seq: number;
}

export interface RecordState {
  recordId: string;
  accountId: string;
  domainName: string;
  /** Lower case; `@` is the apex. */
  rr: string;
  /** Upper case. */
  type: string;
  value: string;
  ttl: number;
  line: string;
  /** MX only. */
  priority?: number;
  status: 'ENABLE' | 'DISABLE';
  locked: boolean;
  remark?: string;
  createdAt: number;
  updatedAt: number;
  seq: number;
}

export interface AlidnsState {
  version: 1;
  seq: number;
  /** Accounts whose seed zones were created once, so a restart never seeds twice. */
  seededAccounts: string[];
  zones: ZoneState[];
  records: RecordState[];
}

export function alidnsState(world: World): AlidnsState {
  return world.slice<AlidnsState>('alidns', () => ({
    version: 1,
    seq: 0,
    seededAccounts: [],
    zones: [],
    records: [],
  }));
}

// Real RecordIds are 16–17 digit numbers such as "20504173030569984" (DescribeDomainRecordsResponseBody
// examples, public captures),
// above 2^53: a client that turns them into a JS number loses digits. Ours start in that range on purpose.
const RECORD_ID_BASE = 20_504_173_030_000_000n;

export function nextSeq(state: AlidnsState): number {
  state.seq += 1;
  return state.seq;
}

export function recordIdFor(seq: number): string {
  return (RECORD_ID_BASE + BigInt(seq) * 7n).toString();
}

export function zonesOf(state: AlidnsState, accountId: string): ZoneState[] {
  return state.zones.filter((zone) => zone.accountId === accountId);
}

export function findZone(state: AlidnsState, accountId: string, domainName: string): ZoneState | undefined {
  return state.zones.find((zone) => zone.accountId === accountId && zone.domainName === domainName);
}

export function findRecord(state: AlidnsState, accountId: string, recordId: string): RecordState | undefined {
  return state.records.find((record) => record.recordId === recordId && record.accountId === accountId);
}

export function recordsOfZone(state: AlidnsState, zone: ZoneState): RecordState[] {
  return state.records.filter((record) => record.accountId === zone.accountId && record.domainName === zone.domainName);
}

/** Newest first, the documented default order of DescribeDomains and DescribeDomainRecords. */
export function newestFirst<T extends { createdAt: number; seq: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
}
