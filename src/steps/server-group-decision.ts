// Create, adopt, keep or refuse the Fc server group (step 2). Found by the id in the state, else by the stack's tags
// and its name. Its type cannot change after creation
// (https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/alb-server-group-overview) and alb-fc
// has no update call for it, so a different type, name or health-check setting is a conflict that names the way out.
import type { ServerGroupInfo } from '../cloud/ports.js';
import { type ServerGroupOutputs, type StepRecord, resumableIntent } from '../state/schema.js';
import { isOurs } from './ownership.js';
import type { Decision } from './step.js';

export interface ServerGroupDesired {
  name: string;
  healthCheck: boolean;
}

export type ServerGroupDecision = Decision & { found?: ServerGroupInfo; owned: boolean };

function mismatches(desired: ServerGroupDesired, group: ServerGroupInfo): string[] {
  const out: string[] = [];
  if (group.type !== 'Fc') out.push(`its type is ${group.type}, not Fc`);
  if (group.name !== desired.name) out.push(`its name is ${group.name}, not ${desired.name}`);
  if (group.healthCheckEnabled !== desired.healthCheck) {
    out.push(
      `its health check is ${group.healthCheckEnabled ? 'on' : 'off'}, not ${desired.healthCheck ? 'on' : 'off'}`,
    );
  }
  return out;
}

export function decideServerGroup(input: {
  stack: string;
  desired: ServerGroupDesired;
  /** The group with the state's id, when it still exists (and is not being deleted). */
  byId: ServerGroupInfo | undefined;
  /** Groups carrying the stack's tags (looked up only when `byId` is absent). */
  tagged: ServerGroupInfo[];
  record: StepRecord<ServerGroupOutputs> | undefined;
}): ServerGroupDecision {
  const { stack, desired, byId, tagged, record } = input;
  if (byId) {
    const wrong = mismatches(desired, byId);
    if (wrong.length > 0) {
      return {
        action: 'conflict',
        owned: record?.owned ?? false,
        found: byId,
        reasons: wrong.map((w) => `server group ${byId.id}: ${w}`),
        hint:
          'alb-fc does not change a server group in place: restore the setting, or run `alb-fc destroy` and ' +
          'deploy again to get a new group.',
      };
    }
    return { action: 'unchanged', owned: record?.owned ?? false, found: byId, reasons: [] };
  }
  const candidates = tagged.filter(
    (g) => isOurs(g.tags, stack) && g.type === 'Fc' && g.name === desired.name && g.status !== 'Deleting',
  );
  const first = candidates[0];
  if (first) {
    const wrong = mismatches(desired, first);
    const extra =
      candidates.length > 1
        ? [
            `${candidates.length} groups carry this stack's tags (${candidates.map((c) => c.id).join(', ')}); adopting ${first.id}`,
          ]
        : [];
    if (wrong.length > 0) {
      return {
        action: 'conflict',
        owned: true,
        found: first,
        reasons: [...extra, ...wrong.map((w) => `server group ${first.id}: ${w}`)],
        hint: 'Restore the setting, or delete that group and deploy again.',
      };
    }
    return {
      action: 'adopt',
      owned: true,
      found: first,
      reasons: [...extra, `found ${first.id} by the stack's tags; adopting it into the state`],
    };
  }
  const pending = resumableIntent(record);
  return {
    action: 'create',
    owned: true,
    reasons: [
      pending
        ? `resuming an interrupted create with the same ClientToken (${record?.intent?.clientToken})`
        : record?.outputs
          ? `server group ${record.outputs.id} recorded in state no longer exists; a new one is created`
          : `no server group ${desired.name} for this stack yet`,
    ],
  };
}
