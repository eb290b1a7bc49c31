import PopCore from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { cjsDefault } from '../../../src/lib/interop.js';
import { $Dns, dnsClient } from './support.js';

// The legacy @alicloud/pop-core client signs RPC V1 (HMAC-SHA1 over the query) and sends Action/Version/
// Format in the query: an independent client of the same Alidns wire.

const RPCClient = cjsDefault(PopCore);

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud.close();
});

describe('Alidns through pop-core (RPC V1)', () => {
  it('adds a record the official client then reads, and surfaces DomainRecordDuplicate', async () => {
    const client = new RPCClient({
      accessKeyId: cloud.info.accessKeyId,
      accessKeySecret: cloud.info.accessKeySecret,
      endpoint: cloud.endpoint,
      apiVersion: '2015-01-09',
    });
    const params = { DomainName: 'example.com', RR: 'legacy', Type: 'CNAME', Value: 'legacy.example.net' };
    const answer = (await client.request('AddDomainRecord', params, { method: 'POST' })) as {
      RecordId: unknown;
      RequestId: string;
    };
    expect(typeof answer.RecordId).toBe('string');
    expect(answer.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const info = await dnsClient(cloud).describeDomainRecordInfo(
      new $Dns.DescribeDomainRecordInfoRequest({ recordId: answer.RecordId as string }),
    );
    expect(info.body).toMatchObject({ RR: 'legacy', type: 'CNAME', TTL: 600, line: 'default' });
    await expect(client.request('AddDomainRecord', params, { method: 'POST' })).rejects.toMatchObject({
      code: 'DomainRecordDuplicate',
      data: { HostId: 'alidns.aliyuncs.com', Message: 'The DNS record already exists.' },
    });
  });
});
