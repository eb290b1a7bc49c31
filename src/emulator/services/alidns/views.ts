import { EDITIONS } from './editions.js';
import type { RecordState, ZoneState } from './state.js';

// Wire shapes, PascalCase as the SDK models name them (dns/models/*ResponseBody.js names()):
// RecordId a string, TTL a number, Locked a boolean, timestamps in ms.
// Status answers upper case ENABLE/DISABLE although requests and docs say Enable/Disable (inferred:
// OpenWrt's ddns-scripts update_aliyun_com.sh compares a DescribeSubDomainRecords Status with "ENABLE").

/** A Record of DescribeSubDomainRecords (its model has no timestamps). */
export function subDomainRecordView(record: RecordState): Record<string, unknown> {
  return {
    RecordId: record.recordId,
    DomainName: record.domainName,
    RR: record.rr,
    Type: record.type,
    Value: record.value,
    TTL: record.ttl,
    Line: record.line,
    Status: record.status,
    Locked: record.locked,
    ...(record.priority === undefined ? {} : { Priority: record.priority }),
    ...(record.remark ? { Remark: record.remark } : {}),
  };
}

/** A Record of DescribeDomainRecords. */
export function domainRecordView(record: RecordState): Record<string, unknown> {
  return {
    ...subDomainRecordView(record),
    CreateTimestamp: record.createdAt,
    UpdateTimestamp: record.updatedAt,
  };
}

/** DescribeDomainRecordInfo: the record plus its zone's id (no group: the default group has none). */
export function recordInfoView(record: RecordState, zone: ZoneState): Record<string, unknown> {
  return {
    ...subDomainRecordView(record),
    DomainId: zone.domainId,
    ...punyCode(zone),
  };
}

/** What DescribeDomains' Domain and DescribeDomainInfo both say of a zone. */
function zoneFields(zone: ZoneState): Record<string, unknown> {
  const edition = EDITIONS[zone.edition];
  return {
    DomainId: zone.domainId,
    DomainName: zone.domainName,
    PunyCode: toAsciiName(zone.domainName),
    AliDomain: false,
    VersionCode: edition.versionCode,
    VersionName: edition.versionName,
    DnsServers: { DnsServer: edition.dnsServers },
    CreateTime: minuteTime(zone.createdAt),
    ResourceGroupId: zone.resourceGroupId,
    DomainLoggingSwitchStatus: 'CLOSE',
  };
}

/** A Domain of DescribeDomains. */
export function domainView(zone: ZoneState, recordCount: number): Record<string, unknown> {
  return {
    ...zoneFields(zone),
    RecordCount: recordCount,
    CreateTimestamp: zone.createdAt,
    Starmark: false,
    Tags: { Tag: [] },
    ...instanceFields(zone),
  };
}

/** DescribeDomainInfo; the detail attributes only with NeedDetailAttributes=true (metadata). */
export function domainInfoView(zone: ZoneState, detailed: boolean, subDomain: boolean): Record<string, unknown> {
  const edition = EDITIONS[zone.edition];
  return {
    ...zoneFields(zone),
    InBlackHole: false,
    InClean: false,
    SubDomain: subDomain,
    ...(edition.paid ? { InstanceId: instanceId(zone) } : {}),
    ...(detailed
      ? {
          MinTtl: edition.minTtl,
          AvailableTtls: { AvailableTtl: edition.availableTtls.map(String) },
          LineType: 'isp',
          RegionLines: false,
          SlaveDns: false,
          RecordLineTreeJson: JSON.stringify(Object.fromEntries(BASIC_LINES.map((line) => [line.code, {}]))),
          RecordLines: {
            RecordLine: BASIC_LINES.map((line) => ({
              LineCode: line.code,
              LineName: line.name,
              LineDisplayName: line.name,
            })),
          },
        }
      : {}),
  };
}

// The ISP lines every edition offers (line enumeration doc 29807); finer lines need paid editions.
const BASIC_LINES = [
  { code: 'default', name: 'Default' },
  { code: 'telecom', name: 'China Telecom' },
  { code: 'unicom', name: 'China Unicom' },
  { code: 'mobile', name: 'China Mobile' },
  { code: 'edu', name: 'China Education Network' },
  { code: 'oversea', name: 'Outside Mainland China' },
];

function instanceFields(zone: ZoneState): Record<string, unknown> {
  if (!EDITIONS[zone.edition].paid) return {};
  return {
    InstanceId: instanceId(zone),
    InstanceEndTime: minuteTime(zone.createdAt + 365 * 24 * 3600 * 1000),
    InstanceExpired: false,
  };
}

function instanceId(zone: ZoneState): string {
  return `i-${zone.domainId.replace(/-/g, '').slice(0, 12)}`;
}

function punyCode(zone: ZoneState): Record<string, string> {
  // Only Chinese (non-ASCII) domains carry a PunyCode in DescribeDomainRecordInfo (metadata).
  return /^[\x20-\x7e]*$/.test(zone.domainName) ? {} : { PunyCode: toAsciiName(zone.domainName) };
}

function toAsciiName(name: string): string {
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return name;
  }
}

/** `2019-01-30T05:25Z`: the minute-precision UTC form of DescribeDomains' CreateTime (metadata example). */
function minuteTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}
