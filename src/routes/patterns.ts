// ALB's syntax for the match values a route may carry, and the glob semantics ALB gives them.
// Source: ALB CreateRule, RuleConditions.N.HostConfig.Values / PathConfig.Values (API metadata of alb 2020-06-16,
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/developer-reference/api-alb-2020-06-16-createrule):
// - host: 3-128 characters; at least one dot, not first or last; the rightmost label only letters and
//   wildcards; `-` never at the start or end of a label; `*` and `?` anywhere in a label. alb-fc accepts the
//   plain subset (lower-case letters, digits, `-`, `.`, `*`, `?`): the other characters ALB allows are for
//   regular-expression hosts, which alb-fc does not write.
// - path: 1-128 characters, starts with `/`, letters, digits and `$-_.+/&~@:'*?`; case-sensitive; `*` and `?`
//   are wildcards.

const HOST_CHARS = /^[a-z0-9.*?-]+$/;
const PATH_CHARS = /^\/[A-Za-z0-9$\-_.+/&~@:'*?]*$/;

/** Why `host` is not a host ALB accepts in a Host condition; undefined when it is. */
export function hostPatternProblem(host: string): string | undefined {
  if (host.length < 3 || host.length > 128) return 'must be 3-128 characters';
  if (!HOST_CHARS.test(host)) return 'may contain only lower-case letters, digits, "-", ".", "*" and "?"';
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.')) {
    return 'needs a dot, and may not start or end with one';
  }
  const labels = host.split('.');
  if (labels.some((label) => label === '')) return 'may not have an empty label ("..")';
  if (labels.some((label) => label.startsWith('-') || label.endsWith('-'))) {
    return 'may not have a label that starts or ends with "-"';
  }
  if (!/^[a-z*?]+$/.test(labels[labels.length - 1]!)) return 'its last label may hold only letters and wildcards';
  return undefined;
}

/** Why `path` is not a path ALB accepts in a Path condition; undefined when it is. */
export function pathPatternProblem(path: string): string | undefined {
  if (path.length < 1 || path.length > 128) return 'must be 1-128 characters';
  if (!path.startsWith('/')) return 'must start with "/"';
  if (!PATH_CHARS.test(path)) return `may contain only letters, digits and $-_.+/&~@:'*? (no % # ; ! ( ) [ ] ^ ,)`;
  return undefined;
}

/** Wildcard entries a value spends of a rule's quota (QuotaExceeded.RuleWildcardsNum). */
export function wildcardCount(value: string): number {
  return [...value].filter((c) => c === '*' || c === '?').length;
}

export function hasWildcard(value: string): boolean {
  return wildcardCount(value) > 0;
}

/**
 * Whether every string `inner` matches is also matched by `outer` (both globs: `*` any run, `?` one
 * character). Sound: a `true` is always right; a rare exotic pair may answer `false` although it is covered.
 * Used to tell a route that can never be reached because an earlier one takes all its traffic.
 */
export function globCovers(outer: string, inner: string): boolean {
  const memo = new Map<string, boolean>();
  const covers = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === outer.length) result = j === inner.length;
    else if (outer[i] === '*') result = covers(i + 1, j) || (j < inner.length && covers(i, j + 1));
    else if (j === inner.length || inner[j] === '*') result = false;
    else if (inner[j] === '?') result = outer[i] === '?' && covers(i + 1, j + 1);
    else result = (outer[i] === '?' || outer[i] === inner[j]) && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}

/** Whether a glob matches a concrete string (what ALB does with a request's Host or path). */
export function globMatches(pattern: string, value: string): boolean {
  return !hasWildcard(value) && globCovers(pattern, value);
}

/**
 * A concrete request path that `pattern` matches, for the connectivity test: wildcards become `probe`
 * (`*`) or `x` (`?`). `/users/*` → `/users/probe`.
 */
export function examplePath(pattern: string): string {
  return pattern.replace(/\*/g, 'probe').replace(/\?/g, 'x');
}

/** A concrete host that `pattern` matches (`*.example.com` → `probe.example.com`), for the connectivity test. */
export function exampleHost(pattern: string): string {
  return pattern.replace(/\*/g, 'probe').replace(/\?/g, 'x');
}
