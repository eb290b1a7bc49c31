// What the ALB service offers the others: the Fc servers of its server groups. FC 3.0 lists, among a function's
// triggers, one of type `alb` for each ALB server group the function is in (docs/emulator.md, "Function Compute
// 3.0"), so the FC service asks here which groups hold a function.

/** An Fc server of a server group: the function ARN as it was added, and the group holding it. */
export interface FcBackend {
  serverGroupId: string;
  /** The ARN given as `Servers.N.ServerId` (possibly qualified, possibly FC 2.0). */
  serverId: string;
  /** `Adding` | `Available` | `Configuring` | `Removing` (ListServerGroupServers `Status`). */
  status: string;
  /** When the group was created (ms since epoch). */
  groupCreatedAt: number;
}

export interface BackendDirectory {
  /** The Fc servers of `accountId`'s server groups in `region` whose ServerId `matches`. */
  fcBackends(accountId: string, region: string, matches: (serverId: string) => boolean): FcBackend[];
}

/** The backend directory one of `services` offers, if any. */
export function backendDirectoryOf(
  services: Readonly<Record<string, { backends?: BackendDirectory } | undefined>>,
): BackendDirectory | undefined {
  for (const service of Object.values(services)) if (service?.backends) return service.backends;
  return undefined;
}
