import type { World } from '../../core/world.js';
import { functionArn } from '../../core/function-arn.js';
import { fc2Arn, fc2Triggers, fc2ViewName } from './fc2-functions.js';
import { SETTLED } from './lifecycle.js';
import { runtimeKey } from './lookup.js';
import type { InstanceInfo } from '../../runtime/index.js';
import { allScopes } from './state.js';

// The FC part of GET /_emulator/state: what exists, never code bytes (nor blob keys, which open
// GET /_emulator/fc/code). The state shown is the settled one; a transition still to be seen by
// GetFunction is flagged as `pendingRead` without being consumed.

export function fcSnapshot(
  world: World,
  provisioned: (key: string) => { ready: number },
  instances: InstanceInfo[] = [],
): unknown {
  const functions: unknown[] = [];
  const triggers: unknown[] = [];
  const versions: unknown[] = [];
  const aliases: unknown[] = [];
  for (const { accountId, region, scope } of allScopes(world)) {
    for (const fn of Object.values(scope.functions)) {
      const arn = functionArn(region, accountId, fn.functionName);
      functions.push({
        accountId,
        region,
        name: fn.functionName,
        arn,
        fcVersion: 'v3',
        runtime: fn.settings.runtime,
        handler: fn.settings.handler,
        state: fn.transition?.kind === 'create' ? 'Pending' : SETTLED.state,
        lastUpdateStatus: fn.transition ? 'InProgress' : SETTLED.lastUpdateStatus,
        pendingRead: fn.transition !== undefined,
        codeChecksum: fn.settings.codeChecksum,
        codeSize: fn.settings.codeSize,
        tags: fn.tags,
        ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrency: fn.reservedConcurrency }),
        ...(fn.provision?.['LATEST']
          ? {
              provisioned: {
                target: fn.provision['LATEST'],
                current: provisioned(runtimeKey(accountId, region, fn.functionName)).ready,
              },
            }
          : {}),
      });
      for (const t of Object.values(fn.triggers)) {
        triggers.push({
          function: fn.functionName,
          arn,
          name: t.triggerName,
          type: t.triggerType,
          qualifier: t.qualifier,
        });
      }
      for (const v of fn.versions) {
        versions.push({
          function: fn.functionName,
          arn,
          versionId: v.versionId,
          codeChecksum: v.settings.codeChecksum,
        });
      }
      for (const a of Object.values(fn.aliases)) {
        aliases.push({ function: fn.functionName, arn, name: a.aliasName, versionId: a.versionId });
      }
    }
    for (const fn of Object.values(scope.fc2Functions)) {
      const name = fc2ViewName(fn.serviceName, fn.functionName);
      const arn = fc2Arn(region, accountId, fn);
      functions.push({
        accountId,
        region,
        name,
        arn,
        fcVersion: 'v2',
        serviceName: fn.serviceName,
        functionName: fn.functionName,
        qualifiers: ['LATEST', ...fn.qualifiers],
        handlerType: fn.handlerType,
        runtime: fn.settings.runtime,
        handler: fn.settings.handler,
        state: SETTLED.state,
        lastUpdateStatus: SETTLED.lastUpdateStatus,
        codeChecksum: fn.settings.codeChecksum,
        codeSize: fn.settings.codeSize,
        tags: {},
      });
      for (const t of fc2Triggers(fn)) {
        triggers.push({ function: name, arn, name: t.triggerName, type: t.triggerType, qualifier: t.qualifier });
      }
    }
  }
  // The running instances (not persisted: they are processes), so a user sees what is warm and what is provisioned.
  const running = instances
    .filter((instance) => instance.state !== 'exited')
    .map((instance) => ({
      function: instance.functionName,
      key: instance.functionKey,
      state: instance.state,
      provisioned: instance.provisioned,
      invocations: instance.invocations,
    }));
  return { functions, triggers, versions, aliases, instances: running };
}
