import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { $Dns, addRecord, admin, dnsClient, expectDnsError, type DnsClient } from './support.js';

// DescribeDomainRecords, DescribeSubDomainRecords, DescribeDomains and DescribeDomainInfo driven by the
// official client: envelopes, filters, SubDomain splitting and paging (`@alicloud/alidns20150109` models).

let cloud: LocalCloud;
let dns: DnsClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  cloud = await startLocalCloud();
  dns = dnsClient(cloud);
  // Oldest first; the listings answer newest first.
  ids.www = await addRecord(dns, { rr: 'www', type: 'A', value: '192.0.2.1' });
  ids.www2 = await addRecord(dns, { rr: 'www', type: 'A', value: '192.0.2.2' });
  ids.api = await addRecord(dns, { rr: 'api', type: 'CNAME', value: 'alb-api.cn-hangzhou.alb.aliyuncs.com' });
  ids.mail = await addRecord(dns, { rr: '@', type: 'MX', value: 'mx.mail.example.net', priority: 10 });
  ids.deep = await addRecord(dns, { rr: 'a.www', type: 'TXT', value: 'deep-www' });
  ids.off = await addRecord(dns, { rr: 'off', type: 'A', value: '198.51.100.7' });
  await admin(cloud, '/_emulator/alidns/record-state', { recordId: ids.off, status: 'DISABLE' });
});
afterAll(async () => {
  await cloud.close();
});

const list = (fields: Partial<ConstructorParameters<typeof $Dns.DescribeDomainRecordsRequest>[0]> = {}) =>
  dns.describeDomainRecords(new $Dns.DescribeDomainRecordsRequest({ domainName: 'example.com', ...fields }));
const recordIds = (answer: Awaited<ReturnType<typeof list>>) =>
  answer.body?.domainRecords?.record?.map((r) => r.recordId);

describe('Alidns record listings', () => {
  it('lists records newest first in the DomainRecords.Record envelope with every always-present field', async () => {
    const answer = await list();
    const body = answer.body!;
    expect(body).toBeInstanceOf($Dns.DescribeDomainRecordsResponseBody);
    expect(body).toMatchObject({ totalCount: 6, pageNumber: 1, pageSize: 20 });
    expect(recordIds(answer)).toEqual([ids.off, ids.deep, ids.mail, ids.api, ids.www2, ids.www]);
    const record = body.domainRecords!.record!.find((r) => r.recordId === ids.api)!;
    expect(record).toBeInstanceOf($Dns.DescribeDomainRecordsResponseBodyDomainRecordsRecord);
    expect(record).toMatchObject({
      domainName: 'example.com',
      RR: 'api',
      type: 'CNAME',
      value: 'alb-api.cn-hangzhou.alb.aliyuncs.com',
      TTL: 600,
      line: 'default',
      status: 'ENABLE',
      locked: false,
    });
    expect(record.createTimestamp).toBeTypeOf('number');
    expect(record.updateTimestamp).toBeGreaterThanOrEqual(record.createTimestamp!);
    expect(body.domainRecords!.record!.find((r) => r.recordId === ids.mail)!.priority).toBe(10);
    expect(body.domainRecords!.record!.find((r) => r.recordId === ids.off)!.status).toBe('DISABLE');
  });

  it('answers an empty envelope, not an absent one, when nothing matches', async () => {
    const response = await list({ RRKeyWord: 'nothing-like-this' });
    expect(response.body?.totalCount).toBe(0);
    expect(response.body?.domainRecords?.record).toEqual([]);
  });

  it('filters by KeyWord (LIKE by default, EXACT), RRKeyWord, ValueKeyWord, TypeKeyWord, Type and Status', async () => {
    expect(recordIds(await list({ keyWord: 'ww' }))).toEqual([ids.deep, ids.www2, ids.www]);
    expect(recordIds(await list({ keyWord: 'WWW', searchMode: 'EXACT' }))).toEqual([ids.www2, ids.www]);
    expect(recordIds(await list({ keyWord: '192.0.2.2', searchMode: 'EXACT' }))).toEqual([ids.www2]);
    // LIKE/EXACT ignore the other filters (metadata SearchMode).
    expect(recordIds(await list({ keyWord: 'www', searchMode: 'EXACT', type: 'MX' }))).toEqual([ids.www2, ids.www]);
    expect(recordIds(await list({ RRKeyWord: 'WW' }))).toEqual([ids.deep, ids.www2, ids.www]);
    expect(recordIds(await list({ valueKeyWord: 'aliyuncs' }))).toEqual([ids.api]);
    expect(recordIds(await list({ typeKeyWord: 'mx' }))).toEqual([ids.mail]);
    expect(recordIds(await list({ typeKeyWord: 'M' }))).toEqual([]);
    expect(recordIds(await list({ type: 'A', searchMode: 'ADVANCED' }))).toEqual([ids.off, ids.www2, ids.www]);
    expect(recordIds(await list({ type: 'A', status: 'Enable' }))).toEqual([ids.www2, ids.www]);
    expect(recordIds(await list({ status: 'Disable' }))).toEqual([ids.off]);
    expect(recordIds(await list({ line: 'telecom' }))).toEqual([]);
    expect(recordIds(await list({ direction: 'ASC', type: 'A' }))).toEqual([ids.www, ids.www2, ids.off]);
    expect(recordIds(await list({ groupId: 0 }))).toEqual([]);
    expect((await list({ groupId: -2 })).body?.totalCount).toBe(6);
    await expectDnsError(list({ searchMode: 'FUZZY' }), 'InvalidParameter');
  });

  it('pages with PageNumber and PageSize and enforces the metadata maximum', async () => {
    const second = await list({ pageNumber: 2, pageSize: 4 });
    expect(second.body).toMatchObject({ totalCount: 6, pageNumber: 2, pageSize: 4 });
    expect(recordIds(second)).toEqual([ids.www2, ids.www]);
    expect(recordIds(await list({ pageNumber: 3, pageSize: 4 }))).toEqual([]);
    await expectDnsError(list({ pageSize: 501 }), 'InvalidPageSize', 'Specified parameter PageSize is not valid.');
    await expectDnsError(list({ pageNumber: 0 }), 'InvalidPageNumber');
  });
});

