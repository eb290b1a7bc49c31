import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, parseDuration } from '../../src/lib/duration.js';

describe('durations', () => {
  it('parses flags: units, combinations, bare seconds; refuses the rest', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('rounds before splitting minutes and seconds', () => {
    expect(formatDuration(59_960)).toBe('1m00s');
    expect(formatDuration(59_940)).toBe('59.9s');
    expect(formatDuration(119_600)).toBe('2m00s');
    expect(formatDuration(4_120)).toBe('4.1s');
  });

  it('writes wait clocks in words it reads back', () => {
    for (const ms of [0, 35_000, 90_000, 600_000, 3_600_000, 3_900_000]) {
      expect(parseDuration(formatElapsed(ms))).toBe(ms);
    }
    expect(formatElapsed(90_000)).toBe('1m30s');
  });
});
