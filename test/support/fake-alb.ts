// ALB in memory (the ALB of docs/emulator.md): async states driven by the clock, ClientToken replay (same token and
// parameters → the same answer, other parameters → IdempotenceSignatureMismatch), the IncorrectStatus.* locks
// (IncorrectStatus.*, ResourceInUse.ServerGroup), one listener per port, one function per Fc group, and
// "not found" answers (undefined / 'absent'). Lists can lag behind creates (eventual consistency).
import type {
  AlbPort,
  AsyncJob,
  BackendServer,
  Idempotent,
  ListenerInfo,
  LoadBalancerInfo,
  RuleInfo,
  RuleSpecRequest,
  ServerGroupInfo,
  Tags,
} from '../../src/cloud/ports.js';
import { cloudError } from './cloud-error.js';
import {
  matches,
  type FakeGroup,
  type FakeListener,
  type FakeLoadBalancer,
  type FakeServer,
} from './fake-alb-records.js';
import { FakeRules } from './fake-alb-rules.js';
import type { World } from './fake-world.js';

export type { FakeListener, FakeLoadBalancer } from './fake-alb-records.js';

export class FakeAlb implements AlbPort {
  readonly loadBalancers = new Map<string, FakeLoadBalancer>();
  readonly groups = new Map<string, FakeGroup>();
  servers: FakeServer[] = [];
  readonly listeners = new Map<string, FakeListener>();
  readonly jobs = new Map<string, number>();
  readonly tokens = new Map<string, { fingerprint: string; result: unknown }>();
  /** How many creates were answered from the ClientToken cache. */
  replays = 0;
  readonly rules: FakeRules;

  constructor(private readonly world: World) {
    this.rules = new FakeRules(world, this);
  }

  private now(): number {
    return this.world.now();
  }

  /** Drops what finished deleting. */
  private sweep(): void {
    const now = this.now();
    for (const [id, g] of this.groups) if (g.deleteAt !== undefined && now >= g.deleteAt) this.groups.delete(id);
    for (const [id, l] of this.listeners) if (l.deleteAt !== undefined && now >= l.deleteAt) this.listeners.delete(id);
    this.servers = this.servers.filter(
      (s) => (s.removeAt === undefined || now < s.removeAt) && this.groups.has(s.groupId),
    );
  }

  private groupStatus(g: FakeGroup): string {
    const now = this.now();
    if (g.deleteAt !== undefined) return 'Deleting';
    if (now < g.readyAt) return 'Creating';
    if (now < g.configuringUntil) return 'Configuring';
    return 'Available';
  }

  private listenerStatus(l: FakeListener): string {
    if (l.deleteAt !== undefined) return 'Deleting';
    if (this.now() < l.readyAt) return 'Provisioning';
    return this.rules.listenerBusy(l.id) ? 'Configuring' : 'Running';
  }

  lbStatus(lb: FakeLoadBalancer): string {
    return lb.status === 'Active' && this.now() < lb.busyUntil ? 'Configuring' : lb.status;
  }

  job(doneAt: number): string {
    const id = this.world.jobId();
    this.jobs.set(id, doneAt);
    return id;
  }

  idempotent<T>(action: string, token: string, params: unknown, run: () => T): T {
    const key = `${action}:${token}`;
    const fingerprint = JSON.stringify(params);
    const prior = this.tokens.get(key);
    if (prior) {
      if (prior.fingerprint !== fingerprint) throw cloudError('alb', action, 'IdempotenceSignatureMismatch');
      this.replays++;
      return prior.result as T;
    }
    const result = run();
    this.tokens.set(key, { fingerprint, result });
    return result;
  }

  private lbInfo(lb: FakeLoadBalancer): LoadBalancerInfo {
    return {
      id: lb.id,
      name: lb.name,
      dnsName: lb.dnsName,
      status: this.lbStatus(lb),
      addressType: lb.addressType,
      regionId: this.world.region,
    };
  }

