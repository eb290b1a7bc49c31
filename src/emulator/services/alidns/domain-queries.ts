import type { ActionHandler } from '../../core/service.js';
import { registrableDomain } from './names.js';
import { pagedAnswer } from './paged-answer.js';
import { alidnsState, newestFirst, recordsOfZone, zonesOf } from './state.js';
import { domainInfoView, domainView } from './views.js';
import { callerZone } from './zones.js';

// The zone reads: DescribeDomains and DescribeDomainInfo (`@alicloud/alidns20150109` models, metadata).

/**
 * DescribeDomains: the caller's zones, newest first (metadata description); KeyWord is `%KeyWord%`
 * case-insensitive with SearchMode LIKE (default) and the whole name with EXACT; GroupId empty or
 * `defaultGroup` and absent ResourceGroupId/Starmark keep the zones (none has a group or a star).
 */
export const describeDomains: ActionHandler = (ctx) => {
  const state = alidnsState(ctx.world);
  const keyWord = (ctx.params.string('KeyWord') ?? '').toLowerCase();
  const exact = (ctx.params.string('SearchMode') ?? '').toUpperCase() === 'EXACT';
  const groupId = ctx.params.string('GroupId') ?? '';
  const resourceGroupId = ctx.params.string('ResourceGroupId') || undefined;
  const starredOnly = ctx.params.boolean('Starmark') === true;
  const zones = newestFirst(zonesOf(state, ctx.account.accountId)).filter(
    (zone) =>
      (keyWord === '' || (exact ? zone.domainName === keyWord : zone.domainName.includes(keyWord))) &&
      (groupId === '' || groupId === 'defaultGroup') &&
      (resourceGroupId === undefined || zone.resourceGroupId === resourceGroupId) &&
      !starredOnly,
  );
  return pagedAnswer(ctx, zones, (page) => ({
    Domains: { Domain: page.map((zone) => domainView(zone, recordsOfZone(state, zone).length)) },
  }));
};

export const describeDomainInfo: ActionHandler = (ctx) => {
  const { zone } = callerZone(ctx, ctx.params.requiredString('DomainName'));
  // SubDomain: whether the hosted zone is itself a subdomain (e.g. `dev.example.com`).
  const subDomain = registrableDomain(zone.domainName) !== zone.domainName;
  return { json: domainInfoView(zone, ctx.params.boolean('NeedDetailAttributes') === true, subDomain) };
};
