// Add, keep, swap or refuse the function in the server group (step 3). An Fc server group takes one function
// (https://www.alibabacloud.com/help/en/fc/alb-triggers), so a different function already there is either this stack's
// previous one (swap it) or someone else's (conflict).
import type { BackendServer } from '../cloud/ports.js';
import { type ServerOutputs, type StepRecord, resumableIntent } from '../state/schema.js';
import type { Decision } from './step.js';

export type ServerDecision = Decision & {
  present?: BackendServer;
  /** This stack's previous function, to remove before adding the new one. */
  swapOut?: BackendServer;
  owned: boolean;
};

export function decideServer(input: {
  functionArn: string;
  /** Servers of the group; `Removing` ones are on their way out and ignored. */
  servers: BackendServer[];
  record: StepRecord<ServerOutputs> | undefined;
  /** The group itself belongs to this stack, so whatever alb-fc finds added to it was added by alb-fc. */
  groupOwned: boolean;
  serverGroupId: string;
}): ServerDecision {
  const { functionArn, servers, record, groupOwned, serverGroupId } = input;
  const live = servers.filter((s) => s.status !== 'Removing');
  const present = live.find((s) => s.serverId === functionArn);
  const others = live.filter((s) => s.serverId !== functionArn);
  const recordedArn = record?.outputs?.serverGroupId === serverGroupId ? record.outputs.functionArn : undefined;
  const previous = others.find((s) => s.serverId === recordedArn);
  const foreign = others.filter((s) => s !== previous);
  if (foreign.length > 0 || (present && previous)) {
    return {
      action: 'conflict',
      owned: false,
      reasons: [
        `server group ${serverGroupId} already has ${[...foreign, ...(present && previous ? [previous] : [])]
          .map((s) => s.serverId)
          .join(', ')}; an Fc server group takes exactly one function`,
      ],
      hint: 'Remove that function from the group (or use another --server-group-name), then run again.',
    };
  }
  if (previous) {
    return {
      action: 'update',
      owned: true,
      swapOut: previous,
      reasons: [`the group's function changes from ${previous.serverId} to ${functionArn}`],
    };
  }
  if (present) {
    const recordedHere = recordedArn === functionArn;
    const owned = recordedHere ? (record?.owned ?? groupOwned) : groupOwned;
    return {
      action: recordedHere ? 'unchanged' : 'adopt',
      owned,
      present,
      reasons: recordedHere ? [] : [`${functionArn} is already in ${serverGroupId}; adopting the membership`],
    };
  }
  const pending = resumableIntent(record);
  return {
    action: 'create',
    owned: true,
    reasons: [
      pending ? 'resuming an interrupted add with the same ClientToken' : `add ${functionArn} to ${serverGroupId}`,
    ],
  };
}
