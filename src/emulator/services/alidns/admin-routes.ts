import type { ServiceEnv, ServiceModule } from '../../core/service.js';
import { isEdition } from './editions.js';
import { isZoneName, normalizeName } from './names.js';
import { alidnsState } from './state.js';
import { ensureZone } from './zone-seed.js';
import { recordSnapshot, zoneSnapshot } from './snapshot.js';

// What the modelled APIs cannot do (loopback only, unsigned):
//   POST /_emulator/alidns/zones          {"name", "edition"?, "accountId"?}  host one more zone
//   POST /_emulator/alidns/record-state   {"recordId", "status"?: "ENABLE|DISABLE", "locked"?: boolean}
// The metadata has no AddDomain or SetDomainRecordStatus, yet real accounts hold several zones and
// paused or locked records; tests of clients need them.

type Routes = NonNullable<ServiceModule['adminRoutes']>;
type Answer = { status: number; json: unknown };

export function alidnsAdminRoutes(getEnv: () => ServiceEnv | undefined): Routes {
  const withEnv = async (body: Buffer, run: (env: ServiceEnv, input: Record<string, unknown>) => Answer) => {
    const env = getEnv();
    if (!env) return { status: 503, json: { error: 'the alidns service has not started' } };
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      return { status: 400, json: { error: 'the body is not JSON' } };
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { status: 400, json: { error: 'the body must be a JSON object' } };
    }
    const answer = run(env, input as Record<string, unknown>);
    if (answer.status === 200) await env.world.save();
    return answer;
  };

  return {
    'POST /_emulator/alidns/zones': ({ body }) =>
      withEnv(body, (env, input) => {
        const name = typeof input.name === 'string' ? normalizeName(input.name) : '';
        const edition = input.edition ?? 'free';
        const accountId = typeof input.accountId === 'string' ? input.accountId : env.accounts[0]?.accountId;
        if (!isZoneName(name)) return { status: 400, json: { error: 'name must be a zone name' } };
        if (typeof edition !== 'string' || !isEdition(edition)) {
          return {
            status: 400,
            json: { error: 'edition must be free, personal, enterprise_standard or enterprise_ultimate' },
          };
        }
        if (!env.accounts.some((account) => account.accountId === accountId) || accountId === undefined) {
          return { status: 400, json: { error: `unknown account ${String(accountId)}` } };
        }
        const zone = ensureZone(alidnsState(env.world), accountId, { name, edition }, env.clock.now());
        return { status: 200, json: { zone: zoneSnapshot(zone) } };
      }),

    'POST /_emulator/alidns/record-state': ({ body }) =>
      withEnv(body, (env, input) => {
        const record = alidnsState(env.world).records.find((r) => r.recordId === input.recordId);
        if (!record) return { status: 404, json: { error: `no record ${String(input.recordId)}` } };
        if (input.status !== undefined) {
          const status = String(input.status).toUpperCase();
          if (status !== 'ENABLE' && status !== 'DISABLE') {
            return { status: 400, json: { error: 'status must be ENABLE or DISABLE' } };
          }
          record.status = status;
        }
        if (input.locked !== undefined) {
          if (typeof input.locked !== 'boolean') return { status: 400, json: { error: 'locked must be a boolean' } };
          record.locked = input.locked;
        }
        return { status: 200, json: { record: recordSnapshot(record) } };
      }),
  };
}
