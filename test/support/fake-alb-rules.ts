// ALB forwarding rules in memory, for FakeAlb: asynchronous (Provisioning / Configuring → Available), their
// listener Configuring meanwhile (a concurrent change: ResourceInConfiguring.Listener), unique priorities per
// listener (Conflict.Priority), ClientToken replay, and a listener's default group changed in place.
import type { Idempotent, RuleInfo, RuleSpecRequest, Tags } from '../../src/cloud/ports.js';
import { cloudError } from './cloud-error.js';
import type { FakeListener } from './fake-alb.js';
import type { World } from './fake-world.js';

export interface FakeRule extends RuleSpecRequest {
  id: string;
  listenerId: string;
  tags: Tags;
  createdAt: number;
  readyAt: number;
  deleteAt?: number;
}

interface RuleHost {
  readonly listeners: Map<string, FakeListener>;
  idempotent<T>(action: string, token: string, params: unknown, run: () => T): T;
  job(doneAt: number): string;
}

export class FakeRules {
  readonly rules = new Map<string, FakeRule>();
  /** Until when each listener is Configuring because of a rule or default-action change. */
  private readonly busy = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly host: RuleHost,
  ) {}

  private sweep(): void {
    const now = this.world.now();
    for (const [id, r] of this.rules) if (r.deleteAt !== undefined && now >= r.deleteAt) this.rules.delete(id);
  }

  listenerBusy(listenerId: string): boolean {
    return this.world.now() < (this.busy.get(listenerId) ?? 0);
  }

  private hold(action: string, listenerId: string): number {
    const listener = this.host.listeners.get(listenerId);
    if (!listener || listener.deleteAt !== undefined) throw cloudError('alb', action, 'ResourceNotFound.Listener', 404);
    if (this.listenerBusy(listenerId) || this.world.now() < listener.readyAt) {
      throw cloudError('alb', action, 'ResourceInConfiguring.Listener');
    }
    const until = this.world.now() + this.world.timings.ruleMs;
    this.busy.set(listenerId, until);
    return until;
  }

  private info(r: FakeRule): RuleInfo {
    const now = this.world.now();
    return {
      id: r.id,
      listenerId: r.listenerId,
      name: r.name,
      priority: r.priority,
      status: r.deleteAt !== undefined ? 'Deleting' : now < r.readyAt ? 'Provisioning' : 'Available',
      match: { ...r.match },
      action: structuredClone(r.action),
      otherConditions: [],
      tags: { ...r.tags },
    };
  }

  list(listenerId: string): Promise<RuleInfo[]> {
    return this.world.call('alb', 'ListRules', false, () => {
      this.sweep();
      return [...this.rules.values()].filter((r) => r.listenerId === listenerId).map((r) => this.info(r));
    });
  }

  private checkPriority(action: string, listenerId: string, priority: number, self?: string): void {
    const taken = [...this.rules.values()].some(
      (r) => r.listenerId === listenerId && r.priority === priority && r.id !== self && r.deleteAt === undefined,
    );
    if (taken) throw cloudError('alb', action, 'Conflict.Priority');
  }

  create(
    req: Idempotent & RuleSpecRequest & { listenerId: string; tags: Tags },
  ): Promise<{ id: string; jobId: string }> {
    return this.world.call('alb', 'CreateRule', true, () =>
      this.host.idempotent('CreateRule', req.clientToken, { ...req, clientToken: undefined }, () => {
        this.sweep();
        this.checkPriority('CreateRule', req.listenerId, req.priority);
        const readyAt = this.hold('CreateRule', req.listenerId);
        const id = this.world.nextId('rule-');
        const { clientToken: _token, ...spec } = req;
        this.rules.set(id, { ...structuredClone(spec), id, createdAt: this.world.now(), readyAt });
        return { id, jobId: this.host.job(readyAt) };
      }),
    );
  }

  update(req: Idempotent & RuleSpecRequest & { id: string }): Promise<{ jobId: string }> {
    return this.world.call('alb', 'UpdateRuleAttribute', true, () =>
      this.host.idempotent('UpdateRuleAttribute', req.clientToken, { ...req, clientToken: undefined }, () => {
        this.sweep();
        const rule = this.rules.get(req.id);
        if (!rule || rule.deleteAt !== undefined)
          throw cloudError('alb', 'UpdateRuleAttribute', 'ResourceNotFound.Rule', 404);
        this.checkPriority('UpdateRuleAttribute', rule.listenerId, req.priority, rule.id);
        const readyAt = this.hold('UpdateRuleAttribute', rule.listenerId);
        Object.assign(rule, {
          name: req.name,
          priority: req.priority,
          match: { ...req.match },
          action: structuredClone(req.action),
          readyAt,
        });
        return { jobId: this.host.job(readyAt) };
      }),
    );
  }

  delete(req: Idempotent & { id: string }): Promise<{ jobId: string } | 'absent'> {
    return this.world.call('alb', 'DeleteRule', true, () =>
      this.host.idempotent('DeleteRule', req.clientToken, { id: req.id }, () => {
        this.sweep();
        const rule = this.rules.get(req.id);
        if (!rule) return 'absent' as const;
        if (rule.deleteAt !== undefined) throw cloudError('alb', 'DeleteRule', 'IncorrectStatus.Rule');
        rule.deleteAt = this.hold('DeleteRule', rule.listenerId);
        return { jobId: this.host.job(rule.deleteAt) };
      }),
    );
  }

  setDefaultGroup(req: Idempotent & { id: string; serverGroupId: string }): Promise<{ jobId: string }> {
    return this.world.call('alb', 'UpdateListenerAttribute', true, () =>
      this.host.idempotent('UpdateListenerAttribute', req.clientToken, { ...req, clientToken: undefined }, () => {
        const until = this.hold('UpdateListenerAttribute', req.id);
        this.host.listeners.get(req.id)!.groupId = req.serverGroupId;
        return { jobId: this.host.job(until) };
      }),
    );
  }

  /** Groups some live rule forwards to (a group in use cannot be deleted). */
  groupsInUse(): Set<string> {
    this.sweep();
    const groups = [...this.rules.values()]
      .filter((r) => r.deleteAt === undefined && r.action.type === 'forward')
      .flatMap((r) => (r.action.type === 'forward' ? r.action.targets.map((t) => t.serverGroupId) : []));
    return new Set(groups);
  }
}
