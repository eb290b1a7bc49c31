import { isoSeconds } from '../../core/time.js';
import type { StatusFields } from './lifecycle.js';
import type { FunctionSettings, StoredAlias, StoredTrigger, StoredVersion } from './state.js';
import { tagList } from './tag-rules.js';

// The JSON the SDK models deserialize (node_modules/@alicloud/fc20230330/dist/models/*.d.ts): camelCase
// fields, times as ISO 8601 with second precision and `Z` (`2023-04-01T08:15:27Z`, Function.d.ts example).

interface FunctionIdentity {
  functionName: string;
  functionId: string;
  functionArn: string;
  createdTime: number;
  lastModifiedTime: number;
  tags: Record<string, string>;
}

/**
 * The `Function` object (Function.d.ts). `status` undefined leaves the six state fields out, as
 * ListFunctions does ("ListFunctions returns only part of the attributes; state, stateReasonCode,
 * stateReason, lastUpdateStatus, lastUpdateStatusReasonCode and lastUpdateStatusReason: use GetFunction",
 * API doc of ListFunctions).
 */
export function functionView(
  identity: FunctionIdentity,
  settings: FunctionSettings,
  status: StatusFields | undefined,
): Record<string, unknown> {
  return {
    ...settings.extra,
    functionId: identity.functionId,
    functionName: identity.functionName,
    functionArn: identity.functionArn,
    description: settings.description,
    runtime: settings.runtime,
    handler: settings.handler,
    timeout: settings.timeout,
    memorySize: settings.memorySize,
    cpu: settings.cpu,
    diskSize: settings.diskSize,
    instanceConcurrency: settings.instanceConcurrency ?? 1,
    internetAccess: settings.internetAccess,
    environmentVariables: settings.environmentVariables,
    role: settings.role,
    // FunctionLayer objects; the size of a layer is not modelled (assumption).
    layers: settings.layers.map((arn) => ({ arn, size: 0 })),
    codeChecksum: settings.codeChecksum,
    codeSize: settings.codeSize,
    createdTime: isoSeconds(identity.createdTime),
    lastModifiedTime: isoSeconds(identity.lastModifiedTime),
    ...(status ?? {}),
    tags: tagList(identity.tags),
  };
}

export function versionView(version: StoredVersion): Record<string, unknown> {
  return {
    versionId: version.versionId,
    description: version.description,
    createdTime: isoSeconds(version.createdTime),
    lastModifiedTime: isoSeconds(version.createdTime),
  };
}

export function aliasView(alias: StoredAlias): Record<string, unknown> {
  return {
    aliasName: alias.aliasName,
    versionId: alias.versionId,
    description: alias.description,
    additionalVersionWeight: alias.additionalVersionWeight,
    createdTime: isoSeconds(alias.createdTime),
    lastModifiedTime: isoSeconds(alias.lastModifiedTime),
  };
}

/**
 * The `Trigger` object (Trigger.d.ts). `status` is `OK` (the SDK's example). An HTTP trigger carries its
 * URLs `https://{id}.{region}.fcapp.run` and `-vpc` (Httptrigger.d.ts); the id is derived from the
 * trigger's own id (assumption: real ids look like `svc-func-xxxxxxxx`).
 */
export function triggerView(trigger: StoredTrigger, targetArn: string, region: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    triggerId: trigger.triggerId,
    triggerName: trigger.triggerName,
    triggerType: trigger.triggerType,
    triggerConfig: trigger.triggerConfig,
    qualifier: trigger.qualifier,
    description: trigger.description,
    sourceArn: trigger.sourceArn,
    invocationRole: trigger.invocationRole,
    targetArn,
    status: 'OK',
    createdTime: isoSeconds(trigger.createdTime),
    lastModifiedTime: isoSeconds(trigger.lastModifiedTime),
  };
  if (trigger.triggerType === 'http') {
    const host = `${trigger.triggerName.toLowerCase().replace(/_/g, '-')}-${trigger.triggerId.slice(0, 8)}`;
    view.httpTrigger = {
      urlInternet: `https://${host}.${region}.fcapp.run`,
      urlIntranet: `https://${host}.${region}-vpc.fcapp.run`,
    };
  }
  return view;
}
