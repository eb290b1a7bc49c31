import type { Params } from '../../api/params.js';
import type { ApiAnswer } from '../../core/service.js';
import type { AlbCall } from './context.js';
import { popErrors } from '../../api/api-error.js';
import { albError } from './errors.js';
import { paged } from './listing.js';
import type { ScopeState, TagRecord } from './state.js';

// Tags (`Tag.N.Key/Value` on create, CreateServerGroupRequest; TagResources/UnTagResources/ListTagResources
// in the metadata): keys up to 128 characters, not starting with `aliyun` or `acs:`, without `http://` or
// `https://` (metadata Tag descriptions); at most 20 tags per call (TagResources `Tag` maxItems 20) and
// per resource (assumption). List filters match every given key, and its value when one is given.

const MAX_TAGS_PER_RESOURCE = 20;

/** A tag as a request gives it: a filter may leave the value out. */
interface TagParam {
  Key?: string;
  Value?: string;
}

function tagParams(tags: Params[] | undefined): TagParam[] {
  return (tags ?? []).map((tag) => ({ Key: tag.string('Key'), Value: tag.string('Value') }));
}

/** The `Tag.N.Key/Value` filter of a list call. */
export function tagFilter(params: Params): TagParam[] {
  return tagParams(params.objects('Tag'));
}

function validKey(key: string): boolean {
  const lower = key.toLowerCase();
  return (
    key.length > 0 &&
    key.length <= 128 &&
    !lower.startsWith('aliyun') &&
    !lower.startsWith('acs:') &&
    !lower.includes('http://') &&
    !lower.includes('https://')
  );
}

function validValue(value: string): boolean {
  const lower = value.toLowerCase();
  return (
    value.length <= 128 &&
    !lower.startsWith('aliyun') &&
    !lower.startsWith('acs:') &&
    !lower.includes('http://') &&
    !lower.includes('https://')
  );
}

/** The `Tag.N.Key/Value` of a create call, validated; a repeated key keeps its last value. */
export function tagsFrom(params: Params): TagRecord[] {
  const tags: TagRecord[] = [];
  for (const [index, raw] of tagFilter(params).entries()) {
    const key = raw.Key ?? '';
    const tagValue = raw.Value ?? '';
    if (!validKey(key)) throw popErrors.invalidParameter(`Tag.${index + 1}.Key is illegal.`);
    if (!validValue(tagValue)) throw popErrors.invalidParameter(`Tag.${index + 1}.Value is illegal.`);
    const existing = tags.find((t) => t.Key === key);
    if (existing) existing.Value = tagValue;
    else tags.push({ Key: key, Value: tagValue });
  }
  if (tags.length > MAX_TAGS_PER_RESOURCE)
    throw popErrors.invalidParameter(`At most ${MAX_TAGS_PER_RESOURCE} tags are allowed.`);
  return tags;
}

/** Whether `tags` carry every filter key (and value, when the filter names one). */
export function matchesTags(tags: TagRecord[], wanted: TagParam[]): boolean {
  return wanted.every((want) =>
    tags.some((tag) => tag.Key === want.Key && (want.Value === undefined || tag.Value === want.Value)),
  );
}

export function tagsShape(tags: TagRecord[]): TagRecord[] {
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}

// ResourceType values: the metadata documents acl, loadbalancer, securitypolicy and servergroup;
// listener and rule are accepted too because both carry tags (CreateListener/CreateRule `Tag`,
// ListListeners/ListRules `Tag` filters; assumption). ACLs and security policies are not modelled: their ids are
// never found.
type Tagged = { id: string; tags: TagRecord[] };

const KINDS: Record<string, { notFound: string; all: (scope: ScopeState) => Tagged[] }> = {
  loadbalancer: { notFound: 'LoadBalancer', all: (s) => s.loadBalancers },
  servergroup: { notFound: 'ServerGroup', all: (s) => s.serverGroups },
  listener: { notFound: 'Listener', all: (s) => s.listeners },
  rule: { notFound: 'Rule', all: (s) => s.rules },
  acl: { notFound: 'Acl', all: () => [] },
  securitypolicy: { notFound: 'SecurityPolicy', all: () => [] },
};

function kindOf(type: string | undefined): (typeof KINDS)[string] {
  const kind = KINDS[String(type)];
  if (!kind) throw popErrors.invalidParameter(`ResourceType ${String(type)} is not supported.`);
  return kind;
}

function resolveAll(call: AlbCall, type: string | undefined, ids: string[]): Tagged[] {
  const kind = kindOf(type);
  const all = kind.all(call.scope);
  return ids.map((id) => {
    const found = all.find((r) => r.id === id);
    if (!found) throw albError(call.ctx.action, `ResourceNotFound.${kind.notFound}`, id);
    return { id, tags: found.tags };
  });
}

export function tagResources(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const resources = resolveAll(call, params.string('ResourceType'), params.strings('ResourceId') ?? []);
  const tags = tagsFrom(params);
  if (tags.length === 0) throw popErrors.invalidParameter('Tag is mandatory for this action.');
  for (const resource of resources) {
    const merged = [...resource.tags.filter((t) => !tags.some((n) => n.Key === t.Key)), ...tags];
    if (merged.length > MAX_TAGS_PER_RESOURCE) {
      throw popErrors.invalidParameter(`At most ${MAX_TAGS_PER_RESOURCE} tags are allowed on ${resource.id}.`);
    }
  }
  call.ctx.checkpoint();
  for (const resource of resources) {
    for (const tag of tags) {
      const existing = resource.tags.find((t) => t.Key === tag.Key);
      if (existing) existing.Value = tag.Value;
      else resource.tags.push({ ...tag });
    }
  }
  return { json: {} };
}

export function unTagResources(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const resources = resolveAll(call, params.string('ResourceType'), params.strings('ResourceId') ?? []);
  const all = params.boolean('All') === true;
  const keys = new Set<string>([
    ...(params.strings('TagKey') ?? []),
    ...tagFilter(params).flatMap((t) => (t.Key ? [t.Key] : [])),
  ]);
  if (!all && keys.size === 0) throw popErrors.invalidParameter('TagKey or All is mandatory for this action.');
  call.ctx.checkpoint();
  for (const resource of resources) {
    const kept = all ? [] : resource.tags.filter((t) => !keys.has(t.Key));
    resource.tags.splice(0, resource.tags.length, ...kept);
  }
  return { json: {} };
}

export function listTagResources(call: AlbCall): ApiAnswer {
  const { params } = call.ctx;
  const type = params.string('ResourceType');
  const kind = kindOf(type);
  const ids = params.strings('ResourceId') ?? [];
  const filter = tagFilter(params);
  if (ids.length === 0 && filter.length === 0) throw popErrors.invalidParameter('ResourceId or Tag is mandatory.');
  const candidates =
    ids.length > 0 ? resolveAll(call, type, ids) : kind.all(call.scope).map((r) => ({ id: r.id, tags: r.tags }));
  const rows = candidates
    .filter((r) => filter.length === 0 || matchesTags(r.tags, filter))
    .flatMap((r) =>
      r.tags
        .filter((t) => filter.length === 0 || filter.some((f) => f.Key === t.Key))
        .map((t) => ({ ResourceId: r.id, ResourceType: String(type), TagKey: t.Key, TagValue: t.Value })),
    );
  const { page, envelope } = paged(call, rows, { totalCount: false });
  return { json: { TagResources: page, ...envelope } };
}
