import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { $Dns, addRecord, admin, dnsClient, type DnsClient } from './support.js';

// With `maxPageSize: 1` every page holds one item whatever PageSize asks for, so a client walking pages
// by PageNumber until TotalCount sees every record and zone exactly once.

let cloud: LocalCloud;
let dns: DnsClient;
beforeAll(async () => {
  cloud = await startLocalCloud({ maxPageSize: 1 });
  dns = dnsClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

describe('Alidns paging with a one-item page', () => {
  it('walks DescribeDomainRecords and DescribeSubDomainRecords page by page', async () => {
    const added = [
      await addRecord(dns, { rr: 'www', type: 'A', value: '192.0.2.1' }),
      await addRecord(dns, { rr: 'www', type: 'A', value: '192.0.2.2' }),
      await addRecord(dns, { rr: 'www', type: 'A', value: '192.0.2.3' }),
    ];
    const seen: string[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const answer = await dns.describeDomainRecords(
        new $Dns.DescribeDomainRecordsRequest({ domainName: 'example.com', pageNumber, pageSize: 100 }),
      );
      expect(answer.body).toMatchObject({ pageNumber, pageSize: 1, totalCount: 3 });
      const page = answer.body?.domainRecords?.record ?? [];
      seen.push(...page.map((r) => r.recordId!));
      if (page.length === 0 || seen.length >= answer.body!.totalCount!) break;
    }
    expect(seen).toEqual([...added].reverse());

    const sub: string[] = [];
    for (let pageNumber = 1; pageNumber <= 4; pageNumber++) {
      const answer = await dns.describeSubDomainRecords(
        new $Dns.DescribeSubDomainRecordsRequest({ subDomain: 'www.example.com', pageNumber }),
      );
      expect(answer.body?.pageSize).toBe(1);
      sub.push(...(answer.body?.domainRecords?.record ?? []).map((r) => r.recordId!));
    }
    expect(new Set(sub)).toEqual(new Set(added));
    expect(sub).toHaveLength(3);
  });

  it('walks DescribeDomains page by page', async () => {
    await admin(cloud, '/_emulator/alidns/zones', { name: 'one.test' });
    await admin(cloud, '/_emulator/alidns/zones', { name: 'two.test' });
    const names: string[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const answer = await dns.describeDomains(new $Dns.DescribeDomainsRequest({ pageNumber, pageSize: 100 }));
      expect(answer.body?.pageSize).toBe(1);
      const page = answer.body?.domains?.domain ?? [];
      names.push(...page.map((d) => d.domainName!));
      if (page.length === 0 || names.length >= answer.body!.totalCount!) break;
    }
    expect(names.sort()).toEqual(['example.com', 'one.test', 'two.test']);
  });
});
