import { accountResourceGroupId, uuid } from '../../core/ids.js';
import type { DnsZoneSeed } from '../../core/service.js';
import { isEdition, type Edition } from './editions.js';
import { isZoneName, normalizeName } from './names.js';
import { findZone, nextSeq, type AlidnsState, type ZoneState } from './state.js';

// The zones the local cloud starts with: BehaviourOptions.dnsZones in every account (default one,
// `example.com` on the free edition: one DNS zone, like the procedure's prerequisites, docs/emulator.md
// "Seeded resources"). Alidns has no API in the metadata to add a zone, so a zone comes from this seed or
// from the admin route POST /_emulator/alidns/zones. A zone is in its account's resource group, the one
// its ALB load balancers are in.

function checkedSeed(seed: DnsZoneSeed): { name: string; edition: Edition } {
  const name = normalizeName(seed.name);
  const edition = seed.edition ?? 'free';
  if (!isZoneName(name)) throw new Error(`alidns: "${seed.name}" is not a zone name`);
  if (!isEdition(edition)) throw new Error(`alidns: unknown edition "${String(edition)}"`);
  return { name, edition };
}

/** Adds the zone to the account unless it is already there; returns it either way. */
export function ensureZone(
  state: AlidnsState,
  accountId: string,
  seed: { name: string; edition: Edition },
  now: number,
): ZoneState {
  const existing = findZone(state, accountId, seed.name);
  if (existing) return existing;
  const zone: ZoneState = {
    accountId,
    domainId: uuid(),
    domainName: seed.name,
    edition: seed.edition,
    createdAt: now,
    resourceGroupId: accountResourceGroupId(accountId),
    seq: nextSeq(state),
  };
  state.zones.push(zone);
  return zone;
}

/** Seeds every account once; accounts restored from a data dir keep what they had. */
export function seedZones(state: AlidnsState, accountIds: string[], seeds: DnsZoneSeed[], now: number): void {
  const checked = seeds.map(checkedSeed);
  for (const accountId of accountIds) {
    if (state.seededAccounts.includes(accountId)) continue;
    for (const seed of checked) ensureZone(state, accountId, seed, now);
    state.seededAccounts.push(accountId);
  }
}