describe('DescribeSubDomainRecords', () => {
  const sub = (subDomain: string, extra: { domainName?: string; type?: string; line?: string } = {}) =>
    dns.describeSubDomainRecords(new $Dns.DescribeSubDomainRecordsRequest({ subDomain, ...extra }));
  const subIds = (answer: Awaited<ReturnType<typeof sub>>) =>
    answer.body?.domainRecords?.record?.map((r) => r.recordId);

  it('splits SubDomain at the registered domain when DomainName is absent', async () => {
    const answer = await sub('a.www.example.com');
    expect(answer.body).toBeInstanceOf($Dns.DescribeSubDomainRecordsResponseBody);
    expect(answer.body).toMatchObject({ totalCount: 1, pageNumber: 1, pageSize: 20 });
    const record = answer.body!.domainRecords!.record![0]!;
    expect(record).toBeInstanceOf($Dns.DescribeSubDomainRecordsResponseBodyDomainRecordsRecord);
    expect(record).toMatchObject({ recordId: ids.deep, RR: 'a.www', type: 'TXT', value: 'deep-www', TTL: 600 });
    expect(subIds(await sub('WWW.example.com.'))).toEqual([ids.www2, ids.www]);
    expect(subIds(await sub('example.com'))).toEqual([ids.mail]);
  });

  it('takes the zone from DomainName when given, down to the apex `@` (SDK doc)', async () => {
    expect((await admin(cloud, '/_emulator/alidns/zones', { name: 'www.example.com' })).status).toBe(200);
    const inSubZone = await addRecord(dns, { zone: 'www.example.com', rr: 'a', type: 'A', value: '192.0.2.99' });
    const apexOfSubZone = await addRecord(dns, { zone: 'www.example.com', rr: '@', type: 'A', value: '192.0.2.98' });
    expect(subIds(await sub('a.www.example.com', { domainName: 'www.example.com' }))).toEqual([inSubZone]);
    expect(subIds(await sub('a.www.example.com'))).toEqual([ids.deep]);
    expect(subIds(await sub('www.example.com', { domainName: 'www.example.com' }))).toEqual([apexOfSubZone]);
    expect(subIds(await sub('www.example.com', { domainName: 'example.com' }))).toEqual([ids.www2, ids.www]);
    expect((await sub('other.org', { domainName: 'example.com' })).body?.totalCount).toBe(0);
  });

  it('splits under a two-label public suffix such as com.cn', async () => {
    await admin(cloud, '/_emulator/alidns/zones', { name: 'example.com.cn' });
    const recordId = await addRecord(dns, { zone: 'example.com.cn', rr: 'a.b', type: 'A', value: '192.0.2.5' });
    expect(subIds(await sub('a.b.example.com.cn'))).toEqual([recordId]);
  });

  it('filters by Type (any case) and Line', async () => {
    expect(subIds(await sub('www.example.com', { type: 'cname' }))).toEqual([]);
    expect(subIds(await sub('www.example.com', { type: 'a' }))).toEqual([ids.www2, ids.www]);
    expect(subIds(await sub('www.example.com', { line: 'unicom' }))).toEqual([]);
  });

  it('answers InvalidDomainName.NoExist for a SubDomain in no zone of the account', async () => {
    await expectDnsError(sub('www.unknown-zone.net'), 'InvalidDomainName.NoExist');
    await expectDnsError(sub('x.example.com', { domainName: 'unknown-zone.net' }), 'InvalidDomainName.NoExist');
  });
});