  groupInfo(g: FakeGroup): ServerGroupInfo {
    return {
      id: g.id,
      name: g.name,
      type: 'Fc',
      status: this.groupStatus(g),
      healthCheckEnabled: g.healthCheck,
      tags: { ...g.tags },
    };
  }

  listenerInfo(l: FakeListener): ListenerInfo {
    return {
      id: l.id,
      loadBalancerId: l.lbId,
      port: l.port,
      protocol: 'HTTP',
      status: this.listenerStatus(l),
      forwardServerGroupIds: [l.groupId],
      tags: { ...l.tags },
    };
  }

  private listed(createdAt: number): boolean {
    return this.now() >= createdAt + this.world.listLagMs;
  }

  getLoadBalancer(id: string): Promise<LoadBalancerInfo | undefined> {
    return this.world.call('alb', 'GetLoadBalancerAttribute', false, () => {
      const lb = this.loadBalancers.get(id);
      return lb ? this.lbInfo(lb) : undefined;
    });
  }

  listLoadBalancers(): Promise<LoadBalancerInfo[]> {
    return this.world.call('alb', 'ListLoadBalancers', false, () =>
      [...this.loadBalancers.values()].map((lb) => this.lbInfo(lb)),
    );
  }

  createServerGroup(
    req: Idempotent & { name: string; healthCheckEnabled: boolean; tags: Tags },
  ): Promise<{ id: string; jobId: string }> {
    return this.world.call('alb', 'CreateServerGroup', true, () =>
      this.idempotent('CreateServerGroup', req.clientToken, { ...req, clientToken: undefined }, () => {
        const now = this.now();
        const id = this.world.nextId('sgp-');
        const readyAt = now + this.world.timings.serverGroupCreateMs;
        this.groups.set(id, {
          id,
          name: req.name,
          healthCheck: req.healthCheckEnabled,
          tags: { ...req.tags },
          createdAt: now,
          readyAt,
          configuringUntil: 0,
        });
        return { id, jobId: this.job(readyAt) };
      }),
    );
  }

  getServerGroup(id: string): Promise<ServerGroupInfo | undefined> {
    return this.world.call('alb', 'ListServerGroups', false, () => {
      this.sweep();
      const g = this.groups.get(id);
      return g ? this.groupInfo(g) : undefined;
    });
  }

  listServerGroupsByTags(tags: Tags): Promise<ServerGroupInfo[]> {
    return this.world.call('alb', 'ListServerGroups', false, () => {
      this.sweep();
      return [...this.groups.values()]
        .filter((g) => matches(g.tags, tags) && this.listed(g.createdAt))
        .map((g) => this.groupInfo(g));
    });
  }

  deleteServerGroup(req: Idempotent & { id: string }): Promise<{ jobId: string } | 'absent'> {
    return this.world.call('alb', 'DeleteServerGroup', true, () =>
      this.idempotent('DeleteServerGroup', req.clientToken, { id: req.id }, () => {
        this.sweep();
        const g = this.groups.get(req.id);
        if (!g) return 'absent' as const;
        if ([...this.listeners.values()].some((l) => l.groupId === g.id) || this.rules.groupsInUse().has(g.id)) {
          throw cloudError('alb', 'DeleteServerGroup', 'ResourceInUse.ServerGroup');
        }
        if (this.groupStatus(g) !== 'Available')
          throw cloudError('alb', 'DeleteServerGroup', 'IncorrectStatus.ServerGroup');
        g.deleteAt = this.now() + this.world.timings.serverGroupDeleteMs;
        return { jobId: this.job(g.deleteAt) };
      }),
    );
  }

