import { accountIdOf, AdminInputError } from '../../core/admin-input.js';
import type { AdminRoutes } from '../../core/service.js';
import { isEdition } from './editions.js';
import { isZoneName, normalizeName } from './names.js';
import { recordSnapshot, zoneSnapshot } from './snapshot.js';
import { alidnsState } from './state.js';
import { ensureZone } from './zone-seed.js';

// What the modelled APIs cannot do (loopback only, unsigned):
//   POST /_emulator/alidns/zones          {"name", "edition"?, "accountId"?}  host one more zone
//   POST /_emulator/alidns/record-state   {"recordId", "status"?: "ENABLE|DISABLE", "locked"?: boolean}
// The metadata has no AddDomain or SetDomainRecordStatus, yet real accounts hold several zones and
// paused or locked records; tests of clients need them.

export function alidnsAdminRoutes(): AdminRoutes {
  return {
    'POST /_emulator/alidns/zones': ({ body: input, env }) => {
      const name = typeof input.name === 'string' ? normalizeName(input.name) : '';
      const edition = input.edition ?? 'free';
      if (!isZoneName(name)) throw new AdminInputError('name must be a zone name');
      if (typeof edition !== 'string' || !isEdition(edition)) {
        throw new AdminInputError('edition must be free, personal, enterprise_standard or enterprise_ultimate');
      }
      const accountId = accountIdOf(env, input.accountId);
      const zone = ensureZone(alidnsState(env.world), accountId, { name, edition }, env.clock.now());
      return { json: { zone: zoneSnapshot(zone) } };
    },

    'POST /_emulator/alidns/record-state': ({ body: input, env }) => {
      const record = alidnsState(env.world).records.find((r) => r.recordId === input.recordId);
      if (!record) return { status: 404, json: { error: `no record ${String(input.recordId)}` } };
      const status = input.status === undefined ? record.status : String(input.status).toUpperCase();
      if (status !== 'ENABLE' && status !== 'DISABLE') throw new AdminInputError('status must be ENABLE or DISABLE');
      if (input.locked !== undefined && typeof input.locked !== 'boolean') {
        throw new AdminInputError('locked must be a boolean');
      }
      record.status = status;
      if (typeof input.locked === 'boolean') record.locked = input.locked;
      return { json: { record: recordSnapshot(record) } };
    },
  };
}
