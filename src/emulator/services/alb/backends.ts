import type { BackendDirectory, FcBackend } from '../../core/backend-directory.js';
import type { AlbRuntime } from './context.js';

// The ALB side of core/backend-directory.ts: the Fc servers of the caller's server groups, read as they are now
// (due transitions applied first), servers being removed left out.

export function albBackendDirectory(runtime: AlbRuntime): BackendDirectory {
  return {
    fcBackends(accountId, region, matches) {
      const env = runtime.env;
      if (!env) return [];
      const scope = Object.values(runtime.slice(env.world).scopes).find(
        (s) => s.accountId === accountId && s.region === region,
      );
      if (!scope) return [];
      runtime.advance(scope, env.clock.now());
      const found: FcBackend[] = [];
      for (const group of scope.serverGroups) {
        if (group.type !== 'Fc' || group.status === 'Deleting') continue;
        for (const server of group.servers) {
          if (server.ServerType !== 'Fc' || server.Status === 'Removing' || !matches(server.ServerId)) continue;
          found.push({
            serverGroupId: group.id,
            serverId: server.ServerId,
            status: server.Status,
            groupCreatedAt: group.createdAt,
          });
        }
      }
      return found;
    },
  };
}
