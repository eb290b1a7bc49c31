import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatElapsed,
  planMarker,
  planSummaryText,
  procedureNumber,
  resourceText,
  waitClock,
} from '../../src/ui/render/format.js';

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

  it('summarises a plan with changes first, in a fixed order', () => {
    expect(planSummaryText({ unchanged: 2, update: 1, create: 3 })).toBe('3 to create, 1 to update, 2 unchanged');
    expect(planSummaryText({ conflict: 1, adopt: 2, delete: 1 })).toBe('2 to adopt, 1 to delete, 1 in conflict');
    expect(planSummaryText({})).toBe('nothing planned');
  });

  it('numbers the five steps of the procedure, and only them', () => {
    expect(
      (['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const).map((s) => procedureNumber(s)),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(procedureNumber('lookup')).toBeUndefined();
    expect(procedureNumber('test')).toBeUndefined();
  });

  it.each([
    ['sgp-1', 'sgp-1 (type Fc)', 'sgp-1 (type Fc)'],
    ['sgp-1/acs:fc:r:1:functions/f', 'acs:fc:r:1:functions/f in sgp-1', 'acs:fc:r:1:functions/f in sgp-1'],
    ['acs:fc:r:1:functions/f', 'f', 'acs:fc:r:1:functions/f (f)'],
    ['lsn-1', undefined, 'lsn-1'],
  ])('shows resource %s with detail %s as %s', (id, detail, text) => {
    expect(resourceText(id, detail)).toBe(text);
  });
});
