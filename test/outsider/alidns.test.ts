import { beforeAll, describe, expect, it } from 'vitest';
import { $Dns, admin, dnsClient, expectPopError, popClient, useCloud, type DnsClient } from './support.js';

// docs/emulator.md §8 (Alibaba Cloud DNS), through the official Alidns client.

const cloud = useCloud();
let dns: DnsClient;
beforeAll(async () => {
  dns = dnsClient(cloud);
});

type AddInput = ConstructorParameters<typeof $Dns.AddDomainRecordRequest>[0];
const add = (input: Partial<AddInput>) =>
  dns.addDomainRecord(new $Dns.AddDomainRecordRequest({ domainName: 'example.com', type: 'CNAME', ...input }));
const records = (input: Partial<ConstructorParameters<typeof $Dns.DescribeDomainRecordsRequest>[0]> = {}) =>
  dns.describeDomainRecords(new $Dns.DescribeDomainRecordsRequest({ domainName: 'example.com', ...input }));

describe('records (Alidns SDK models)', () => {
  it('RecordId is a string of 17 digits, above 2^53 (SDK examples); defaults TTL 600, Line default, Status ENABLE', async () => {
    const added = await add({ RR: 'api', value: 'target.example.net' });
    expect(typeof added.body?.recordId).toBe('string');
    expect(added.body?.recordId).toMatch(/^\d{17}$/);
    expect(BigInt(added.body!.recordId!) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const info = await dns.describeDomainRecordInfo(
      new $Dns.DescribeDomainRecordInfoRequest({ recordId: added.body!.recordId! }),
    );
    expect(info.body).toMatchObject({
      recordId: added.body!.recordId,
      domainName: 'example.com',
      RR: 'api',
      type: 'CNAME',
      value: 'target.example.net',
      TTL: 600,
      line: 'default',
      status: 'ENABLE',
    });
  });

  it('the raw answer carries RecordId as a JSON string, so number-parsing clients keep all digits (SDK: RecordId string)', async () => {
    const added = await add({ RR: 'raw', value: 'raw.example.net' });
    // pop-core hands back JSON.parse of the body as is: a number here would have lost digits.
    const raw = (await popClient(cloud, '2015-01-09').request('DescribeDomainRecords', {
      DomainName: 'example.com',
      RRKeyWord: 'raw',
    })) as { DomainRecords: { Record: Array<{ RecordId: unknown }> } };
    expect(raw.DomainRecords.Record.map((r) => r.RecordId)).toEqual([added.body?.recordId]);
  });

  it('envelope DomainRecords.Record[] with TotalCount/PageNumber/PageSize; empty results are empty arrays (SDK)', async () => {
    const empty = await records({ RRKeyWord: 'nothing-matches-this' });
    expect(empty.body).toMatchObject({ totalCount: 0, pageNumber: 1, pageSize: 20 });
    expect(empty.body?.domainRecords?.record).toEqual([]);
  });

  it('PageNumber/PageSize paging, newest first (metadata)', async () => {
    for (const rr of ['page-1', 'page-2', 'page-3']) await add({ RR: rr, value: `${rr}.example.net` });
    const first = await records({ RRKeyWord: 'page-', pageSize: 2, pageNumber: 1 });
    const second = await records({ RRKeyWord: 'page-', pageSize: 2, pageNumber: 2 });
    expect(first.body).toMatchObject({ totalCount: 3, pageSize: 2, pageNumber: 1 });
    expect(first.body?.domainRecords?.record?.map((r) => r.RR)).toEqual(['page-3', 'page-2']);
    expect(second.body?.domainRecords?.record?.map((r) => r.RR)).toEqual(['page-1']);
  });

  it('DescribeSubDomainRecords splits a.www.example.com into zone + RR (DescribeSubDomainRecordsRequest)', async () => {
    await add({ RR: 'a.www', value: 'deep.example.net' });
    const sub = await dns.describeSubDomainRecords(
      new $Dns.DescribeSubDomainRecordsRequest({ subDomain: 'a.www.example.com' }),
    );
    expect(sub.body?.totalCount).toBe(1);
    expect(sub.body?.domainRecords?.record?.[0]).toMatchObject({ RR: 'a.www', domainName: 'example.com' });
  });

  it('Type is case-insensitive; RR @ is the apex; UpdateDomainRecordRemark and DescribeDomainInfo answer (metadata)', async () => {
    const added = await add({ RR: '@', type: 'mx', value: 'mx1.example.net', priority: 5 });
    const info = await dns.describeDomainRecordInfo(
      new $Dns.DescribeDomainRecordInfoRequest({ recordId: added.body!.recordId! }),
    );
    expect(info.body).toMatchObject({ type: 'MX', RR: '@', priority: 5 });
    await dns.updateDomainRecordRemark(
      new $Dns.UpdateDomainRecordRemarkRequest({ recordId: added.body!.recordId!, remark: 'apex mail' }),
    );
    const listed = await records({ type: 'MX' });
    expect(listed.body?.domainRecords?.record?.find((r) => r.recordId === added.body?.recordId)?.remark).toBe(
      'apex mail',
    );
    const zone = await dns.describeDomainInfo(new $Dns.DescribeDomainInfoRequest({ domainName: 'example.com' }));
    expect(zone.body?.domainName).toBe('example.com');
  });

  it('DescribeDomains: the seeded zone, Domains.Domain[] envelope (emulator.md §8, SDK)', async () => {
    const domains = await dns.describeDomains(new $Dns.DescribeDomainsRequest({}));
    expect(domains.body).toMatchObject({ totalCount: 1, pageNumber: 1 });
    expect(domains.body?.domains?.domain?.[0]?.domainName).toBe('example.com');
  });
});

describe('record errors (DDNS captures, conflict rules, TTL by edition)', () => {
  it('the same RR+Type+Value+Line → DomainRecordDuplicate "The DNS record already exists."', async () => {
    await add({ RR: 'dup', value: 'dup.example.net' });
    const error = await expectPopError(
      add({ RR: 'dup', value: 'dup.example.net' }),
      'DomainRecordDuplicate',
      400,
      'Alidns',
    );
    expect(error.data?.Message).toBe('The DNS record already exists.');
    expect(error.data?.HostId).toBe('alidns.aliyuncs.com');
  });

  it('an Update that changes nothing → DomainRecordDuplicate; a TTL-only change is accepted', async () => {
    const added = await add({ RR: 'same', value: 'same.example.net' });
    const update = (ttl?: number) =>
      dns.updateDomainRecord(
        new $Dns.UpdateDomainRecordRequest({
          recordId: added.body!.recordId!,
          RR: 'same',
          type: 'CNAME',
          value: 'same.example.net',
          ...(ttl ? { TTL: ttl } : {}),
        }),
      );
    await expectPopError(update(), 'DomainRecordDuplicate', 400, 'Alidns');
    const changed = await update(1200);
    expect(changed.body?.recordId).toBe(added.body?.recordId);
  });

  it('DomainRecordConflict: CNAME vs A on the same RR and line; MX/TXT only away from @; other lines and other CNAMEs never', async () => {
    await add({ RR: 'clash', type: 'A', value: '192.0.2.10' });
    await expectPopError(add({ RR: 'clash', value: 'c.example.net' }), 'DomainRecordConflict', 400, 'Alidns');
    await add({ RR: 'mail', type: 'MX', value: 'mx.example.net', priority: 10 });
    await expectPopError(add({ RR: 'mail', value: 'm.example.net' }), 'DomainRecordConflict', 400, 'Alidns');
    await add({ RR: '@', type: 'TXT', value: 'v=spf1 -all' });
    await add({ RR: '@', value: 'apex.example.net' });
    await add({ RR: 'clash', value: 'c.example.net', line: 'telecom' });
    await add({ RR: 'twice', value: 'one.example.net' });
    await add({ RR: 'twice', value: 'two.example.net' });
  });

  it('a zone not in the account → InvalidDomainName.NoExist; a malformed name → InvalidDomainName.Format (DDNS captures)', async () => {
    await expectPopError(
      add({ domainName: 'not-in-this-account.org', RR: 'x', value: 'x.example.net' }),
      'InvalidDomainName.NoExist',
      400,
      'Alidns',
    );
    await expectPopError(
      add({ domainName: 'bad..name', RR: 'x', value: 'x.example.net' }),
      'InvalidDomainName.Format',
      400,
      'Alidns',
    );
  });

  it('an unknown RecordId → DomainRecordNotBelongToUser (UpdateDomainRecord error table)', async () => {
    await expectPopError(
      dns.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId: '12345678901234567' })),
      'DomainRecordNotBelongToUser',
      400,
      'Alidns',
    );
  });

  it('a TTL below the free edition range (600) → QuotaExceeded.TTL (TTL by edition)', async () => {
    await expectPopError(add({ RR: 'ttl', value: 'ttl.example.net', TTL: 60 }), 'QuotaExceeded.TTL', 400, 'Alidns');
  });

  it('an enterprise zone (POST /_emulator/alidns/zones) accepts a TTL of 60 (TTL by edition)', async () => {
    await admin(cloud, 'POST', '/_emulator/alidns/zones', { name: 'corp.org', edition: 'enterprise_standard' });
    const added = await add({ domainName: 'corp.org', RR: 'fast', value: 'fast.example.net', TTL: 60 });
    expect(added.body?.recordId).toMatch(/^\d+$/);
    await expectPopError(
      add({ domainName: 'corp.org', RR: 'faster', value: 'f.example.net', TTL: 30 }),
      'QuotaExceeded.TTL',
      400,
      'Alidns',
    );
  });

  it('a value of the wrong form (A that is no IPv4) → SubDomainInvalid.Value (assumption)', async () => {
    await expectPopError(add({ RR: 'bad-a', type: 'A', value: 'not-an-ip' }), 'SubDomainInvalid.Value', 400, 'Alidns');
  });

  it('a locked record (POST /_emulator/alidns/record-state) → DomainRecordLocked on update and delete (UpdateDomainRecord error table)', async () => {
    const added = await add({ RR: 'locked', value: 'locked.example.net' });
    await admin(cloud, 'POST', '/_emulator/alidns/record-state', { recordId: added.body!.recordId, locked: true });
    await expectPopError(
      dns.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId: added.body!.recordId! })),
      'DomainRecordLocked',
      400,
      'Alidns',
    );
    await expectPopError(
      dns.updateDomainRecord(
        new $Dns.UpdateDomainRecordRequest({
          recordId: added.body!.recordId!,
          RR: 'locked',
          type: 'CNAME',
          value: 'elsewhere.example.net',
        }),
      ),
      'DomainRecordLocked',
      400,
      'Alidns',
    );
  });

  it('DeleteDomainRecord answers {RequestId, RecordId}; the record is gone', async () => {
    const added = await add({ RR: 'gone', value: 'gone.example.net' });
    const deleted = await dns.deleteDomainRecord(
      new $Dns.DeleteDomainRecordRequest({ recordId: added.body!.recordId! }),
    );
    expect(deleted.body?.recordId).toBe(added.body?.recordId);
    expect((await records({ RRKeyWord: 'gone' })).body?.domainRecords?.record).toEqual([]);
  });
});
