import type { DnsZoneSeed } from '../../options.js';

// Alidns editions ("versions") differ, for what alb-fc touches, in the TTL range a record accepts: Free/Personal
// 600–86400 s, Enterprise Standard 60–86400, Enterprise Ultimate 1–86400 (Alidns TTL by edition,
// https://help.aliyun.com/document_detail/29806.html). The version codes/names and name servers are what
// DescribeDomains/DescribeDomainInfo show; `version_enterprise_basic` is the metadata's example, the others are
// assumptions.

export type Edition = NonNullable<DnsZoneSeed['edition']>;

interface EditionSpec {
  minTtl: number;
  maxTtl: number;
  versionCode: string;
  versionName: string;
  dnsServers: string[];
  /** The TTL choices DescribeDomainInfo lists with NeedDetailAttributes=true. */
  availableTtls: number[];
  /** Paid editions are instances with an id and an end time; the free edition is not. */
  paid: boolean;
}

const LONG_TTLS = [600, 1800, 3600, 43200, 86400];

export const EDITIONS: Record<Edition, EditionSpec> = {
  free: {
    minTtl: 600,
    maxTtl: 86400,
    versionCode: 'mianfei',
    versionName: 'Alibaba Cloud DNS Free Edition',
    dnsServers: ['dns9.hichina.com', 'dns10.hichina.com'],
    availableTtls: LONG_TTLS,
    paid: false,
  },
  personal: {
    minTtl: 600,
    maxTtl: 86400,
    versionCode: 'version_personal',
    versionName: 'Personal Edition',
    dnsServers: ['vip1.alidns.com', 'vip2.alidns.com'],
    availableTtls: LONG_TTLS,
    paid: true,
  },
  enterprise_standard: {
    minTtl: 60,
    maxTtl: 86400,
    versionCode: 'version_enterprise_basic',
    versionName: 'Enterprise Standard Edition',
    dnsServers: ['vip1.alidns.com', 'vip2.alidns.com'],
    availableTtls: [60, 120, 300, ...LONG_TTLS],
    paid: true,
  },
  enterprise_ultimate: {
    minTtl: 1,
    maxTtl: 86400,
    versionCode: 'version_enterprise_advanced',
    versionName: 'Enterprise Ultimate Edition',
    dnsServers: ['vip3.alidns.com', 'vip4.alidns.com'],
    availableTtls: [1, 5, 10, 60, 120, 300, ...LONG_TTLS],
    paid: true,
  },
};

export function isEdition(value: string): value is Edition {
  return Object.hasOwn(EDITIONS, value);
}
