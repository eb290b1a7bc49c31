import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../../src/emulator/index.js';
import { $Dns, addRecord, admin, dnsClient } from './support.js';

// With a data dir, zones and records survive a restart (the core persists after every write), the seed
// is not applied twice, and POST /_emulator/reset brings back only the seeded zone.

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'alidns-persist-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('Alidns persistence', () => {
  it('keeps zones, records, ids and remarks across a restart, and reset reseeds', async () => {
    const first = await startLocalCloud({ dataDir });
    const dns = dnsClient(first);
    const recordId = await addRecord(dns, { rr: 'keep', type: 'CNAME', value: 'kept.example.net' });
    await dns.updateDomainRecordRemark(new $Dns.UpdateDomainRecordRemarkRequest({ recordId, remark: 'kept' }));
    await admin(first, '/_emulator/alidns/zones', { name: 'extra.test' });
    const before = await dns.describeDomains(new $Dns.DescribeDomainsRequest({}));
    await first.close();

    const second = await startLocalCloud({ dataDir });
    try {
      const again = dnsClient(second);
      const after = await again.describeDomains(new $Dns.DescribeDomainsRequest({}));
      expect(after.body?.totalCount).toBe(2);
      expect(after.body?.domains?.domain?.map((d) => [d.domainName, d.domainId])).toEqual(
        before.body?.domains?.domain?.map((d) => [d.domainName, d.domainId]),
      );
      const info = await again.describeDomainRecordInfo(new $Dns.DescribeDomainRecordInfoRequest({ recordId }));
      expect(info.body).toMatchObject({ recordId, RR: 'keep', value: 'kept.example.net', remark: 'kept' });
      expect(second.services.alidns!.resolveHost!('keep.example.com', 80)).toEqual({ cname: 'kept.example.net' });
      // A new record never reuses an id.
      expect(await addRecord(again, { rr: 'new', type: 'A', value: '192.0.2.1' })).not.toBe(recordId);

      await fetch(`${second.endpoint}/_emulator/reset`, { method: 'POST' });
      const reset = await again.describeDomains(new $Dns.DescribeDomainsRequest({}));
      expect(reset.body?.domains?.domain?.map((d) => d.domainName)).toEqual(['example.com']);
      const records = await again.describeDomainRecords(
        new $Dns.DescribeDomainRecordsRequest({ domainName: 'example.com' }),
      );
      expect(records.body?.totalCount).toBe(0);
    } finally {
      await second.close();
    }
  });
});
