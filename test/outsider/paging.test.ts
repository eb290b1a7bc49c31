import { describe, expect, it } from 'vitest';
import {
  $Alb,
  $Dns,
  $Fc,
  admin,
  albClient,
  createFcGroup,
  createFunction,
  dnsClient,
  fcClient,
  useCloud,
} from './support.js';

// docs/emulator.md §3, paging (issue 3 §8): `--max-page-size 1` caps every page, and the answer reports the
// effective size, so a client's paging loop runs with three resources instead of a hundred.

const cloud = useCloud(['--max-page-size', '1']);

describe('--max-page-size 1', () => {
  it('ListServerGroups: MaxResults 20 asked, pages of 1 with NextToken until every group is read (SDK)', async () => {
    const alb = albClient(cloud);
    const ids: string[] = [];
    for (const name of ['page-a', 'page-b', 'page-c']) ids.push((await createFcGroup(alb, name)).serverGroupId!);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await alb.listServerGroups(
        new $Alb.ListServerGroupsRequest({ maxResults: 20, ...(token ? { nextToken: token } : {}) }),
      );
      expect(page.body?.maxResults).toBe(1);
      expect(page.body?.totalCount).toBe(3);
      expect(page.body?.serverGroups).toHaveLength(1);
      seen.push(...page.body!.serverGroups!.map((g) => g.serverGroupId!));
      token = page.body?.nextToken || undefined;
      pages++;
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('ListAsynJobs pages the same way (SDK)', async () => {
    const alb = albClient(cloud);
    const first = await alb.listAsynJobs(new $Alb.ListAsynJobsRequest({ resourceType: 'servergroup' }));
    expect(first.body?.jobs).toHaveLength(1);
    expect(first.body?.nextToken).toEqual(expect.any(String));
  });

  it('ListFunctions: limit 100 asked, pages of 1 with nextToken (FC SDK)', async () => {
    const fc = fcClient(cloud);
    for (const name of ['pf-a', 'pf-b', 'pf-c']) await createFunction(fc, name);
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await fc.listFunctions(
        new $Fc.ListFunctionsRequest({ limit: 100, ...(token ? { nextToken: token } : {}) }),
      );
      expect(page.body?.functions?.length ?? 0).toBeLessThanOrEqual(1);
      names.push(...(page.body?.functions ?? []).map((f) => f.functionName!));
      token = page.body?.nextToken || undefined;
      if (!token) break;
    }
    expect(names.sort()).toEqual(['pf-a', 'pf-b', 'pf-c']);
  });

  it('DescribeDomainRecords / DescribeDomains: PageSize 500 asked, PageSize 1 answered, PageNumber walks (Alidns SDK)', async () => {
    const dns = dnsClient(cloud);
    for (const rr of ['r1', 'r2', 'r3']) {
      await dns.addDomainRecord(
        new $Dns.AddDomainRecordRequest({
          domainName: 'example.com',
          RR: rr,
          type: 'CNAME',
          value: `${rr}.example.net`,
        }),
      );
    }
    const rrs: string[] = [];
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      const page = await dns.describeDomainRecords(
        new $Dns.DescribeDomainRecordsRequest({ domainName: 'example.com', pageSize: 500, pageNumber }),
      );
      expect(page.body).toMatchObject({ pageSize: 1, pageNumber, totalCount: 3 });
      rrs.push(...page.body!.domainRecords!.record!.map((r) => r.RR!));
    }
    expect(rrs.sort()).toEqual(['r1', 'r2', 'r3']);

    await admin(cloud, 'POST', '/_emulator/alidns/zones', { name: 'second.org' });
    const domains = await dns.describeDomains(new $Dns.DescribeDomainsRequest({ pageSize: 100 }));
    expect(domains.body).toMatchObject({ pageSize: 1, totalCount: 2 });
    expect(domains.body?.domains?.domain).toHaveLength(1);
  });
});
