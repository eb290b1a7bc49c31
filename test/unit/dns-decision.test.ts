import { describe, expect, it } from 'vitest';
import { conflictsWithCname, decideDns, type DesiredCname } from '../../src/steps/dns-decision.js';
import type { DnsRecord } from '../../src/cloud/ports.js';
import type { DnsRecordOutputs, StepRecord } from '../../src/state/schema.js';
import { dnsRecord, pending, record } from './decisions-fixtures.js';

const ALB = 'alb-1.cn-hangzhou.alb.aliyuncs.com';
const desired: DesiredCname = { zone: 'example.com', rr: 'api', domain: 'api.example.com', value: ALB, ttl: 600 };
const recorded = { recordId: '1', zone: 'example.com', rr: 'api', domain: 'api.example.com', value: ALB, ttl: 600 };

const RECORDED = record(recorded);

function decide(records: DnsRecord[], rec: StepRecord<DnsRecordOutputs> | undefined, force = false) {
  return decideDns({ stack: 'demo', desired, records, record: rec, force });
}

describe('CNAME conflict rules (reference C.5)', () => {
  it.each(['A', 'AAAA', 'ALIAS', 'REDIRECT_URL', 'FORWARD_URL', 'SRV', 'CAA', 'SVCB', 'HTTPS', 'MX', 'TXT'])(
    '%s conflicts below the apex',
    (type) => {
      expect(conflictsWithCname(dnsRecord({ type, value: 'x' }), 'api', ALB)).toBe(true);
    },
  );
  it('MX and TXT do not conflict at the apex; NS never; other lines never; an identical CNAME is no conflict', () => {
    expect(conflictsWithCname(dnsRecord({ rr: '@', type: 'MX', value: 'mx' }), '@', ALB)).toBe(false);
    expect(conflictsWithCname(dnsRecord({ rr: '@', type: 'TXT', value: 't' }), '@', ALB)).toBe(false);
    expect(conflictsWithCname(dnsRecord({ rr: '@', type: 'A', value: '1.2.3.4' }), '@', ALB)).toBe(true);
    expect(conflictsWithCname(dnsRecord({ type: 'NS', value: 'ns1' }), 'api', ALB)).toBe(false);
    expect(conflictsWithCname(dnsRecord({ type: 'A', value: '1.2.3.4', line: 'telecom' }), 'api', ALB)).toBe(false);
    expect(conflictsWithCname(dnsRecord({ value: `${ALB.toUpperCase()}.` }), 'api', ALB)).toBe(false);
    expect(conflictsWithCname(dnsRecord({ value: 'other.example.net' }), 'api', ALB)).toBe(true);
    expect(conflictsWithCname(dnsRecord({ rr: 'www', type: 'A', value: '1.2.3.4' }), 'api', ALB)).toBe(false);
  });
});

describe('decideDns', () => {
  it('creates, keeps, and changes TTL', () => {
    expect(decide([], undefined).action).toBe('create');
    expect(decide([dnsRecord()], RECORDED).action).toBe('unchanged');
    expect(decide([dnsRecord({ ttl: 60 })], RECORDED).action).toBe('update');
    expect(decide([], RECORDED).reasons[0]).toMatch(/no longer exists/);
  });

  it('adopts an identical record: owned when its remark or a pending intent says so, else not', () => {
    expect(decide([dnsRecord({ remark: 'alb-fc:stack=demo' })], undefined)).toMatchObject({
      action: 'adopt',
      owned: true,
    });
    expect(
      decide([dnsRecord()], pending({ zone: 'example.com', rr: 'api', type: 'CNAME', value: ALB, ttl: 600 })),
    ).toMatchObject({ action: 'adopt', owned: true });
    expect(decide([dnsRecord()], undefined)).toMatchObject({ action: 'adopt', owned: false });
    expect(decide([dnsRecord({ remark: 'alb-fc:stack=prod' })], undefined).action).toBe('conflict');
  });

  it('refuses conflicting records without force, replaces them with force', () => {
    const a = dnsRecord({ id: '9', type: 'A', value: '203.0.113.7' });
    const refused = decide([a], undefined);
    expect(refused.action).toBe('conflict');
    expect(refused.hint).toMatch(/--force-dns/);
    const forced = decide([a], undefined, true);
    expect(forced).toMatchObject({ action: 'update', owned: true });
    expect(forced.deletes.map((d) => d.id)).toEqual(['9']);
    const cname = dnsRecord({ id: '8', value: 'elsewhere.example.net' });
    expect(decide([cname], undefined).action).toBe('conflict');
    expect(decide([cname], undefined, true)).toMatchObject({ action: 'update', deletes: [], owned: false });
  });

  it('sets a hand-changed owned record back, but refuses to for an adopted one without force', () => {
    const changed = [dnsRecord({ value: 'hijacked.example.net' })];
    expect(decide(changed, RECORDED).action).toBe('update');
    expect(decide(changed, record(recorded, { owned: false })).action).toBe('conflict');
    expect(decide(changed, record(recorded, { owned: false }), true).action).toBe('update');
  });

  it('moves to a new domain: the recorded record is retired only when owned', () => {
    const moved = decideDns({
      stack: 'demo',
      desired: { ...desired, rr: 'www', domain: 'www.example.com' },
      records: [],
      record: record(recorded),
      force: false,
    });
    expect(moved).toMatchObject({ action: 'create', retireRecorded: true });
    expect(moved.reasons[0]).toMatch(/then the old one \(1\) is deleted/);
    const adopted = decideDns({
      stack: 'demo',
      desired: { ...desired, rr: 'www', domain: 'www.example.com' },
      records: [],
      record: record(recorded, { owned: false }),
      force: false,
    });
    expect(adopted.reasons[0]).toMatch(/left in place/);
  });
});
