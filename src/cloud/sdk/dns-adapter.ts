import AlidnsModule from '@alicloud/alidns20150109';
import * as $Dns from '@alicloud/alidns20150109';
import { cjsDefault } from '../../lib/interop.js';
import { hasCloudCode } from '../errors.js';
import type { DnsPort, DnsRecord } from '../ports.js';
import type { Caller } from './call.js';
import { allNumberedPages } from './pages.js';
import { sdkConfig, type Connection } from './connection.js';

const AlidnsClient = cjsDefault(AlidnsModule);

// Alibaba Cloud DNS (Alidns 2015-01-09) through the official client. Record ids are strings on the wire
// (`@alicloud/alidns20150109 AddDomainRecordResponseBody`, RecordId); pages are walked with PageNumber/PageSize until
// TotalCount is reached.

export function createDnsAdapter(connection: Connection, call: Caller): DnsPort {
  const client = new AlidnsClient(sdkConfig('alidns', connection));

  return {
    async listZones() {
      const domains = await allNumberedPages(async (pageNumber) => {
        const answer = await call('alidns', 'DescribeDomains', () =>
          client.describeDomains(new $Dns.DescribeDomainsRequest({ pageNumber, pageSize: 100 })),
        );
        return { items: answer.body?.domains?.domain ?? [], totalCount: answer.body?.totalCount ?? 0 };
      });
      return domains.map((d) => d.domainName ?? '').filter(Boolean);
    },

    listRecords(zone, rr) {
      const subDomain = rr === '@' ? zone : `${rr}.${zone}`;
      return allNumberedPages<DnsRecord>(async (pageNumber) => {
        const answer = await call('alidns', 'DescribeSubDomainRecords', () =>
          client.describeSubDomainRecords(
            new $Dns.DescribeSubDomainRecordsRequest({ subDomain, domainName: zone, pageNumber, pageSize: 100 }),
          ),
        );
        const found = answer.body?.domainRecords?.record ?? [];
        const items = found.map((r) => ({
          id: String(r.recordId ?? ''),
          zone: r.domainName ?? zone,
          rr: r.RR ?? rr,
          type: r.type ?? '',
          value: r.value ?? '',
          ttl: r.TTL ?? 0,
          line: r.line ?? 'default',
          status: r.status ?? '',
          remark: r.remark ?? '',
        }));
        return { items, totalCount: answer.body?.totalCount ?? 0 };
      });
    },

    async addRecord(req) {
      const answer = await call('alidns', 'AddDomainRecord', () =>
        client.addDomainRecord(
          new $Dns.AddDomainRecordRequest({
            domainName: req.zone,
            RR: req.rr,
            type: req.type,
            value: req.value,
            TTL: req.ttl,
          }),
        ),
      );
      return { id: String(answer.body?.recordId ?? '') };
    },

    async updateRecord(req) {
      await call('alidns', 'UpdateDomainRecord', () =>
        client.updateDomainRecord(
          new $Dns.UpdateDomainRecordRequest({
            recordId: req.id,
            RR: req.rr,
            type: req.type,
            value: req.value,
            TTL: req.ttl,
          }),
        ),
      );
    },

    async setRemark(id, remark) {
      await call('alidns', 'UpdateDomainRecordRemark', () =>
        client.updateDomainRecordRemark(new $Dns.UpdateDomainRecordRemarkRequest({ recordId: id, remark })),
      );
    },

    async deleteRecord(id) {
      try {
        await call('alidns', 'DeleteDomainRecord', () =>
          client.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId: id })),
        );
        return 'deleted';
      } catch (error) {
        // An id that no longer exists is reported as not belonging to the caller (UpdateDomainRecord and
        // DeleteDomainRecord error codes).
        if (hasCloudCode(error, 'DomainRecordNotBelongToUser')) return 'absent';
        throw error;
      }
    },
  };
}
