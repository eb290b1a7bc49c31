import type { CallContext } from '../../core/service.js';
import { alidnsErrors } from './errors.js';
import { isZoneName, normalizeName } from './names.js';
import { alidnsState, findZone, type AlidnsState, type ZoneState } from './state.js';

/**
 * The caller's zone named `domainName`: a malformed name answers InvalidDomainName.Format, a zone
 * that is not in the caller's account InvalidDomainName.NoExist (errors.ts).
 */
export function callerZone(ctx: CallContext, domainName: string): { state: AlidnsState; zone: ZoneState } {
  const state = alidnsState(ctx.world);
  const name = normalizeName(domainName);
  if (!isZoneName(name)) throw alidnsErrors.domainFormat();
  const zone = findZone(state, ctx.account.accountId, name);
  if (!zone) throw alidnsErrors.domainNotFound();
  return { state, zone };
}