describe('DescribeDomains and DescribeDomainInfo', () => {
  it('lists the zones newest first with their always-present fields, KeyWord LIKE and EXACT', async () => {
    await admin(cloud, '/_emulator/alidns/zones', { name: 'shop.test' });
    const answer = await dns.describeDomains(new $Dns.DescribeDomainsRequest({}));
    const body = answer.body!;
    expect(body).toBeInstanceOf($Dns.DescribeDomainsResponseBody);
    const names = body.domains?.domain?.map((d) => d.domainName);
    expect(names?.at(-1)).toBe('example.com');
    expect(new Set(names)).toEqual(new Set(['example.com', 'www.example.com', 'example.com.cn', 'shop.test']));
    expect(body).toMatchObject({ totalCount: 4, pageNumber: 1, pageSize: 20 });
    const zone = body.domains!.domain!.find((d) => d.domainName === 'example.com')!;
    expect(zone).toBeInstanceOf($Dns.DescribeDomainsResponseBodyDomainsDomain);
    expect(zone).toMatchObject({ recordCount: 6, aliDomain: false, versionCode: 'mianfei', starmark: false });
    expect(zone.domainId).toMatch(/^[0-9a-f-]{36}$/);
    expect(zone.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(zone.createTimestamp).toBeTypeOf('number');
    expect(zone.dnsServers?.dnsServer?.length).toBe(2);

    const like = await dns.describeDomains(new $Dns.DescribeDomainsRequest({ keyWord: 'EXAMPLE' }));
    expect(like.body?.totalCount).toBe(3);
    const exact = await dns.describeDomains(
      new $Dns.DescribeDomainsRequest({ keyWord: 'example.com', searchMode: 'EXACT' }),
    );
    expect(exact.body?.domains?.domain?.map((d) => d.domainName)).toEqual(['example.com']);
    const none = await dns.describeDomains(new $Dns.DescribeDomainsRequest({ groupId: '2223' }));
    expect(none.body?.domains?.domain).toEqual([]);
    await expectDnsError(dns.describeDomains(new $Dns.DescribeDomainsRequest({ pageSize: 101 })), 'InvalidPageSize');
  });

  it('describes one zone, with the edition details only when NeedDetailAttributes=true', async () => {
    const plain = await dns.describeDomainInfo(new $Dns.DescribeDomainInfoRequest({ domainName: 'example.com' }));
    expect(plain.body).toBeInstanceOf($Dns.DescribeDomainInfoResponseBody);
    expect(plain.body).toMatchObject({
      domainName: 'example.com',
      versionCode: 'mianfei',
      subDomain: false,
      aliDomain: false,
    });
    expect(plain.body?.minTtl).toBeUndefined();
    const detailed = await dns.describeDomainInfo(
      new $Dns.DescribeDomainInfoRequest({ domainName: 'www.example.com', needDetailAttributes: true }),
    );
    expect(detailed.body).toMatchObject({ subDomain: true, minTtl: 600 });
    expect(detailed.body?.availableTtls?.availableTtl).toContain('600');
    expect(detailed.body?.recordLines?.recordLine?.map((l) => l.lineCode)).toContain('default');
  });
});
