import { fcErrors } from './errors.js';

// Tags on FC 3.0 functions. On the wire a tag is `{"Key","Value"}` (fc/models/Tag.js names()); clients
// that build plain objects send `{key, value}`, accepted too. Rules from ListTagResourcesRequestTag.d.ts:
// key up to 64 characters, no `http://` or `https://`, not starting with `aliyun` or `acs:`; value up to 128
// characters, may be empty.

/** Tags per function (assumption: the usual Alibaba Cloud limit of 20). */
const MAX_TAGS_PER_FUNCTION = 20;

interface TagPair {
  key: string;
  value: string | undefined;
}

export function readTagList(list: unknown, field: string): TagPair[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw fcErrors.invalidArgument(`${field} must be a list of tags`);
  return list.map((item, index) => {
    if (typeof item !== 'object' || item === null) throw fcErrors.invalidArgument(`${field}[${index}] must be a tag`);
    const tag = item as Record<string, unknown>;
    const key = tag.Key ?? tag.key;
    const value = tag.Value ?? tag.value;
    if (typeof key !== 'string') throw fcErrors.invalidArgument(`${field}[${index}].Key is required`);
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw fcErrors.invalidArgument(`${field}[${index}].Value must be a string`);
    }
    return { key, value: typeof value === 'string' ? value : undefined };
  });
}

export function checkTagKey(key: string): string {
  if (
    key.length < 1 ||
    key.length > 64 ||
    /https?:\/\//i.test(key) ||
    key.toLowerCase().startsWith('aliyun') ||
    key.toLowerCase().startsWith('acs:')
  ) {
    throw fcErrors.invalidArgument(
      `tag key '${key}' is invalid: 1 to 64 characters, no http:// or https://, not starting with aliyun or acs:`,
    );
  }
  return key;
}

function checkTagValue(key: string, value: string): string {
  if (value.length > 128 || /https?:\/\//i.test(value)) {
    throw fcErrors.invalidArgument(
      `the value of tag '${key}' is invalid: at most 128 characters, no http:// or https://`,
    );
  }
  return value;
}

/** Applies `pairs` to `current` (a copy), enforcing the rules and the per-function limit. */
export function mergeTags(current: Record<string, string>, pairs: TagPair[]): Record<string, string> {
  const next = { ...current };
  for (const pair of pairs) next[checkTagKey(pair.key)] = checkTagValue(pair.key, pair.value ?? '');
  if (Object.keys(next).length > MAX_TAGS_PER_FUNCTION) {
    throw fcErrors.invalidArgument(`a function can have at most ${MAX_TAGS_PER_FUNCTION} tags`);
  }
  return next;
}

/** The wire form inside a Function object: `[{"Key","Value"}]`. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** A tag filter (ListFunctions `tags`, ListTagResources `Tag`): every pair must match; no value = key present. */
export function matchesTags(tags: Record<string, string>, filter: TagPair[]): boolean {
  return filter.every((pair) => pair.key in tags && (pair.value === undefined || tags[pair.key] === pair.value));
}
