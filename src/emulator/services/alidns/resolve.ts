import type { HostAnswer } from '../../core/service.js';
import { normalizeName } from './names.js';
import { recordsOfZone, type AlidnsState, type RecordState } from './state.js';

// The local cloud's DNS, for GET /_emulator/resolve and alb-fc's connectivity test: a name answers the
// value of its ENABLE CNAME record on the `default` line (the line a resolver outside the ISP-specific
// lines gets). The zone is the longest hosted zone containing the name, as a recursive resolver follows
// delegation to the most specific zone. Every account hosts its own zones, and several may host one of the
// same name (each gets `example.com`): then the zone hosted first that has an answer for the name answers
// (by creation order, so the first account's seeded zone comes first), and one zone's records never mix
// with another's. A, AAAA and other records answer nothing: their addresses are real hosts the local
// cloud cannot stand in for.

export function resolveCname(state: AlidnsState, host: string): HostAnswer | undefined {
  const name = normalizeName(host);
  const containing = state.zones.filter((zone) => name === zone.domainName || name.endsWith(`.${zone.domainName}`));
  const longest = Math.max(0, ...containing.map((zone) => zone.domainName.length));
  const candidates = containing
    .filter((zone) => zone.domainName.length === longest)
    .sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  for (const zone of candidates) {
    const rr = name === zone.domainName ? '@' : name.slice(0, -(zone.domainName.length + 1));
    const live = recordsOfZone(state, zone).filter((record) => record.status === 'ENABLE' && record.line === 'default');
    const cname = oldest(recordsAnswering(live, rr).filter((record) => record.type === 'CNAME'));
    if (cname) return { cname: normalizeName(cname.value) };
  }
  return undefined;
}

/**
 * The records at `rr`, else those of the wildcard at its closest existing ancestor (RFC 4592): `*.b`
 * answers `a.b` unless `a.b` has records; `*` answers below the apex where nothing closer exists.
 */
function recordsAnswering(records: RecordState[], rr: string): RecordState[] {
  const exact = records.filter((record) => record.rr === rr);
  if (exact.length > 0 || rr === '@') return exact;
  const labels = rr.split('.');
  for (let index = 1; index <= labels.length; index++) {
    const parent = labels.slice(index).join('.');
    const wildcard = parent === '' ? '*' : `*.${parent}`;
    const matches = records.filter((record) => record.rr === wildcard);
    if (matches.length > 0) return matches;
    if (parent !== '' && records.some((record) => record.rr === parent || record.rr.endsWith(`.${parent}`))) {
      return [];
    }
  }
  return [];
}

/**
 * CNAME records are repeatable on one line (record conflict rules); a real resolver would hand out any of them. The
 * local cloud answers the oldest, so a client that adds a second CNAME instead of updating the first is caught.
 */
function oldest(records: RecordState[]): RecordState | undefined {
  return [...records].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq)[0];
}
