import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, planMarker, waitClock } from '../../src/ui/render/format.js';

describe('formats', () => {
  it.each([
    [900, '0.9s'],
    [4_100, '4.1s'],
    [59_949, '59.9s'],
    [65_000, '1m05s'],
    [600_100, '10m00s'],
  ])('step duration %i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [0, '0s'],
    [35_400, '35s'],
    [90_000, '1m30s'],
    [600_000, '10m'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
  ])('wait clock %i ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });

  it('shows elapsed against the deadline', () => {
    expect(waitClock(35_000, 600_000)).toBe('[35s / 10m]');
  });

  it('aligns plan markers', () => {
    expect(planMarker('create')).toBe('+ create   ');
    expect(planMarker('unchanged')).toBe('= unchanged');
  });
});
