import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/cli/input-definitions.js';
import { formatStateLocation, keyOf, parseStateLocation } from '../../src/state/state-location.js';

// --state oss://BUCKET/PREFIX (ALB_FC_STATE, `state:` in alb-fc.yaml): one parser for the flag and the store.
describe('--state', () => {
  it.each([
    ['oss://alb-fc-state/team', 'alb-fc-state', 'team'],
    ['oss://alb-fc-state/team/', 'alb-fc-state', 'team'],
    ['oss://alb-fc-state/a/b_c.d-e', 'alb-fc-state', 'a/b_c.d-e'],
    ['oss://my-bucket', 'my-bucket', ''],
  ])('reads %s as bucket %s and prefix "%s"', (text, bucket, prefix) => {
    expect(parseStateLocation(text)).toEqual({ kind: 'oss', bucket, prefix });
    expect(parseInput('state', text)).toEqual({ value: text });
  });

  it.each([
    ['s3://bucket/team', 'oss://BUCKET/PREFIX'],
    ['oss://Bucket/team', 'lower-case'],
    ['oss://ab/team', '3-63'],
    ['oss://-bucket/team', 'not starting or ending'],
    ['oss://bucket/../team', 'path segments'],
    ['oss://bucket/a//b', 'path segments'],
    ['oss://bucket/a b', 'path segments'],
  ])('refuses %s, saying why (%s)', (text, why) => {
    const parsed = parseStateLocation(text);
    expect('error' in parsed && parsed.error).toContain(why);
    expect(parseInput('state', text).error).toContain(why);
  });

  it('names keys under the prefix, and prints the location back', () => {
    const team = { kind: 'oss' as const, bucket: 'alb-fc-state', prefix: 'team' };
    expect(keyOf(team, 'demo.state.json')).toBe('team/demo.state.json');
    expect(keyOf({ ...team, prefix: '' }, 'demo.lock')).toBe('demo.lock');
    expect(formatStateLocation(team)).toBe('oss://alb-fc-state/team');
    expect(formatStateLocation({ ...team, prefix: '' })).toBe('oss://alb-fc-state');
  });
});
