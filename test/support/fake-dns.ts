// Alibaba Cloud DNS in memory (the Alidns of docs/emulator.md): string record ids, DomainRecordDuplicate for an
// identical record (on add and on an update to the same values), DomainRecordConflict per the CNAME conflict rules
// (https://www.alibabacloud.com/help/en/dns/dns-record-conflict-rules), InvalidDomainName.NoExist for a zone the
// account lacks, "absent" for a delete of a missing record.
import type { DnsPort, DnsRecord } from '../../src/cloud/ports.js';
import { conflictsWithCname } from '../../src/steps/dns-decision.js';
import { cloudError } from './cloud-error.js';
import type { World } from './fake-world.js';

export class FakeDns implements DnsPort {
  readonly zones = new Set<string>();
  readonly records = new Map<string, DnsRecord>();
  private nextRecord = 100000;

  constructor(private readonly world: World) {}

  private zone(action: string, zone: string): void {
    if (!this.zones.has(zone)) throw cloudError('alidns', action, 'InvalidDomainName.NoExist', 400);
  }

  private identical(r: DnsRecord, rr: string, type: string, value: string): boolean {
    return r.rr === rr && r.type === type && r.value.toLowerCase() === value.toLowerCase() && r.line === 'default';
  }

  private conflicting(zone: string, rr: string, type: string, value: string, except?: string): boolean {
    return [...this.records.values()].some((r) => {
      if (r.zone !== zone || r.id === except) return false;
      if (type === 'CNAME') return conflictsWithCname(r, rr, value);
      // The other direction: anything CNAME forbids next to it also forbids a CNAME already there.
      return r.type === 'CNAME' && r.rr === rr && conflictsWithCname({ ...r, type, value, rr }, rr, r.value);
    });
  }

  listZones(): Promise<string[]> {
    return this.world.call('alidns', 'DescribeDomains', false, () => [...this.zones]);
  }

  listRecords(zone: string, rr: string): Promise<DnsRecord[]> {
    return this.world.call('alidns', 'DescribeSubDomainRecords', false, () => {
      this.zone('DescribeSubDomainRecords', zone);
      return [...this.records.values()].filter((r) => r.zone === zone && r.rr === rr).map((r) => ({ ...r }));
    });
  }

  addRecord(req: { zone: string; rr: string; type: string; value: string; ttl: number }): Promise<{ id: string }> {
    return this.world.call('alidns', 'AddDomainRecord', true, () => {
      this.zone('AddDomainRecord', req.zone);
      const records = [...this.records.values()].filter((r) => r.zone === req.zone);
      if (records.some((r) => this.identical(r, req.rr, req.type, req.value))) {
        throw cloudError('alidns', 'AddDomainRecord', 'DomainRecordDuplicate');
      }
      if (this.conflicting(req.zone, req.rr, req.type, req.value)) {
        throw cloudError('alidns', 'AddDomainRecord', 'DomainRecordConflict');
      }
      const id = String(this.nextRecord++);
      this.records.set(id, {
        id,
        zone: req.zone,
        rr: req.rr,
        type: req.type,
        value: req.value,
        ttl: req.ttl,
        line: 'default',
        status: 'ENABLE',
        remark: '',
      });
      return { id };
    });
  }

  updateRecord(req: { id: string; rr: string; type: string; value: string; ttl: number }): Promise<void> {
    return this.world.call('alidns', 'UpdateDomainRecord', true, () => {
      const r = this.records.get(req.id);
      if (!r) throw cloudError('alidns', 'UpdateDomainRecord', 'DomainRecordNotBelongToUser');
      if (this.identical(r, req.rr, req.type, req.value) && r.ttl === req.ttl) {
        throw cloudError('alidns', 'UpdateDomainRecord', 'DomainRecordDuplicate');
      }
      if (this.conflicting(r.zone, req.rr, req.type, req.value, r.id)) {
        throw cloudError('alidns', 'UpdateDomainRecord', 'DomainRecordConflict');
      }
      Object.assign(r, { rr: req.rr, type: req.type, value: req.value, ttl: req.ttl });
    });
  }

  setRemark(id: string, remark: string): Promise<void> {
    return this.world.call('alidns', 'UpdateDomainRecordRemark', true, () => {
      const r = this.records.get(id);
      if (!r) throw cloudError('alidns', 'UpdateDomainRecordRemark', 'DomainRecordNotBelongToUser');
      r.remark = remark;
    });
  }

  deleteRecord(id: string): Promise<'deleted' | 'absent'> {
    return this.world.call('alidns', 'DeleteDomainRecord', true, () =>
      this.records.delete(id) ? 'deleted' : 'absent',
    );
  }

  /** Records of a host, for assertions and hand edits. */
  on(zone: string, rr: string): DnsRecord[] {
    return [...this.records.values()].filter((r) => r.zone === zone && r.rr === rr);
  }

  seed(record: Omit<DnsRecord, 'id' | 'line' | 'status' | 'remark'> & { remark?: string }): DnsRecord {
    const id = String(this.nextRecord++);
    const full: DnsRecord = { id, line: 'default', status: 'ENABLE', remark: record.remark ?? '', ...record };
    this.records.set(id, full);
    return full;
  }
}
