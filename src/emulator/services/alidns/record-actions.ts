import type { ActionHandler, CallContext } from '../../core/service.js';
import { alidnsErrors } from './errors.js';
import { checkRecordInput, conflictsWith, isDuplicate, isUnchanged, type RecordInput } from './record-rules.js';
import {
  alidnsState,
  findRecord,
  findZone,
  nextSeq,
  recordIdFor,
  recordsOfZone,
  type AlidnsState,
  type RecordState,
  type ZoneState,
} from './state.js';
import { callerZone } from './zones.js';

// The writes: AddDomainRecord, UpdateDomainRecord, DeleteDomainRecord, UpdateDomainRecordRemark
// (`@alicloud/alidns20150109` models; rules in record-rules.ts). Every answer is `{RequestId, RecordId}`
// (RecordId a string), UpdateDomainRecordRemark `{RequestId}`; the pop dialect adds RequestId.

function recordInput(ctx: CallContext, zone: ZoneState): RecordInput {
  return checkRecordInput(
    {
      rr: ctx.params.requiredString('RR'),
      type: ctx.params.requiredString('Type'),
      value: ctx.params.requiredString('Value'),
      ttl: ctx.params.number('TTL'),
      line: ctx.params.string('Line'),
      priority: ctx.params.number('Priority'),
    },
    zone,
  );
}

/** Duplicate before conflict: the same record again is a duplicate even where it would also conflict. */
function checkAgainstZone(state: AlidnsState, zone: ZoneState, input: RecordInput, self?: RecordState): void {
  const others = recordsOfZone(state, zone).filter((record) => record !== self);
  if (others.some((record) => isDuplicate(input, record))) throw alidnsErrors.duplicate();
  if (others.some((record) => conflictsWith(input, record))) throw alidnsErrors.conflict();
}

/** The caller's record: an unknown id and another account's id answer the same (errors.ts `recordNotFound`). */
function callerRecord(ctx: CallContext): { state: AlidnsState; record: RecordState } {
  const state = alidnsState(ctx.world);
  const record = findRecord(state, ctx.account.accountId, ctx.params.requiredString('RecordId').trim());
  if (!record) throw alidnsErrors.recordNotFound();
  return { state, record };
}

export const addDomainRecord: ActionHandler = (ctx) => {
  const { state, zone } = callerZone(ctx, ctx.params.requiredString('DomainName'));
  const input = recordInput(ctx, zone);
  checkAgainstZone(state, zone, input);
  ctx.checkpoint();
  const now = ctx.clock.now();
  const seq = nextSeq(state);
  const record: RecordState = {
    recordId: recordIdFor(seq),
    accountId: zone.accountId,
    domainName: zone.domainName,
    ...input,
    status: 'ENABLE',
    locked: false,
    createdAt: now,
    updatedAt: now,
    seq,
  };
  state.records.push(record);
  return { json: { RecordId: record.recordId } };
};

export const updateDomainRecord: ActionHandler = (ctx) => {
  const { state, record } = callerRecord(ctx);
  const zone = findZone(state, record.accountId, record.domainName);
  if (!zone) throw alidnsErrors.recordNotFound();
  if (record.locked) throw alidnsErrors.locked();
  // TTL and Line fall back to their metadata defaults (600, default) when omitted, as on Add [assumption].
  const input = recordInput(ctx, zone);
  if (isUnchanged(input, record)) throw alidnsErrors.duplicate();
  checkAgainstZone(state, zone, input, record);
  ctx.checkpoint();
  const { priority, ...fields } = input;
  Object.assign(record, fields, { updatedAt: ctx.clock.now() });
  if (priority === undefined) delete record.priority;
  else record.priority = priority;
  return { json: { RecordId: record.recordId } };
};

export const deleteDomainRecord: ActionHandler = (ctx) => {
  const { state, record } = callerRecord(ctx);
  if (record.locked) throw alidnsErrors.locked();
  ctx.checkpoint();
  state.records.splice(state.records.indexOf(record), 1);
  return { json: { RecordId: record.recordId } };
};

export const updateDomainRecordRemark: ActionHandler = (ctx) => {
  const { record } = callerRecord(ctx);
  ctx.checkpoint();
  // An absent or empty Remark clears it (the console's "delete remark" sends none) [assumption].
  const remark = ctx.params.string('Remark');
  if (remark) record.remark = remark;
  else delete record.remark;
  return { json: {} };
};