  addFunction(req: Idempotent & { serverGroupId: string; functionArn: string }): Promise<{ jobId: string }> {
    return this.world.call('alb', 'AddServersToServerGroup', true, () =>
      this.idempotent('AddServersToServerGroup', req.clientToken, { g: req.serverGroupId, a: req.functionArn }, () => {
        this.sweep();
        const g = this.groups.get(req.serverGroupId);
        if (!g || g.deleteAt !== undefined)
          throw cloudError('alb', 'AddServersToServerGroup', 'ResourceNotFound.ServerGroup', 404);
        if (this.groupStatus(g) !== 'Available')
          throw cloudError('alb', 'AddServersToServerGroup', 'IncorrectStatus.ServerGroup');
        if (!req.functionArn.startsWith(`acs:fc:${this.world.region}:`)) {
          throw cloudError('alb', 'AddServersToServerGroup', 'IllegalParam.ServerId');
        }
        const inGroup = this.servers.filter((s) => s.groupId === g.id);
        if (inGroup.some((s) => s.arn === req.functionArn)) {
          throw cloudError('alb', 'AddServersToServerGroup', 'Conflict.BackendServer');
        }
        if (inGroup.length > 0)
          throw cloudError('alb', 'AddServersToServerGroup', 'ResourceQuotaExceeded.ServerAddedNum');
        const readyAt = this.now() + this.world.timings.addServerMs;
        this.servers.push({ groupId: g.id, arn: req.functionArn, readyAt });
        g.configuringUntil = readyAt;
        return { jobId: this.job(readyAt) };
      }),
    );
  }

  removeFunction(
    req: Idempotent & { serverGroupId: string; functionArn: string },
  ): Promise<{ jobId: string } | 'absent'> {
    return this.world.call('alb', 'RemoveServersFromServerGroup', true, () =>
      this.idempotent(
        'RemoveServersFromServerGroup',
        req.clientToken,
        { g: req.serverGroupId, a: req.functionArn },
        () => {
          this.sweep();
          const g = this.groups.get(req.serverGroupId);
          const server = this.servers.find((s) => s.groupId === req.serverGroupId && s.arn === req.functionArn);
          if (!g || !server) return 'absent' as const;
          if (this.groupStatus(g) !== 'Available' || server.removeAt !== undefined) {
            throw cloudError('alb', 'RemoveServersFromServerGroup', 'IncorrectStatus.ServerGroup');
          }
          server.removeAt = this.now() + this.world.timings.removeServerMs;
          g.configuringUntil = server.removeAt;
          return { jobId: this.job(server.removeAt) };
        },
      ),
    );
  }

  listServers(serverGroupId: string): Promise<BackendServer[]> {
    return this.world.call('alb', 'ListServerGroupServers', false, () => {
      this.sweep();
      if (!this.groups.has(serverGroupId))
        throw cloudError('alb', 'ListServerGroupServers', 'ResourceNotFound.ServerGroup', 404);
      const now = this.now();
      return this.servers
        .filter((s) => s.groupId === serverGroupId)
        .map((s) => ({
          serverGroupId,
          serverId: s.arn,
          serverType: 'Fc',
          status: s.removeAt !== undefined ? 'Removing' : now < s.readyAt ? 'Adding' : 'Available',
        }));
    });
  }

  createListener(
    req: Idempotent & { loadBalancerId: string; port: number; protocol: 'HTTP'; serverGroupId: string; tags: Tags },
  ): Promise<{ id: string; jobId: string }> {
    return this.world.call('alb', 'CreateListener', true, () =>
      this.idempotent('CreateListener', req.clientToken, { ...req, clientToken: undefined }, () => {
        this.sweep();
        const lb = this.loadBalancers.get(req.loadBalancerId);
        if (!lb) throw cloudError('alb', 'CreateListener', 'ResourceNotFound.LoadBalancer', 404);
        if (this.lbStatus(lb) !== 'Active') throw cloudError('alb', 'CreateListener', 'IncorrectStatus.LoadBalancer');
        if (!this.groups.has(req.serverGroupId))
          throw cloudError('alb', 'CreateListener', 'ResourceNotFound.ServerGroup', 404);
        if ([...this.listeners.values()].some((l) => l.lbId === lb.id && l.port === req.port)) {
          throw cloudError('alb', 'CreateListener', 'ResourceAlreadyExist.Listener');
        }
        const now = this.now();
        const id = this.world.nextId('lsn-');
        const readyAt = now + this.world.timings.listenerCreateMs;
        this.listeners.set(id, {
          id,
          lbId: lb.id,
          port: req.port,
          groupId: req.serverGroupId,
          tags: { ...req.tags },
          createdAt: now,
          readyAt,
        });
        lb.busyUntil = readyAt;
        return { id, jobId: this.job(readyAt) };
      }),
    );
  }

