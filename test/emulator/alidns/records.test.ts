import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccounts } from '../../../src/emulator/auth/accounts.js';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { $Dns, addRecord, admin, dnsClient, expectDnsError, uniqueRr, type DnsClient } from './support.js';

// AddDomainRecord, UpdateDomainRecord, DeleteDomainRecord, DescribeDomainRecordInfo and
// UpdateDomainRecordRemark driven by the official client (docs/emulator.md §8 and its sources).

const OTHER_ACCOUNT = {
  accountId: '1000000000000002',
  identityType: 'RAMUser',
  principalName: 'other',
  keys: [{ accessKeyId: 'other-key', accessKeySecret: 'other-secret' }],
};

let cloud: LocalCloud;
let dns: DnsClient;
let otherDns: DnsClient;
beforeAll(async () => {
  cloud = await startLocalCloud({ accounts: [...defaultAccounts(), OTHER_ACCOUNT] });
  dns = dnsClient(cloud);
  otherDns = dnsClient(cloud, { accessKeyId: 'other-key', accessKeySecret: 'other-secret' });
});
afterAll(async () => {
  await cloud.close();
});

const info = (recordId: string) => dns.describeDomainRecordInfo(new $Dns.DescribeDomainRecordInfoRequest({ recordId }));

describe('Alidns records', () => {
  it('seeds example.com in every account and names it in the ready document', async () => {
    expect(cloud.info.domains).toEqual(['example.com']);
    const mine = await dns.describeDomains(new $Dns.DescribeDomainsRequest({}));
    const theirs = await otherDns.describeDomains(new $Dns.DescribeDomainsRequest({}));
    expect(mine.body?.domains?.domain?.map((d) => d.domainName)).toEqual(['example.com']);
    expect(theirs.body?.domains?.domain?.map((d) => d.domainName)).toEqual(['example.com']);
    expect(mine.body?.domains?.domain?.[0]?.domainId).not.toBe(theirs.body?.domains?.domain?.[0]?.domainId);
  });

  it('adds a CNAME with the defaults TTL 600 and Line default, RecordId a string beyond 2^53', async () => {
    const rr = uniqueRr('api');
    const recordId = await addRecord(dns, { rr, type: 'CNAME', value: 'alb-1.cn-hangzhou.alb.aliyuncs.com' });
    expect(recordId).toMatch(/^\d{17}$/);
    expect(BigInt(recordId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const answer = await info(recordId);
    expect(answer.statusCode).toBe(200);
    const body = answer.body!;
    expect(body).toBeInstanceOf($Dns.DescribeDomainRecordInfoResponseBody);
    expect(body.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(body).toMatchObject({
      recordId,
      domainName: 'example.com',
      RR: rr,
      type: 'CNAME',
      value: 'alb-1.cn-hangzhou.alb.aliyuncs.com',
      TTL: 600,
      line: 'default',
      status: 'ENABLE',
      locked: false,
    });
    expect(typeof body.domainId).toBe('string');
    expect(body.priority).toBeUndefined();
  });

  it('takes @ for the apex and refuses an empty RR', async () => {
    const recordId = await addRecord(dns, { rr: '@', type: 'TXT', value: 'v=spf1 -all' });
    expect((await info(recordId)).body?.RR).toBe('@');
    await expectDnsError(
      dns.addDomainRecord(
        new $Dns.AddDomainRecordRequest({ domainName: 'example.com', RR: '', type: 'A', value: '192.0.2.1' }),
      ),
      'MissingRR',
      'RR is mandatory for this action.',
    );
  });

  it('answers DomainRecordDuplicate for the same RR, Type, Value and Line, and accepts another line', async () => {
    const rr = uniqueRr('dup');
    await addRecord(dns, { rr, type: 'A', value: '192.0.2.10' });
    await expectDnsError(
      addRecord(dns, { rr: rr.toUpperCase(), type: 'a', value: '192.0.2.10' }),
      'DomainRecordDuplicate',
      'The DNS record already exists.',
    );
    await addRecord(dns, { rr, type: 'A', value: '192.0.2.10', line: 'telecom' });
    await addRecord(dns, { rr, type: 'A', value: '192.0.2.11' });
  });

  it('answers DomainRecordDuplicate to an update that changes nothing, and accepts a TTL-only change', async () => {
    const rr = uniqueRr('upd');
    const recordId = await addRecord(dns, { rr, type: 'CNAME', value: 'target.example.net' });
    const update = (fields: { value: string; ttl?: number; rr?: string }) =>
      dns.updateDomainRecord(
        new $Dns.UpdateDomainRecordRequest({
          recordId,
          RR: fields.rr ?? rr,
          type: 'CNAME',
          value: fields.value,
          TTL: fields.ttl,
        }),
      );
    await expectDnsError(update({ value: 'target.example.net' }), 'DomainRecordDuplicate');
    const changed = await update({ value: 'target.example.net', ttl: 1200 });
    expect(changed.body?.recordId).toBe(recordId);
    expect((await info(recordId)).body?.TTL).toBe(1200);
    const moved = await update({ value: 'other.example.net', ttl: 1200 });
    expect(moved.body).toBeInstanceOf($Dns.UpdateDomainRecordResponseBody);
    expect((await info(recordId)).body?.value).toBe('other.example.net');

    const twin = uniqueRr('twin');
    await addRecord(dns, { rr: twin, type: 'CNAME', value: 'taken.example.net' });
    await expectDnsError(update({ rr: twin, value: 'taken.example.net', ttl: 1200 }), 'DomainRecordDuplicate');
  });

  it('answers DomainRecordConflict between CNAME and A/AAAA/MX/TXT/SRV/CAA on one RR and line', async () => {
    const rr = uniqueRr('www');
    await addRecord(dns, { rr, type: 'A', value: '192.0.2.20' });
    const conflict = 'The domain record is conflict with other records.';
    await expectDnsError(
      addRecord(dns, { rr, type: 'CNAME', value: 'x.example.net' }),
      'DomainRecordConflict',
      conflict,
    );
    await addRecord(dns, { rr, type: 'CNAME', value: 'x.example.net', line: 'unicom' });

    const alias = uniqueRr('alias');
    await addRecord(dns, { rr: alias, type: 'CNAME', value: 'x.example.net' });
    for (const [type, value, priority] of [
      ['A', '192.0.2.21'],
      ['AAAA', '2001:db8::1'],
      ['MX', 'mx.example.net', 10],
      ['TXT', 'hello'],
      ['SRV', '1 1 443 srv.example.net'],
      ['CAA', '0 issue "letsencrypt.org"'],
    ] as Array<[string, string, number?]>) {
      await expectDnsError(addRecord(dns, { rr: alias, type, value, priority }), 'DomainRecordConflict');
    }
    // CNAME↔CNAME is repeatable on one line (Alidns record conflict rules): a second value is accepted.
    await addRecord(dns, { rr: alias, type: 'CNAME', value: 'y.example.net' });
  });

  it('relaxes the CNAME conflicts with MX and TXT at the apex, not with A', async () => {
    const apex = await startLocalCloud({ behaviour: { dnsZones: [{ name: 'apex.test' }] } });
    try {
      const client = dnsClient(apex);
      await addRecord(client, { zone: 'apex.test', rr: '@', type: 'MX', value: 'mx.apex.test', priority: 5 });
      await addRecord(client, { zone: 'apex.test', rr: '@', type: 'TXT', value: 'verify' });
      await addRecord(client, { zone: 'apex.test', rr: '@', type: 'CNAME', value: 'alb.example.net' });
      await expectDnsError(
        addRecord(client, { zone: 'apex.test', rr: '@', type: 'A', value: '192.0.2.1' }),
        'DomainRecordConflict',
      );
    } finally {
      await apex.close();
    }
  });

  it('answers DomainRecordConflict to an update that would put a CNAME beside an A', async () => {
    const rr = uniqueRr('mix');
    await addRecord(dns, { rr, type: 'A', value: '192.0.2.30' });
    const other = await addRecord(dns, { rr: uniqueRr('free'), type: 'CNAME', value: 'a.example.net' });
    await expectDnsError(
      dns.updateDomainRecord(
        new $Dns.UpdateDomainRecordRequest({ recordId: other, RR: rr, type: 'CNAME', value: 'a.example.net' }),
      ),
      'DomainRecordConflict',
    );
  });

  it('answers InvalidDomainName.NoExist for a zone not in the account and .Format for a malformed name', async () => {
    await expectDnsError(
      addRecord(dns, { zone: 'not-mine.com', rr: 'www', type: 'A', value: '192.0.2.1' }),
      'InvalidDomainName.NoExist',
      'The specified domain name does not exist. Refresh the page and try again.',
    );
    await expectDnsError(
      dns.describeDomainRecords(new $Dns.DescribeDomainRecordsRequest({ domainName: 'www.example.com' })),
      'InvalidDomainName.NoExist',
    );
    await expectDnsError(
      dns.describeDomainInfo(new $Dns.DescribeDomainInfoRequest({ domainName: 'nowhere.org' })),
      'InvalidDomainName.NoExist',
    );
    await expectDnsError(
      addRecord(dns, { zone: '_acme-challenge.example.com', rr: 'x', type: 'TXT', value: 'v' }),
      'InvalidDomainName.Format',
      'Invalid domain name.',
    );
  });

  it('answers DomainRecordNotBelongToUser for an unknown RecordId and for another account’s', async () => {
    const theirs = await addRecord(otherDns, { rr: uniqueRr('theirs'), type: 'A', value: '192.0.2.40' });
    const message = 'The DNS record does not exist in your account.';
    for (const recordId of ['12345', theirs]) {
      await expectDnsError(info(recordId), 'DomainRecordNotBelongToUser', message);
      await expectDnsError(
        dns.updateDomainRecord(
          new $Dns.UpdateDomainRecordRequest({ recordId, RR: 'x', type: 'A', value: '192.0.2.41' }),
        ),
        'DomainRecordNotBelongToUser',
      );
      await expectDnsError(
        dns.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId })),
        'DomainRecordNotBelongToUser',
      );
      await expectDnsError(
        dns.updateDomainRecordRemark(new $Dns.UpdateDomainRecordRemarkRequest({ recordId, remark: 'r' })),
        'DomainRecordNotBelongToUser',
      );
    }
    expect(
      (await otherDns.describeDomainRecordInfo(new $Dns.DescribeDomainRecordInfoRequest({ recordId: theirs }))).body
        ?.recordId,
    ).toBe(theirs);
  });

  it('bounds TTL by the metadata (1–86400) and by the zone edition (free: 600–86400)', async () => {
    const message = 'The specified TTL is invalid. A valid TTL must be in the range of 600 to 86400.';
    await expectDnsError(
      addRecord(dns, { rr: uniqueRr('ttl'), type: 'A', value: '192.0.2.50', ttl: 60 }),
      'QuotaExceeded.TTL',
      message,
    );
    await expectDnsError(addRecord(dns, { rr: uniqueRr('ttl'), type: 'A', value: '192.0.2.50', ttl: 0 }), 'InvalidTTL');
    await expectDnsError(
      addRecord(dns, { rr: uniqueRr('ttl'), type: 'A', value: '192.0.2.50', ttl: 86401 }),
      'InvalidTTL',
    );
    const recordId = await addRecord(dns, { rr: uniqueRr('ttl'), type: 'A', value: '192.0.2.50', ttl: 86400 });
    await expectDnsError(
      dns.updateDomainRecord(
        new $Dns.UpdateDomainRecordRequest({ recordId, RR: 'ttl-x', type: 'A', value: '192.0.2.50', TTL: 300 }),
      ),
      'QuotaExceeded.TTL',
    );
  });

  it('accepts the TTLs of a paid edition configured through dnsZones', async () => {
    const paid = await startLocalCloud({
      behaviour: {
        dnsZones: [
          { name: 'fast.test', edition: 'enterprise_ultimate' },
          { name: 'std.test', edition: 'enterprise_standard' },
        ],
      },
    });
    try {
      const client = dnsClient(paid);
      expect(paid.info.domains).toEqual(['fast.test', 'std.test']);
      await addRecord(client, { zone: 'fast.test', rr: 'a', type: 'A', value: '192.0.2.1', ttl: 1 });
      await addRecord(client, { zone: 'std.test', rr: 'a', type: 'A', value: '192.0.2.1', ttl: 60 });
      await expectDnsError(
        addRecord(client, { zone: 'std.test', rr: 'b', type: 'A', value: '192.0.2.1', ttl: 10 }),
        'QuotaExceeded.TTL',
        'The specified TTL is invalid. A valid TTL must be in the range of 60 to 86400.',
      );
    } finally {
      await paid.close();
    }
  });

  it('checks values: IPv4 for A, IPv6 for AAAA, a host name for CNAME, MX priority 1–50', async () => {
    const invalid = async (type: string, value: string) =>
      expectDnsError(addRecord(dns, { rr: uniqueRr('bad'), type, value }), 'SubDomainInvalid.Value');
    await invalid('A', '192.0.2.256');
    await invalid('A', 'example.net');
    await invalid('AAAA', '192.0.2.1');
    await invalid('CNAME', '192.0.2.1');
    await invalid('CNAME', 'not a host');
    await invalid('CNAME', 'localhost');
    await expectDnsError(addRecord(dns, { rr: 'bad host', type: 'A', value: '192.0.2.1' }), 'SubDomainInvalid.Value');
    await expectDnsError(addRecord(dns, { rr: uniqueRr('t'), type: 'BOGUS', value: 'x' }), 'InvalidParameter');
    await expectDnsError(
      addRecord(dns, { rr: uniqueRr('mx'), type: 'MX', value: 'mx.example.net' }),
      'MissingPriority',
    );
    for (const priority of [0, 51]) {
      await expectDnsError(
        addRecord(dns, { rr: uniqueRr('mx'), type: 'MX', value: 'mx.example.net', priority }),
        'InvalidPriority',
      );
    }
    const mx = await addRecord(dns, { rr: uniqueRr('mx'), type: 'MX', value: 'mx.example.net', priority: 50 });
    expect((await info(mx)).body?.priority).toBe(50);
    await addRecord(dns, { rr: uniqueRr('v6'), type: 'AAAA', value: '2001:db8::10' });
    await addRecord(dns, { rr: '_acme-challenge', type: 'TXT', value: 'token' });
    await addRecord(dns, { rr: '*', type: 'CNAME', value: 'wild.example.net.' });
  });

  it('keeps a remark set by UpdateDomainRecordRemark and clears it with an empty one', async () => {
    const rr = uniqueRr('note');
    const recordId = await addRecord(dns, { rr, type: 'A', value: '192.0.2.60' });
    const answer = await dns.updateDomainRecordRemark(
      new $Dns.UpdateDomainRecordRemarkRequest({ recordId, remark: 'managed by alb-fc' }),
    );
    expect(answer.body).toBeInstanceOf($Dns.UpdateDomainRecordRemarkResponseBody);
    expect(answer.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect((await info(recordId)).body?.remark).toBe('managed by alb-fc');
    const listed = await dns.describeSubDomainRecords(
      new $Dns.DescribeSubDomainRecordsRequest({ subDomain: `${rr}.example.com`, domainName: 'example.com' }),
    );
    expect(listed.body?.domainRecords?.record?.[0]?.remark).toBe('managed by alb-fc');
    await dns.updateDomainRecordRemark(new $Dns.UpdateDomainRecordRemarkRequest({ recordId }));
    expect((await info(recordId)).body?.remark).toBeUndefined();
  });

  it('deletes a record and answers DomainRecordNotBelongToUser for it afterwards', async () => {
    const recordId = await addRecord(dns, { rr: uniqueRr('gone'), type: 'A', value: '192.0.2.70' });
    const answer = await dns.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId }));
    expect(answer.body).toBeInstanceOf($Dns.DeleteDomainRecordResponseBody);
    expect(answer.body?.recordId).toBe(recordId);
    await expectDnsError(info(recordId), 'DomainRecordNotBelongToUser');
    await expectDnsError(
      dns.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId })),
      'DomainRecordNotBelongToUser',
    );
  });

  it('refuses to change or delete a locked record with DomainRecordLocked', async () => {
    const rr = uniqueRr('lock');
    const recordId = await addRecord(dns, { rr, type: 'A', value: '192.0.2.80' });
    expect((await admin(cloud, '/_emulator/alidns/record-state', { recordId, locked: true })).status).toBe(200);
    expect((await info(recordId)).body?.locked).toBe(true);
    await expectDnsError(
      dns.updateDomainRecord(new $Dns.UpdateDomainRecordRequest({ recordId, RR: rr, type: 'A', value: '192.0.2.81' })),
      'DomainRecordLocked',
      'The domain record has been locked.',
    );
    await expectDnsError(
      dns.deleteDomainRecord(new $Dns.DeleteDomainRecordRequest({ recordId })),
      'DomainRecordLocked',
    );
  });
});
