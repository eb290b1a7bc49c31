import { hasCloudCode } from '../errors.js';
import type { DnsPort, DnsRecord } from '../ports.js';
import type { Caller } from './call.js';
import { allNumberedPages } from './pages.js';
import type { SdkClient } from './sdk-loader.js';

// Alibaba Cloud DNS (Alidns 2015-01-09) through the official client. Record ids are strings on the wire
// (`@alicloud/alidns20150109 AddDomainRecordResponseBody`, RecordId); pages are walked with PageNumber/PageSize until
// TotalCount is reached.

export function createDnsAdapter(dns: SdkClient<'alidns'>, call: Caller): DnsPort {
  return {
    async listZones() {
      const domains = await allNumberedPages(async (pageNumber) => {
        const answer = await call(dns, 'DescribeDomains', ({ client, sdk }) =>
          client.describeDomains(new sdk.DescribeDomainsRequest({ pageNumber, pageSize: 100 })),
        );
        return { items: answer.body?.domains?.domain ?? [], totalCount: answer.body?.totalCount ?? 0 };
      });
      return domains.map((d) => d.domainName ?? '').filter(Boolean);
    },

    listRecords(zone, rr) {
      const subDomain = rr === '@' ? zone : `${rr}.${zone}`;
      return allNumberedPages<DnsRecord>(async (pageNumber) => {
        const answer = await call(dns, 'DescribeSubDomainRecords', ({ client, sdk }) =>
          client.describeSubDomainRecords(
            new sdk.DescribeSubDomainRecordsRequest({ subDomain, domainName: zone, pageNumber, pageSize: 100 }),
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
      const answer = await call(dns, 'AddDomainRecord', ({ client, sdk }) =>
        client.addDomainRecord(
          new sdk.AddDomainRecordRequest({
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
      await call(dns, 'UpdateDomainRecord', ({ client, sdk }) =>
        client.updateDomainRecord(
          new sdk.UpdateDomainRecordRequest({
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
      await call(dns, 'UpdateDomainRecordRemark', ({ client, sdk }) =>
        client.updateDomainRecordRemark(new sdk.UpdateDomainRecordRemarkRequest({ recordId: id, remark })),
      );
    },

    async deleteRecord(id) {
      try {
        await call(dns, 'DeleteDomainRecord', ({ client, sdk }) =>
          client.deleteDomainRecord(new sdk.DeleteDomainRecordRequest({ recordId: id })),
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