  getListener(id: string): Promise<ListenerInfo | undefined> {
    return this.world.call('alb', 'GetListenerAttribute', false, () => {
      this.sweep();
      const l = this.listeners.get(id);
      return l ? this.listenerInfo(l) : undefined;
    });
  }

  listListeners(loadBalancerId: string): Promise<ListenerInfo[]> {
    return this.world.call('alb', 'ListListeners', false, () => {
      this.sweep();
      return [...this.listeners.values()]
        .filter((l) => l.lbId === loadBalancerId && this.listed(l.createdAt))
        .map((l) => this.listenerInfo(l));
    });
  }

  deleteListener(req: Idempotent & { id: string }): Promise<{ jobId: string } | 'absent'> {
    return this.world.call('alb', 'DeleteListener', true, () =>
      this.idempotent('DeleteListener', req.clientToken, { id: req.id }, () => {
        this.sweep();
        const l = this.listeners.get(req.id);
        if (!l) return 'absent' as const;
        const lb = this.loadBalancers.get(l.lbId);
        if (l.deleteAt !== undefined) throw cloudError('alb', 'DeleteListener', 'IncorrectStatus.Listener');
        if (lb && this.lbStatus(lb) !== 'Active')
          throw cloudError('alb', 'DeleteListener', 'IncorrectStatus.LoadBalancer');
        l.deleteAt = this.now() + this.world.timings.listenerDeleteMs;
        if (lb) lb.busyUntil = l.deleteAt;
        return { jobId: this.job(l.deleteAt) };
      }),
    );
  }

  setListenerDefaultGroup(req: Idempotent & { id: string; serverGroupId: string }): Promise<{ jobId: string }> {
    return this.rules.setDefaultGroup(req);
  }

  listRules(listenerId: string): Promise<RuleInfo[]> {
    return this.rules.list(listenerId);
  }

  createRule(req: Idempotent & RuleSpecRequest & { listenerId: string; tags: Tags }) {
    return this.rules.create(req);
  }

  updateRule(req: Idempotent & RuleSpecRequest & { id: string }) {
    return this.rules.update(req);
  }

  deleteRule(req: Idempotent & { id: string }) {
    return this.rules.delete(req);
  }

  getJob(jobId: string): Promise<AsyncJob | undefined> {
    return this.world.call('alb', 'ListAsynJobs', false, () => {
      const doneAt = this.jobs.get(jobId);
      if (doneAt === undefined) return undefined;
      return { id: jobId, status: this.now() < doneAt ? 'Processing' : 'Succeeded' };
    });
  }

  /** Live (not deleting) listeners of a load balancer, for assertions. */
  liveListeners(lbId: string): FakeListener[] {
    this.sweep();
    return [...this.listeners.values()].filter((l) => l.lbId === lbId && l.deleteAt === undefined);
  }

  liveGroups(): FakeGroup[] {
    this.sweep();
    return [...this.groups.values()].filter((g) => g.deleteAt === undefined);
  }

  liveServers(groupId: string): FakeServer[] {
    this.sweep();
    return this.servers.filter((s) => s.groupId === groupId && s.removeAt === undefined);
  }

  /** Edits behind alb-fc's back, for drift tests. */
  retarget(listenerId: string, groupId: string): void {
    const l = this.listeners.get(listenerId);
    if (l) l.groupId = groupId;
  }
}
