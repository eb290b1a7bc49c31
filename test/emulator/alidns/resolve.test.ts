import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { addRecord, admin, dnsClient, type DnsClient } from './support.js';

// The local cloud's DNS: an ENABLE CNAME record on the default line answers the name it holds, in the
// longest zone containing the host; GET /_emulator/resolve chains it with the ALB service's names.

let cloud: LocalCloud;
let dns: DnsClient;
beforeAll(async () => {
  cloud = await startLocalCloud();
  dns = dnsClient(cloud);
});
afterAll(async () => {
  await cloud.close();
});

const resolve = (host: string) => cloud.services.alidns!.resolveHost!(host, 80);

describe('Alidns name resolution', () => {
  it('answers the CNAME of a host, case-insensitive and with or without a trailing dot', async () => {
    await addRecord(dns, { rr: 'api', type: 'CNAME', value: 'Alb-Target.cn-hangzhou.alb.aliyuncs.com.' });
    expect(resolve('api.example.com')).toEqual({ cname: 'alb-target.cn-hangzhou.alb.aliyuncs.com' });
    expect(resolve('API.Example.COM.')).toEqual({ cname: 'alb-target.cn-hangzhou.alb.aliyuncs.com' });
    expect(resolve('nothing.example.com')).toBeUndefined();
    expect(resolve('api.example.org')).toBeUndefined();
  });

  it('follows the `@` apex rule', async () => {
    const apex = await startLocalCloud({ behaviour: { dnsZones: [{ name: 'apex.test' }] } });
    try {
      await addRecord(dnsClient(apex), { zone: 'apex.test', rr: '@', type: 'CNAME', value: 'front.example.net' });
      expect(apex.services.alidns!.resolveHost!('apex.test', 80)).toEqual({ cname: 'front.example.net' });
      expect(apex.services.alidns!.resolveHost!('www.apex.test', 80)).toBeUndefined();
    } finally {
      await apex.close();
    }
  });

  it('answers nothing for A records, DISABLE records and other lines', async () => {
    await addRecord(dns, { rr: 'ip', type: 'A', value: '192.0.2.1' });
    expect(resolve('ip.example.com')).toBeUndefined();
    const paused = await addRecord(dns, { rr: 'paused', type: 'CNAME', value: 'x.example.net' });
    expect(resolve('paused.example.com')).toEqual({ cname: 'x.example.net' });
    await admin(cloud, '/_emulator/alidns/record-state', { recordId: paused, status: 'DISABLE' });
    expect(resolve('paused.example.com')).toBeUndefined();
    await addRecord(dns, { rr: 'isp', type: 'CNAME', value: 'x.example.net', line: 'telecom' });
    expect(resolve('isp.example.com')).toBeUndefined();
  });

  it('picks the longest zone containing the host', async () => {
    await admin(cloud, '/_emulator/alidns/zones', { name: 'dev.example.com' });
    await addRecord(dns, { rr: 'app.dev', type: 'CNAME', value: 'parent-zone.example.net' });
    await addRecord(dns, { zone: 'dev.example.com', rr: 'app', type: 'CNAME', value: 'child-zone.example.net' });
    expect(resolve('app.dev.example.com')).toEqual({ cname: 'child-zone.example.net' });
  });

  it('answers the oldest of several CNAMEs on one line, and wildcards where no closer name exists', async () => {
    await addRecord(dns, { rr: 'twice', type: 'CNAME', value: 'first.example.net' });
    await addRecord(dns, { rr: 'twice', type: 'CNAME', value: 'second.example.net' });
    expect(resolve('twice.example.com')).toEqual({ cname: 'first.example.net' });
    await addRecord(dns, { rr: '*.wild', type: 'CNAME', value: 'wild.example.net' });
    expect(resolve('anything.wild.example.com')).toEqual({ cname: 'wild.example.net' });
    expect(resolve('api.example.com')).toEqual({ cname: 'alb-target.cn-hangzhou.alb.aliyuncs.com' });
  });

  it('serves the CNAME hop through GET /_emulator/resolve', async () => {
    // The local cloud seeds a load balancer: the chain reaches its DNS name and the listener address.
    const lb = cloud.info.loadBalancers[0];
    expect(lb).toBeDefined();
    const target = lb!.dnsName;
    await addRecord(dns, { rr: 'chain', type: 'CNAME', value: target });
    expect(resolve('chain.example.com')).toEqual({ cname: target });
    const response = await fetch(`${cloud.endpoint}/_emulator/resolve?host=chain.example.com&port=80`);
    const body = (await response.json()) as { chain?: string[]; address?: string };
    expect(response.status).toBe(200);
    expect(body.chain?.slice(0, 2)).toEqual(['chain.example.com', target]);
    expect(body.address).toBeDefined();
    const unknown = await fetch(`${cloud.endpoint}/_emulator/resolve?host=nope.example.com&port=80`);
    expect(unknown.status).toBe(404);
  });

  it('shows zones and records in GET /_emulator/state', async () => {
    const state = (await (await fetch(`${cloud.endpoint}/_emulator/state`)).json()) as {
      services: { alidns: { zones: Array<{ domainName: string }>; records: Array<Record<string, unknown>> } };
    };
    expect(state.services.alidns.zones.map((z) => z.domainName)).toEqual(['example.com', 'dev.example.com']);
    expect(state.services.alidns.records).toContainEqual(
      expect.objectContaining({ fqdn: 'api.example.com', type: 'CNAME', status: 'ENABLE', ttl: 600 }),
    );
  });
});

// Every account hosts its own `example.com`. Regression: the records of all of them were read as one zone,
// so another account's record could answer, or hide, a name.
describe('Alidns name resolution across accounts', () => {
  let shared: LocalCloud;
  let first: DnsClient;
  let second: DnsClient;
  beforeAll(async () => {
    shared = await startLocalCloud({
      accounts: [
        {
          accountId: '1111111111111111',
          identityType: 'RAMUser',
          principalName: 'first',
          keys: [{ accessKeyId: 'ak-first', accessKeySecret: 'secret-first' }],
        },
        {
          accountId: '2222222222222222',
          identityType: 'RAMUser',
          principalName: 'second',
          keys: [{ accessKeyId: 'ak-second', accessKeySecret: 'secret-second' }],
        },
      ],
    });
    first = dnsClient(shared, { accessKeyId: 'ak-first', accessKeySecret: 'secret-first' });
    second = dnsClient(shared, { accessKeyId: 'ak-second', accessKeySecret: 'secret-second' });
  });
  afterAll(async () => {
    await shared.close();
  });
  const lookup = (host: string) => shared.services.alidns!.resolveHost!(host, 80);

  it("answers from the zone hosted first that has the name, even when another account's record is older", async () => {
    await addRecord(second, { rr: 'www', type: 'CNAME', value: 'second.example.net' });
    await addRecord(first, { rr: 'www', type: 'CNAME', value: 'first.example.net' });
    expect(lookup('www.example.com')).toEqual({ cname: 'first.example.net' });
    await addRecord(second, { rr: 'only-second', type: 'CNAME', value: 'second-only.example.net' });
    expect(lookup('only-second.example.com')).toEqual({ cname: 'second-only.example.net' });
  });

  it("never lets one account's records hide another's wildcard", async () => {
    await addRecord(first, { rr: '*', type: 'CNAME', value: 'first-wild.example.net' });
    await addRecord(second, { rr: 'api', type: 'A', value: '192.0.2.10' });
    expect(lookup('api.example.com')).toEqual({ cname: 'first-wild.example.net' });
  });
});
