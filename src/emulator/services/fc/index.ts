import type { EmulatedService, ServiceEnv } from '../../core/service.js';
import { metadata } from '../../metadata/index.js';
import { fcDialect } from '../../wire/dialects.js';
import { roaProtocol } from '../../wire/roa-protocol.js';
import { DEFAULT_BEHAVIOUR } from '../../options.js';
import { capacityActions, restoreProvisioned } from './capacity-api.js';
import { createFunctionDirectory } from './directory.js';
import { seedFc2Function } from './fc2-functions.js';
import { functionActions } from './functions-api.js';
import { invokeActions } from './invoke-api.js';
import { RuntimeHost } from './runtime-host.js';
import { fcSnapshot } from './snapshot.js';
import { allScopes } from './state.js';
import { tagActions } from './tags-api.js';
import { triggerActions } from './triggers-api.js';
import { versionActions } from './versions-api.js';

// Function Compute 3.0 (API 2023-03-30) of the local cloud: every FC action in the metadata, the function
// runtime that runs uploaded code, the FunctionDirectory the ALB service reaches functions through, and the
// admin routes that seed what the FC 3.0 API cannot create (FC 2.0 functions). Rules and their sources:
// docs/emulator.md, "Function Compute 3.0".

export function createFcService(): EmulatedService {
  const host = new RuntimeHost();
  let env: ServiceEnv | undefined;

  return {
    name: 'fc',
    protocol: roaProtocol('2023-03-30', metadata.fc),
    dialect: fcDialect,
    actions: {
      ...functionActions(host),
      ...invokeActions(host),
      ...capacityActions(host, () => (env?.options ?? DEFAULT_BEHAVIOUR).accountInstanceLimit),
      ...triggerActions(() => env),
      ...versionActions(),
      ...tagActions(),
    },
    functions: createFunctionDirectory(() => env, host),

    async start(serviceEnv) {
      env = serviceEnv;
      host.start({
        workDir: serviceEnv.workDir,
        region: serviceEnv.region,
        now: () => serviceEnv.clock.now(),
        latency: serviceEnv.latency,
        options: serviceEnv.options,
      });
      const scopes = allScopes(serviceEnv.world).map(({ accountId, region, scope }) => ({
        accountId,
        region,
        functions: Object.values(scope.functions),
      }));
      restoreProvisioned(host, serviceEnv.world, scopes);
    },

    async stop() {
      await host.stop();
    },

    snapshot() {
      return env ? fcSnapshot(env.world, (key) => host.provisioned(key), host.instances()) : {};
    },

    adminRoutes: {
      'POST /_emulator/fc/fc2-functions': seedFc2Function,
      // The download behind GetFunctionCode's `url` (functions-api.ts): the ZIP whose sha256 is `blob`.
      'GET /_emulator/fc/code': async ({ url, env: { world } }) => {
        const key = url.searchParams.get('blob') ?? '';
        const zip = /^[0-9a-f]{64}$/.test(key) ? await world.blobs.get(key) : undefined;
        if (!zip) return { status: 404, json: { error: 'no such code package' } };
        return { status: 200, raw: zip, headers: { 'content-type': 'application/zip' } };
      },
    },
  };
}
