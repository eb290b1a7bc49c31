// Splitting a custom domain into the account's DNS zone and the host record (RR) Alidns wants
// (`@alicloud/alidns20150109 AddDomainRecordRequest`: RR is `@` for the apex, never empty). The zone is the longest one
// in the account that the domain ends with.

export function normalizeHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function splitDomain(domain: string, zones: readonly string[]): { zone: string; rr: string } | undefined {
  const host = normalizeHost(domain);
  let best: string | undefined;
  for (const candidate of zones.map(normalizeHost)) {
    if (host === candidate || host.endsWith(`.${candidate}`)) {
      if (!best || candidate.length > best.length) best = candidate;
    }
  }
  if (!best) return undefined;
  return { zone: best, rr: host === best ? '@' : host.slice(0, host.length - best.length - 1) };
}

export function sameHost(a: string, b: string): boolean {
  return normalizeHost(a) === normalizeHost(b);
}
