import { describe, expect, it } from 'vitest';
import { emptyState, type StackState } from '../../src/state/schema.js';
import { planTransfer } from '../../src/state/state-transfer.js';

// `state push` / `state pull` replace the target only with a newer state of the same lineage (epoch).
function state(epoch: string, updatedAt: string, extra: Partial<StackState> = {}): StackState {
  return { ...emptyState('demo', 'cn-hangzhou', epoch, '2025-01-01T00:00:00.000Z'), updatedAt, ...extra };
}

describe('planTransfer', () => {
  it('copies onto nothing, and over an older state of the same lineage', () => {
    expect(planTransfer(state('e1', '2025-01-02T00:00:00.000Z'), undefined)).toEqual({ kind: 'create' });
    expect(planTransfer(state('e1', '2025-01-03T00:00:00.000Z'), state('e1', '2025-01-02T00:00:00.000Z'))).toEqual({
      kind: 'update',
    });
  });

  it('does nothing when the target already holds the same state', () => {
    const s = state('e1', '2025-01-02T00:00:00.000Z');
    expect(planTransfer(s, structuredClone(s))).toEqual({ kind: 'same' });
  });

  it('refuses a newer target, another lineage, and a different state with the same time', () => {
    const newer = planTransfer(state('e1', '2025-01-02T00:00:00.000Z'), state('e1', '2025-01-03T00:00:00.000Z'));
    expect(newer).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('the target is newer') });
    const other = planTransfer(state('e1', '2025-01-03T00:00:00.000Z'), state('e2', '2025-01-02T00:00:00.000Z'));
    expect(other).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('another lineage') });
    const differ = planTransfer(
      state('e1', '2025-01-02T00:00:00.000Z'),
      state('e1', '2025-01-02T00:00:00.000Z', { lastTest: { url: 'http://x/', status: 200, ok: true, at: 'now' } }),
    );
    expect(differ).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('differ') });
  });
});
