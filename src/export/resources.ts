// What both export formats say the same way: the resources they hand over, and what they leave to others.
import type { ExportModel } from './model.js';

/** One resource of the exported document: its type there, its name there, the real id it corresponds to. */
export interface ExportedResource {
  type: string;
  name: string;
  id: string;
}

/**
 * Capacity alb-fc set with separate FC calls (PutConcurrencyConfig, PutProvisionConfig), which the exported
 * function resources do not carry.
 */
export function describeCapacity(model: ExportModel): string[] {
  return model.functions.flatMap((fn) => [
    ...(fn.reservedConcurrency !== undefined
      ? [`reserved concurrency ${fn.reservedConcurrency} of function ${fn.name}`]
      : []),
    ...(fn.provisionedInstances !== undefined
      ? [`${fn.provisionedInstances} provisioned instances of function ${fn.name}`]
      : []),
  ]);
}

/** The resources the stack adopted rather than created: referenced by id in an export, never managed. */
export function describeAdopted(model: ExportModel): string[] {
  return [
    ...model.functions.filter((f) => !f.managed).map((f) => `function ${f.arn}`),
    ...model.serverGroups.filter((g) => !g.managed).map((g) => `server group ${g.id}`),
    ...(model.listener && !model.listener.managed ? [`listener ${model.listener.id}`] : []),
    ...model.rules.filter((r) => !r.managed).map((r) => `rule ${r.id}`),
    ...model.dnsRecords.filter((r) => !r.managed).map((r) => `DNS record ${r.id} (${r.domain})`),
  ];
}
