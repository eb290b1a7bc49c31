// The local cloud's wire contract, the one thing the product and the local cloud (src/emulator) both know about
// each other: the ready document it announces, the paths of its admin API, and its fixed key. Types and
// constants only, so either side can import it without importing the other (docs/emulator.md describes the
// admin API; README.md, "The local cloud", the ready line).

/** The ready document (`alb-fc emulator start --json`, `GET /_emulator/info`): how to talk to this local cloud. */
export interface ReadyInfo {
  event: 'ready';
  endpoint: string;
  region: string;
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
  loadBalancers: Array<{ id: string; dnsName: string; addressType: string }>;
  domains: string[];
  /** OSS buckets of the account, for state shared through the local cloud (`--state oss://alb-fc-state/…`). */
  buckets: string[];
  [field: string]: unknown;
}

/** The admin API: unsigned, answered on loopback only. */
export const ADMIN_PATHS = {
  /** GET: the ready document. */
  info: '/_emulator/info',
  /** GET: every resource, per service, and the listeners' loopback ports. */
  state: '/_emulator/state',
  /** GET: the signed API calls since start or reset. */
  calls: '/_emulator/calls',
  /** POST / GET / DELETE: fault rules (errors, delays, dropped connections). */
  faults: '/_emulator/faults',
  /** POST: back to the seeded state. */
  reset: '/_emulator/reset',
  /** GET `?host=H&port=P`: where a connection to H:P goes, CNAMEs followed (404: it does not resolve). */
  resolve: '/_emulator/resolve',
} as const;

/**
 * The default account's key: a fixed, public value (like LocalStack's `test`/`test`), not a secret, so alb-fc
 * can use it with --local without storing it.
 */
export const LOCAL_ACCOUNT_ID = '1000000000000001';
export const LOCAL_ACCESS_KEY_ID = 'alb-fc-local';
export const LOCAL_ACCESS_KEY_SECRET = 'alb-fc-local-secret';

/** The OSS bucket every local cloud starts with, owned by the default account (docs/teams.md). */
export const LOCAL_STATE_BUCKET = 'alb-fc-state';
