// Walks an exported document for the references it makes, so that a test can check each names something declared.

/** Every `${…}` expression of an HCL document parsed to JSON (@cdktf/hcl2json writes references that way). */
export function hclReferences(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
  if (Array.isArray(value)) return value.flatMap(hclReferences);
  if (value && typeof value === 'object') return Object.values(value).flatMap(hclReferences);
  return [];
}

/** Every `Ref` and `Fn::GetAtt` of a ROS template. */
export function rosReferences(value: unknown): { refs: string[]; getAtts: Array<[string, string]> } {
  const refs: string[] = [];
  const getAtts: Array<[string, string]> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'Ref') refs.push(child as string);
        else if (key === 'Fn::GetAtt') getAtts.push(child as [string, string]);
        else walk(child);
      }
    }
  };
  walk(value);
  return { refs, getAtts };
}
