import type { Tags } from '../ports.js';

export function toTagList(tags: Tags): Array<{ key: string; value: string }> {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

export function fromTagList(list: Array<{ key?: string; value?: string }> | undefined): Tags {
  const tags: Tags = {};
  for (const tag of list ?? []) if (tag.key) tags[tag.key] = tag.value ?? '';
  return tags;
}
