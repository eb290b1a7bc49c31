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

/**
 * The rules of a POST /_emulator/faults body, for the local cloud's `services` (by name); throws with what is
 * wrong (the admin API answers 400).
 */
export function parseFaultRules(body: unknown, services: string[]): Array<Omit<FaultRule, 'id'>> {
  const list = Array.isArray(body) ? body : ((body as { rules?: unknown })?.rules ?? [body]);
  if (!Array.isArray(list)) throw new Error('expected a rule or {"rules": [...]}');
  return list.map((raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new Error('a fault rule must be an object');
    const rule = raw as Record<string, unknown>;
    const service = optional(
      rule.service,
      'service',
      (v) => typeof v === 'string' && services.includes(v),
      `one of ${services.join(', ')}`,
    );
    const action = optional(rule.action, 'action', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    const probability = optional(
      rule.probability,
      'probability',
      (v) => typeof v === 'number' && v >= 0 && v <= 1,
      'a number between 0 and 1',
    );
    const count = optional(
      rule.count,
      'count',
      (v) => Number.isInteger(v) && (v as number) >= 0,
      'a whole number of at least 0',
    );
    const delayMs = optional(
      rule.delayMs,
      'delayMs',
      (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
      'a number of at least 0',
    );
    const drop = optional(rule.drop, 'drop', (v) => v === 'before' || v === 'after', '"before" or "after"');
    return {
      service: service as string | undefined,
      action: action as string | undefined,
      probability: probability as number | undefined,
      count: count as number | undefined,
      delayMs: delayMs as number | undefined,
      error: faultError(rule.error),
      drop: drop as FaultRule['drop'],
    };
  });
}

function optional(value: unknown, name: string, valid: (value: unknown) => boolean, expected: string): unknown {
  if (value !== undefined && !valid(value)) throw new Error(`${name} must be ${expected}`);
  return value;
}

function faultError(value: unknown): FaultRule['error'] {
  if (value === undefined) return undefined;
  const error = value as Record<string, unknown> | null;
  if (
    typeof error !== 'object' ||
    error === null ||
    !Number.isInteger(error.status) ||
    (error.status as number) < 400 ||
    (error.status as number) > 599 ||
    typeof error.code !== 'string'
  ) {
    throw new Error('error needs a numeric status (400-599) and a string code');
  }
  optional(error.message, 'error.message', (v) => typeof v === 'string', 'a string');
  const headers = optional(
    error.headers,
    'error.headers',
    (v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((h) => typeof h === 'string'),
    'an object of strings',
  );
  return {
    status: error.status as number,
    code: error.code,
    ...(error.message === undefined ? {} : { message: error.message as string }),
    ...(headers === undefined ? {} : { headers: headers as Record<string, string> }),
  };
}
