import type { CallContext } from '../../core/service.js';

// Typed reads of `ctx.params`, which the core has already decoded and checked against the metadata.

export function stringParam(ctx: CallContext, name: string): string | undefined {
  const value = ctx.params[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** A parameter the metadata marks required: the core answered `Missing<Name>` when it was absent. */
export function requiredParam(ctx: CallContext, name: string): string {
  return stringParam(ctx, name) ?? '';
}

export function numberParam(ctx: CallContext, name: string): number | undefined {
  const value = ctx.params[name];
  return typeof value === 'number' ? value : undefined;
}

export function booleanParam(ctx: CallContext, name: string): boolean | undefined {
  const value = ctx.params[name];
  return typeof value === 'boolean' ? value : undefined;
}
