// The keys of a state's step records. A stack with routes has several resources of one kind (a function per
// route, a CNAME per host), so a record is keyed by its step kind and, where there are several, a key: the
// route's backend (`function:users`, `server:users/canary`) or the host (`dnsRecord:api.example.com`). The
// single-function stack of the flags — and the route named `default` — keeps the bare kind (`function`), so
// a state written before routes existed needs no renaming.

export type InstanceId<K extends string = string> = K | `${K}:${string}`;

export function instanceId<K extends string>(kind: K, key?: string): InstanceId<K> {
  return key === undefined ? kind : `${kind}:${key}`;
}

export function kindOf<K extends string>(id: InstanceId<K>): K {
  const at = id.indexOf(':');
  return (at === -1 ? id : id.slice(0, at)) as K;
}

/** The key after the kind, or undefined for a bare kind. */
export function keyOf(id: string): string | undefined {
  const at = id.indexOf(':');
  return at === -1 ? undefined : id.slice(at + 1);
}
