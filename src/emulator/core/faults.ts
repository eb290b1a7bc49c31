// Fault injection in the spirit of LocalStack's chaos API: rules matched by service and action, firing
// with a probability and/or a limited number of times, that answer an error, add a delay, or drop the
// connection before the call runs or after it ran (the client never hears the answer).

export interface FaultRule {
  id: string;
  service?: string;
  action?: string;
  /** 0..1, default 1. */
  probability?: number;
  /** Fire at most this many times, then the rule is spent. */
  count?: number;
  error?: { status: number; code: string; message?: string; headers?: Record<string, string> };
  delayMs?: number;
  /** `before`: the call never runs. `after`: it runs, then the connection is destroyed unanswered. */
  drop?: 'before' | 'after';
}

export interface FaultDecision {
  error?: FaultRule['error'];
  delayMs: number;
  drop?: 'before' | 'after';
}

export class Faults {
  private rules: Array<FaultRule & { fired: number }> = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: Omit<FaultRule, 'id'> & { id?: string }): FaultRule {
    const stored = { ...rule, id: rule.id ?? `fault-${this.nextId++}`, fired: 0 };
    this.rules.push(stored);
    return stored;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ fired: _fired, ...rule }) => rule);
  }

  /** The combined effect of every rule that fires for this call. */
  decide(service: string, action: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue;
      if (rule.action && rule.action !== action) continue;
      if (rule.count !== undefined && rule.fired >= rule.count) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      rule.fired++;
      decision.delayMs += rule.delayMs ?? 0;
      decision.error ??= rule.error;
      decision.drop ??= rule.drop;
    }
    return decision;
  }
}

export function parseFaultRules(body: unknown): Array<Omit<FaultRule, 'id'>> {
  const list = Array.isArray(body) ? body : ((body as { rules?: unknown })?.rules ?? [body]);
  if (!Array.isArray(list)) throw new Error('expected a rule or {"rules": [...]}');
  return list.map((raw) => {
    if (typeof raw !== 'object' || raw === null) throw new Error('a fault rule must be an object');
    const rule = raw as Record<string, unknown>;
    const drop = rule.drop;
    if (drop !== undefined && drop !== 'before' && drop !== 'after')
      throw new Error('drop must be "before" or "after"');
    const error = rule.error as FaultRule['error'] | undefined;
    if (error !== undefined && (typeof error.status !== 'number' || typeof error.code !== 'string')) {
      throw new Error('error needs a numeric status and a string code');
    }
    if (
      rule.probability !== undefined &&
      (typeof rule.probability !== 'number' || rule.probability < 0 || rule.probability > 1)
    ) {
      throw new Error('probability must be between 0 and 1');
    }
    return {
      service: rule.service as string | undefined,
      action: rule.action as string | undefined,
      probability: rule.probability as number | undefined,
      count: rule.count as number | undefined,
      delayMs: rule.delayMs as number | undefined,
      error,
      drop,
    };
  });
}
