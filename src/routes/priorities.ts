// Rule priorities for the routes of one listener. The file's order is the match order (ALB evaluates the
// lowest priority first; priorities are unique per listener, else Conflict.Priority — CreateRule metadata).
// Decisions, in order of preference:
// - a priority the user wrote is kept as written (it must still increase down the file);
// - a rule that exists keeps its priority when that still fits the order, so adding a route changes only
//   that route's rule, and a reorder updates as few rules as it can (the longest run already in order stays);
// - a new or moved rule takes a number that no rule of the listener holds now (ours included), so the
//   updates can be sent in any order, concurrently, and never collide with each other or a foreign rule.
import { PRIORITY_MAX, PRIORITY_MIN } from './limits.js';

export interface PriorityRequest {
  key: string;
  /** Written by the user (`priority:` in alb-fc.yaml). */
  explicit?: number;
  /** The priority the rule has now, when it exists. */
  current?: number;
}

export type PriorityAnswer = { ok: true; priorities: Map<string, number> } | { ok: false; problem: string };

const SPACING = 10;

/** Indices of a longest subsequence of `values` (undefined entries skipped) that strictly increases. */
function longestIncreasing(values: Array<number | undefined>): Set<number> {
  const length: number[] = [];
  const previous: number[] = [];
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    length[i] = 0;
    previous[i] = -1;
    const value = values[i];
    if (value === undefined) continue;
    length[i] = 1;
    for (let j = 0; j < i; j++) {
      const before = values[j];
      if (before !== undefined && before < value && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || length[i]! > length[best]!) best = i;
  }
  const kept = new Set<number>();
  for (let i = best; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}

/**
 * `requests` in match order. `foreign`: priorities other rules of the listener hold (not this stack's).
 */
export function assignPriorities(requests: readonly PriorityRequest[], foreign: ReadonlySet<number>): PriorityAnswer {
  const taken = new Set<number>(foreign);
  for (const r of requests) if (r.current !== undefined) taken.add(r.current);

  // Anchors: written priorities, then existing ones that keep the order between them.
  const anchor: Array<number | undefined> = requests.map(() => undefined);
  let last = PRIORITY_MIN - 1;
  for (const [i, r] of requests.entries()) {
    if (r.explicit === undefined) continue;
    if (r.explicit < PRIORITY_MIN || r.explicit > PRIORITY_MAX) {
      return { ok: false, problem: `route ${r.key}: priority ${r.explicit} is not between 1 and 10000` };
    }
    if (r.explicit <= last) {
      return {
        ok: false,
        problem: `route ${r.key}: priority ${r.explicit} must be higher than the routes above it (the file's order is the match order)`,
      };
    }
    if (foreign.has(r.explicit)) {
      return { ok: false, problem: `route ${r.key}: priority ${r.explicit} is held by another rule of the listener` };
    }
    anchor[i] = r.explicit;
    last = r.explicit;
  }
  const explicitValues = new Set(requests.flatMap((r) => (r.explicit === undefined ? [] : [r.explicit])));
  // An existing rule may keep its priority only between the written ones around it.
  const candidates = requests.map((r, i) => {
    if (anchor[i] !== undefined || r.current === undefined || explicitValues.has(r.current)) return undefined;
    const lower = Math.max(PRIORITY_MIN - 1, ...anchor.slice(0, i).filter((v): v is number => v !== undefined));
    const upper = Math.min(PRIORITY_MAX + 1, ...anchor.slice(i + 1).filter((v): v is number => v !== undefined));
    return r.current > lower && r.current < upper ? r.current : undefined;
  });
  for (const i of longestIncreasing(candidates)) anchor[i] = candidates[i];

  // Fill every gap between anchors with free numbers, in order.
  const result = new Map<string, number>();
  let i = 0;
  while (i < requests.length) {
    if (anchor[i] !== undefined) {
      result.set(requests[i]!.key, anchor[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < requests.length && anchor[end] === undefined) end++;
    const lower = i === 0 ? PRIORITY_MIN - 1 : anchor[i - 1]!;
    const upper = end === requests.length ? undefined : anchor[end]!;
    const filled = fillGap(lower, upper, end - i, taken);
    if (!filled) {
      const keys = requests.slice(i, end).map((r) => r.key);
      return {
        ok: false,
        problem: `no free priority between ${lower} and ${upper ?? PRIORITY_MAX} for route ${keys.join(', ')}: write priorities for the routes around it`,
      };
    }
    filled.forEach((value, k) => result.set(requests[i + k]!.key, value));
    i = end;
  }
  return { ok: true, priorities: result };
}

/** `count` free, increasing numbers strictly between `lower` and `upper` (or above `lower` when open). */
function fillGap(
  lower: number,
  upper: number | undefined,
  count: number,
  taken: ReadonlySet<number>,
): number[] | undefined {
  const ceiling = (upper ?? PRIORITY_MAX + 1) - 1;
  const step = upper === undefined ? SPACING : Math.max(1, Math.floor((upper - lower) / (count + 1)));
  const out: number[] = [];
  let next = upper === undefined ? (Math.floor(lower / SPACING) + 1) * SPACING : lower + step;
  for (let k = 0; k < count; k++) {
    while (next <= ceiling && taken.has(next)) next++;
    if (next > ceiling) return undefined;
    out.push(next);
    next += step;
  }
  return out;
}
