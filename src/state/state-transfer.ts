// Whether a state may replace another (`alb-fc state push` and `pull`, docs/teams.md). A state's lineage is its
// `epoch`, minted when the state is created (a destroy removes it, the next deploy mints a new one); within one
// lineage every save moves `updatedAt` on. So the copy is newer when it has the same epoch and a later updatedAt;
// a target of another lineage records other resources (a destroyed-and-redeployed stack, or another team's), and
// replacing it would forget them: that, like replacing a newer target, takes --force.
import type { StackState } from './schema.js';

export type Transfer =
  /** Nothing at the target: copy. */
  | { kind: 'create' }
  /** The source is newer in the same lineage: copy. */
  | { kind: 'update' }
  /** The target already holds this state: nothing to do. */
  | { kind: 'same' }
  /** Refused without --force. */
  | { kind: 'conflict'; reason: string };

export function planTransfer(source: StackState, target: StackState | undefined): Transfer {
  if (!target) return { kind: 'create' };
  if (source.epoch !== target.epoch) {
    return {
      kind: 'conflict',
      reason: `the target is another lineage of the stack (epoch ${target.epoch}, created ${target.createdAt}; the source's is ${source.epoch}, created ${source.createdAt})`,
    };
  }
  if (source.updatedAt > target.updatedAt) return { kind: 'update' };
  if (source.updatedAt < target.updatedAt) {
    return {
      kind: 'conflict',
      reason: `the target is newer (updated ${target.updatedAt}; the source was updated ${source.updatedAt})`,
    };
  }
  return JSON.stringify(source) === JSON.stringify(target)
    ? { kind: 'same' }
    : { kind: 'conflict', reason: `both were updated at ${source.updatedAt} but differ` };
}
