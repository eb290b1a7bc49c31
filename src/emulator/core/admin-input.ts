import type { ServiceEnv } from './service.js';

// What a service's admin route (core/service.ts `AdminRoutes`) refuses a request with, and the account it
// names. The admin API (admin/admin.ts) answers 400 for an `AdminInputError`.

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
