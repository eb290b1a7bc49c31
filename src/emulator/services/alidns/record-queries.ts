import type { ActionHandler, CallContext } from '../../core/service.js';
import { alidnsErrors } from './errors.js';
import { normalizeName, splitSubDomain } from './names.js';
import { pagedAnswer } from './paged-answer.js';
import { alidnsState, findRecord, findZone, newestFirst, recordsOfZone, type RecordState } from './state.js';
import { domainRecordView, recordInfoView, subDomainRecordView } from './views.js';
import { callerZone } from './zones.js';

// The record reads: DescribeDomainRecords, DescribeSubDomainRecords, DescribeDomainRecordInfo
// (`@alicloud/alidns20150109` models). Lists answer `{TotalCount, PageNumber, PageSize, DomainRecords: {Record: []}}`,
// newest first by default (metadata description), paged by PageNumber/PageSize (paged-answer.ts).

function page(ctx: CallContext, records: RecordState[], view: (record: RecordState) => Record<string, unknown>) {
  return pagedAnswer(ctx, records, (page) => ({ DomainRecords: { Record: page.map(view) } }));
}

const contains = (text: string, keyword: string): boolean => text.toLowerCase().includes(keyword.toLowerCase());
const equals = (text: string, keyword: string): boolean => text.toLowerCase() === keyword.toLowerCase();

/**
 * SearchMode (metadata): LIKE/EXACT use KeyWord only, matched against RR or Value (substring / whole,
 * case-insensitive) [assumption: which fields KeyWord reaches]; ADVANCED — and no SearchMode without a
 * KeyWord — use RRKeyWord and ValueKeyWord as substrings, TypeKeyWord, Type, Line and Status exactly.
 * No SearchMode with a KeyWord means LIKE. COMBINATION (listed in the API reference) is read as ADVANCED.
 */
function recordFilter(ctx: CallContext): (record: RecordState) => boolean {
  const keyWord = ctx.params.string('KeyWord') || undefined;
  const mode = (ctx.params.string('SearchMode') || (keyWord ? 'LIKE' : 'ADVANCED')).toUpperCase();
  if (mode === 'LIKE' || mode === 'EXACT') {
    if (!keyWord) return () => true;
    const match = mode === 'LIKE' ? contains : equals;
    return (record) => match(record.rr, keyWord) || match(record.value, keyWord);
  }
  if (mode !== 'ADVANCED' && mode !== 'COMBINATION') throw alidnsErrors.invalidValueOf('SearchMode');
  const rrKeyWord = ctx.params.string('RRKeyWord') || undefined;
  const valueKeyWord = ctx.params.string('ValueKeyWord') || undefined;
  const typeKeyWord = ctx.params.string('TypeKeyWord') || undefined;
  const type = ctx.params.string('Type') || undefined;
  const line = ctx.params.string('Line') || undefined;
  const status = ctx.params.string('Status') || undefined;
  return (record) =>
    (rrKeyWord === undefined || contains(record.rr, rrKeyWord)) &&
    (valueKeyWord === undefined || contains(record.value, valueKeyWord)) &&
    (typeKeyWord === undefined || equals(record.type, typeKeyWord)) &&
    (type === undefined || equals(record.type, type)) &&
    (line === undefined || record.line === line) &&
    (status === undefined || equals(record.status, status));
}

/** GroupId (metadata): absent, -1 (default group) and -2 (all) list the zone; 0 lists nothing; zones here have no group. */
function inGroup(groupId: number | undefined): boolean {
  return groupId === undefined || groupId === -1 || groupId === -2;
}

export const describeDomainRecords: ActionHandler = (ctx) => {
  const { state, zone } = callerZone(ctx, ctx.params.requiredString('DomainName'));
  const filter = recordFilter(ctx);
  let records = inGroup(ctx.params.number('GroupId')) ? newestFirst(recordsOfZone(state, zone)).filter(filter) : [];
  if ((ctx.params.string('Direction') ?? '').toUpperCase() === 'ASC') records = records.reverse();
  return page(ctx, records, domainRecordView);
};

export const describeSubDomainRecords: ActionHandler = (ctx) => {
  const subDomain = ctx.params.requiredString('SubDomain');
  const domainName = ctx.params.string('DomainName') || undefined;
  const split = splitSubDomain(subDomain, domainName);
  const { state, zone } = callerZone(ctx, split?.zone ?? normalizeName(domainName ?? subDomain));
  // A SubDomain outside the given DomainName names no record of it [assumption: empty list, no error].
  if (!split) return page(ctx, [], subDomainRecordView);
  const type = ctx.params.string('Type') || undefined;
  const line = ctx.params.string('Line') || undefined;
  const records = newestFirst(recordsOfZone(state, zone)).filter(
    (record) =>
      record.rr === split.rr &&
      (type === undefined || equals(record.type, type)) &&
      (line === undefined || record.line === line),
  );
  return page(ctx, records, subDomainRecordView);
};

export const describeDomainRecordInfo: ActionHandler = (ctx) => {
  const state = alidnsState(ctx.world);
  const record = findRecord(state, ctx.account.accountId, ctx.params.requiredString('RecordId').trim());
  const zone = record && findZone(state, record.accountId, record.domainName);
  if (!record || !zone) throw alidnsErrors.recordNotFound();
  return { json: recordInfoView(record, zone) };
};
