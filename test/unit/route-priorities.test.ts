import { describe, expect, it } from 'vitest';
import { assignPriorities, type PriorityRequest } from '../../src/routes/priorities.js';

function assign(requests: PriorityRequest[], foreign: number[] = []): Record<string, number> | string {
  const answer = assignPriorities(requests, new Set(foreign));
  return answer.ok ? Object.fromEntries(answer.priorities) : answer.problem;
}

describe('rule priorities', () => {
  it('numbers new rules down the file by tens', () => {
    expect(assign([{ key: 'a' }, { key: 'b' }, { key: 'c' }])).toEqual({ a: 10, b: 20, c: 30 });
  });

  it('keeps existing priorities and fits a new route between them', () => {
    expect(assign([{ key: 'a', current: 10 }, { key: 'new' }, { key: 'b', current: 20 }])).toEqual({
      a: 10,
      new: 15,
      b: 20,
    });
  });

  it('adding a route at the end changes no other rule', () => {
    expect(assign([{ key: 'a', current: 10 }, { key: 'b', current: 20 }, { key: 'c' }])).toEqual({
      a: 10,
      b: 20,
      c: 30,
    });
  });

  it('a reorder moves as few rules as it can, to numbers nobody holds now', () => {
    const out = assign([
      { key: 'c', current: 30 },
      { key: 'a', current: 10 },
      { key: 'b', current: 20 },
    ]) as Record<string, number>;
    expect(out.a).toBe(10);
    expect(out.b).toBe(20);
    expect(out.c).toBeLessThan(10);
    expect([10, 20, 30]).not.toContain(out.c);
  });

  it('skips priorities held by rules that are not ours', () => {
    expect(assign([{ key: 'a' }, { key: 'b' }], [10, 20, 21])).toEqual({ a: 11, b: 22 });
  });

  it('takes written priorities as written, and numbers the rest around them', () => {
    expect(assign([{ key: 'a' }, { key: 'b', explicit: 100 }, { key: 'c' }])).toEqual({ a: 50, b: 100, c: 110 });
  });

  it('refuses written priorities that do not follow the file order, or are taken, or out of range', () => {
    expect(
      assign([
        { key: 'a', explicit: 20 },
        { key: 'b', explicit: 10 },
      ]),
    ).toContain('higher than the routes above');
    expect(assign([{ key: 'a', explicit: 7 }], [7])).toContain('held by another rule');
    expect(assign([{ key: 'a', explicit: 0 }])).toContain('between 1 and 10000');
  });

  it('says so when no number is free between two written priorities', () => {
    expect(assign([{ key: 'a', explicit: 1 }, { key: 'b' }, { key: 'c', explicit: 2 }])).toContain(
      'no free priority between 1 and 2',
    );
  });
});
