// Create, adopt, keep, replace or refuse the HTTP listener (step 4). Found by the id in the state, else by port
// on the ALB (one listener per port: ResourceAlreadyExist.Listener, a CreateListener error) and the stack's tags.
// A listener's port cannot change: a new port means a new listener and the old one removed after. Its default
// action can (UpdateListenerAttribute DefaultActions, @alicloud/alb20200616 UpdateListenerAttributeRequest): a
// different target on the same port is changed in place, so the routes' rules on the listener stay.
import type { ListenerInfo } from '../cloud/ports.js';
import { type ListenerOutputs, type StepRecord, resumableIntent } from '../state/schema.js';
import { describeOwner, isOurs } from './ownership.js';
import type { Decision } from './step.js';

/**
 * Why only HTTP: "the listener and the server group support only HTTP" for Function Compute backends (FC "ALB
 * triggers", limits, https://www.alibabacloud.com/help/en/fc/alb-triggers).
 */
export const HTTP_ONLY =
  'ALB forwards to Function Compute only through HTTP listeners (FC "ALB triggers": the listener and the server group support only HTTP)';

export interface ListenerDesired {
  loadBalancerId: string;
  port: number;
  /** Undefined while the server group is still to be created (plan only). */
  serverGroupId: string | undefined;
}

export type ListenerDecision = Decision & {
  /** The listener that stays (unchanged / adopt) or is replaced. */
  existing?: ListenerInfo;
  /** `new-port`: create the new one, then retire the old; `retarget`: change its default action in place. */
  replace?: 'new-port' | 'retarget';
  owned: boolean;
};

function forwardsTo(listener: ListenerInfo, serverGroupId: string | undefined): boolean {
  return (
    serverGroupId !== undefined &&
    listener.forwardServerGroupIds.length === 1 &&
    listener.forwardServerGroupIds[0] === serverGroupId
  );
}

function targetText(listener: ListenerInfo): string {
  return listener.forwardServerGroupIds.join(', ') || 'nothing';
}

export function decideListener(input: {
  stack: string;
  desired: ListenerDesired;
  /** The listener with the state's id, when it still exists. */
  byId: ListenerInfo | undefined;
  /** The listener on the desired port of the ALB, if any (other than `byId`). */
  onPort: ListenerInfo | undefined;
  record: StepRecord<ListenerOutputs> | undefined;
}): ListenerDecision {
  const { stack, desired, byId, onPort, record } = input;
  const retarget = desired.serverGroupId ?? 'the new server group';

  if (onPort && onPort.protocol.toUpperCase() !== 'HTTP') {
    return {
      action: 'conflict',
      owned: false,
      existing: onPort,
      reasons: [
        `port ${desired.port} of ${desired.loadBalancerId} has the ${onPort.protocol} listener ${onPort.id}: ${HTTP_ONLY}`,
      ],
      hint: 'Choose another --listener-port for an HTTP listener.',
    };
  }

  if (onPort && (!byId || onPort.id !== byId.id) && !isOurs(onPort.tags, stack)) {
    return {
      action: 'conflict',
      owned: false,
      existing: onPort,
      reasons: [
        `port ${desired.port} of ${desired.loadBalancerId} is taken by listener ${onPort.id}; ${describeOwner(onPort.tags)}`,
      ],
      hint: 'Choose another --listener-port, or remove that listener.',
    };
  }

  if (byId) {
    const owned = record?.owned ?? false;
    if (byId.port !== desired.port) {
      if (!owned) {
        return {
          action: 'conflict',
          owned,
          existing: byId,
          reasons: [`the adopted listener ${byId.id} is on port ${byId.port}, not ${desired.port}`],
          hint: 'alb-fc does not move a listener it did not create: remove it, or keep its port.',
        };
      }
      if (onPort && forwardsTo(onPort, desired.serverGroupId)) {
        return {
          action: 'adopt',
          owned: true,
          existing: onPort,
          replace: 'new-port',
          reasons: [
            `port ${byId.port} → ${desired.port}: adopting this stack's listener ${onPort.id} on the new port; ${byId.id} is deleted after`,
          ],
        };
      }
      if (onPort) {
        return {
          action: 'conflict',
          owned,
          existing: onPort,
          reasons: [
            `port ${desired.port} already has this stack's listener ${onPort.id}, forwarding to ${targetText(onPort)}`,
          ],
          hint: `Remove listener ${onPort.id}, or keep port ${byId.port}.`,
        };
      }
      return {
        action: 'update',
        owned: true,
        existing: byId,
        replace: 'new-port',
        reasons: [`port ${byId.port} → ${desired.port}: a new listener on ${desired.port}, then ${byId.id} is deleted`],
      };
    }
    if (!forwardsTo(byId, desired.serverGroupId)) {
      if (!owned) {
        return {
          action: 'conflict',
          owned,
          existing: byId,
          reasons: [`the adopted listener ${byId.id} forwards to ${targetText(byId)}, not ${retarget}`],
          hint: 'alb-fc does not change a listener it did not create.',
        };
      }
      return {
        action: 'update',
        owned,
        existing: byId,
        replace: 'retarget',
        reasons: [
          `listener ${byId.id} forwards to ${targetText(byId)}, not ${retarget}: its default action is changed`,
        ],
      };
    }
    return { action: 'unchanged', owned, existing: byId, reasons: [] };
  }

  if (onPort) {
    // Tagged by this stack (checked above): a listener this stack created whose id the state lost.
    if (!forwardsTo(onPort, desired.serverGroupId)) {
      return {
        action: 'update',
        owned: true,
        existing: onPort,
        replace: 'retarget',
        reasons: [
          `found this stack's listener ${onPort.id} on port ${desired.port} forwarding to ${targetText(onPort)}, not ${retarget}: its default action is changed`,
        ],
      };
    }
    return {
      action: 'adopt',
      owned: true,
      existing: onPort,
      reasons: [`found ${onPort.id} on port ${desired.port} by the stack's tags; adopting it into the state`],
    };
  }

  const pending = resumableIntent(record);
  return {
    action: 'create',
    owned: true,
    reasons: [
      pending
        ? 'resuming an interrupted create with the same ClientToken'
        : record?.outputs
          ? `listener ${record.outputs.id} recorded in state no longer exists; a new one is created`
          : `no listener on port ${desired.port} yet`,
    ],
  };
}
