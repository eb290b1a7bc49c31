import { isIPv4 } from 'node:net';

// Names as Alidns reads them: zone names, host records (RR) and host-name values. DNS names compare
// case-insensitively and a trailing dot names the same host.

export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

// Zone labels: letters, digits, hyphens, or non-ASCII (Chinese domains are hosted too). No underscore:
// `_acme-challenge.example.com` as DomainName answers InvalidDomainName.Format (acme.sh #6204).
const ZONE_LABEL = /^(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-)$/;

export function isZoneName(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 253 && labels.length >= 2 && labels.every((label) => ZONE_LABEL.test(label));
}

// Host labels of records and record values: underscores occur (`_acme-challenge`, `_sip._tcp`).
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** RR: `@` (the apex; never empty, metadata "RR"), `*`, or dot-separated labels with `*` only first. */
export function isHostRecord(rr: string): boolean {
  if (rr === '@' || rr === '*') return true;
  if (rr.length > 253) return false;
  const labels = rr.split('.');
  return labels.every((label, index) => (index === 0 && label === '*') || HOST_LABEL.test(label));
}

/** A host name as the value of CNAME, MX, NS: at least two labels, optional trailing dot, not an IP. */
export function isHostName(value: string): boolean {
  const name = value.toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || name.length > 253 || isIPv4(name)) return false;
  const labels = name.split('.');
  return labels.length >= 2 && labels.every((label) => HOST_LABEL.test(label));
}

// Second-level public suffixes seen with Chinese and other common registries: a small stand-in for the
// Public Suffix List, enough to split `a.www.example.com.cn` at `example.com.cn` [assumption].
const TWO_LABEL_SUFFIXES = new Set([
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'edu.cn',
  'ac.cn',
  'com.hk',
  'com.tw',
  'com.sg',
  'com.au',
  'co.uk',
  'org.uk',
  'co.jp',
  'co.nz',
  'co.kr',
]);

/** The registered domain of a host: the name Alidns assumes when SubDomain comes without DomainName. */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  return labels.length > 2 && TWO_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/**
 * DescribeSubDomainRecords' split of SubDomain into zone and RR (`@alicloud/alidns20150109`
 * DescribeSubDomainRecordsRequest `subDomain`):
 * `a.www.example.com` alone ⇒ zone `example.com`, RR `a.www`; with DomainName `www.example.com` ⇒ RR `a`;
 * with DomainName equal to SubDomain ⇒ RR `@`. Undefined when SubDomain is not inside DomainName.
 */
export function splitSubDomain(subDomain: string, domainName?: string): { zone: string; rr: string } | undefined {
  const host = normalizeName(subDomain);
  const zone = domainName ? normalizeName(domainName) : registrableDomain(host);
  if (host === zone) return { zone, rr: '@' };
  if (!host.endsWith(`.${zone}`)) return undefined;
  return { zone, rr: host.slice(0, -(zone.length + 1)) };
}

/** The FQDN a record answers for. */
export function fqdn(rr: string, zone: string): string {
  return rr === '@' ? zone : `${rr}.${zone}`;
}
