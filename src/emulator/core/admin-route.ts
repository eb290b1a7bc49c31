import type { Answer } from './http.js';
import type { ServiceEnv } from './service.js';

// An admin route of a service (`METHOD /_emulator/<service>/...`, loopback only, unsigned): what the modelled
// APIs cannot do, such as seeding resources of kinds no modelled API creates. The admin API (admin/admin.ts)
// parses the body once, answers 400 for an `AdminInputError`, and saves the world after a successful change.

export interface AdminRequest {
  url: URL;
  /** The JSON object the request carried (`{}` when it had no body). */
  body: Record<string, unknown>;
  env: ServiceEnv;
}

export type AdminRoute = (request: AdminRequest) => Answer | Promise<Answer>;

/** Routes keyed `METHOD /_emulator/<service>/...`. */
export type AdminRoutes = Record<string, AdminRoute>;

/** Thrown by an admin route for a request it cannot take: the admin API answers 400 `{error: message}`. */
export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}

/** An admin request's `accountId`: one of the local cloud's accounts, the first by default. */
export function accountIdOf(env: ServiceEnv, value: unknown): string {
  const accountId = value === undefined ? env.accounts[0]?.accountId : value;
  if (typeof accountId !== 'string' || !env.accounts.some((account) => account.accountId === accountId)) {
    throw new AdminInputError(`unknown account ${String(accountId)}`);
  }
  return accountId;
}
