import type { EmulatedService, ServiceEnv } from '../../core/service.js';
import { metadata } from '../../metadata/index.js';
import { popDialect } from '../../wire/dialects.js';
import { rpcProtocol } from '../../wire/rpc-protocol.js';
import { alidnsAdminRoutes } from './admin-routes.js';
import { describeDomainInfo, describeDomains } from './domain-queries.js';
import { addDomainRecord, deleteDomainRecord, updateDomainRecord, updateDomainRecordRemark } from './record-actions.js';
import { describeDomainRecordInfo, describeDomainRecords, describeSubDomainRecords } from './record-queries.js';
import { resolveCname } from './resolve.js';
import { alidnsSnapshot } from './snapshot.js';
import { alidnsState, zonesOf } from './state.js';
import { seedZones } from './zone-seed.js';

// Alidns 2015-01-09 (RPC) in the local cloud: DNS zones and records per account, the local cloud's
// CNAME resolution, and the seeded zone (docs/emulator.md, "Seeded resources"). Behaviour and sources:
// docs/emulator.md, "Alibaba Cloud DNS".

export function createAlidnsService(): EmulatedService {
  let env: ServiceEnv | undefined;
  return {
    name: 'alidns',
    // One endpoint for every region: the HostId of real error answers (Alidns endpoint page,
    // https://help.aliyun.com/en/dns/api-alidns-2015-01-09-endpoint).
    protocol: rpcProtocol('2015-01-09', metadata.alidns),
    dialect: popDialect({ name: 'Alidns', host: () => 'alidns.aliyuncs.com' }),
    actions: {
      AddDomainRecord: addDomainRecord,
      UpdateDomainRecord: updateDomainRecord,
      DeleteDomainRecord: deleteDomainRecord,
      UpdateDomainRecordRemark: updateDomainRecordRemark,
      DescribeDomainRecords: describeDomainRecords,
      DescribeSubDomainRecords: describeSubDomainRecords,
      DescribeDomainRecordInfo: describeDomainRecordInfo,
      DescribeDomains: describeDomains,
      DescribeDomainInfo: describeDomainInfo,
    },
    async start(started) {
      env = started;
      const accountIds = started.accounts.map((account) => account.accountId);
      seedZones(alidnsState(started.world), accountIds, started.options.dnsZones, started.clock.now());
    },
    snapshot() {
      return env ? alidnsSnapshot(alidnsState(env.world)) : { zones: [], records: [] };
    },
    readyFields(accountId) {
      if (!env) return { domains: [] };
      return { domains: zonesOf(alidnsState(env.world), accountId).map((zone) => zone.domainName) };
    },
    resolveHost(host) {
      return env ? resolveCname(alidnsState(env.world), host) : undefined;
    },
    adminRoutes: alidnsAdminRoutes(),
  };
}
