import type { ErrorStyle } from './api-error.js';
import { missing, notValid } from './validate.js';

// Typed reads of an action's parameters. The pipeline has decoded them and checked them against the metadata
// (validate.ts), so a handler asks for the type the metadata gives; a value of another shape — a parameter the
// metadata leaves undescribed — answers the gateway's type error (POP `Invalid<Name>`, FC `InvalidArgument`) naming
// the parameter by its wire path (`Servers.1.Port`, `body.code`).

export class Params {
  constructor(
    private readonly values: Record<string, unknown>,
    private readonly style: ErrorStyle,
    /** The wire path of this set: '' at the top, `Servers.1.` or `body.` inside. */
    private readonly prefix = '',
  ) {}

  /** Whether the request carried the parameter. */
  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  /** The value as decoded, for one that is passed on or stored as given. */
  value(name: string): unknown {
    const value = this.values[name];
    return value === null ? undefined : value;
  }

  string(name: string): string | undefined {
    return this.typed(name, 'a string', (v): v is string => typeof v === 'string');
  }

  /** A parameter the action cannot do without (the metadata marks most of them required). */
  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw missing(this.style, this.path(name));
    return value;
  }

  number(name: string): number | undefined {
    return this.typed(name, 'a number', (v): v is number => typeof v === 'number');
  }

  boolean(name: string): boolean | undefined {
    return this.typed(name, 'true or false', (v): v is boolean => typeof v === 'boolean');
  }

  /** A list of strings (`LoadBalancerIds.1`, `LoadBalancerIds.2`, …). */
  strings(name: string): string[] | undefined {
    return this.typed(
      name,
      'a list of strings',
      (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'),
    );
  }

  /** A list of values of any shape, checked by the caller (FC's JSON list parameters). */
  list(name: string): unknown[] | undefined {
    return this.typed(name, 'a list', (v): v is unknown[] => Array.isArray(v));
  }

  /** An object parameter (`HealthCheckConfig.*`, FC's `body`), read the same way. */
  object(name: string): Params | undefined {
    const record = this.record(name);
    return record === undefined ? undefined : new Params(record, this.style, `${this.path(name)}.`);
  }

  /** A list of objects (`Servers.N.*`, `Tag.N.*`), each read the same way. */
  objects(name: string): Params[] | undefined {
    const records = this.records(name);
    return records?.map((record, index) => new Params(record, this.style, `${this.itemPath(name, index)}.`));
  }

  /** An object as given, for one that is stored or echoed as is. */
  record(name: string): Record<string, unknown> | undefined {
    return this.typed(name, 'an object', isRecord);
  }

  /** A list of objects as given (`RuleActions`), for ones that are stored as they are. */
  records(name: string): Array<Record<string, unknown>> | undefined {
    return this.typed(name, 'a list of objects', (v): v is Array<Record<string, unknown>> => {
      return Array.isArray(v) && v.every(isRecord);
    });
  }

  private typed<T>(name: string, expected: string, is: (value: unknown) => value is T): T | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!is(value)) throw notValid(this.style, this.path(name), `must be ${expected}`);
    return value;
  }

  private path(name: string): string {
    return `${this.prefix}${name}`;
  }

  private itemPath(name: string, index: number): string {
    return this.style === 'pop' ? `${this.path(name)}.${index + 1}` : `${this.path(name)}[${index}]`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
