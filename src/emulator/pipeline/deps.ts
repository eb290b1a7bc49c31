import type { Clock } from '../../clock.js';
import type { Account } from '../auth/accounts.js';
import type { NonceCache } from '../auth/authenticate.js';
import type { CallLog } from '../core/call-log.js';
import type { Faults } from '../core/faults.js';
import type { Idempotency } from '../core/idempotency.js';
import type { LatencyProfile } from '../core/latency.js';
import type { PagingLimits } from '../core/paging.js';
import type { ServiceSet } from '../core/service.js';
import type { World } from '../core/world.js';
import type { BehaviourOptions } from '../options.js';

// What the request pipeline works with: the composed services, the shared state and clock, and the local
// cloud's own machinery (accounts and nonces for signatures, faults, latency, ClientTokens, the call log).

export interface PipelineDeps {
  world: World;
  services: ServiceSet;
  accounts: Account[];
  clock: Clock;
  latency: LatencyProfile;
  faults: Faults;
  calls: CallLog;
  options: BehaviourOptions;
  paging: PagingLimits;
  region: string;
  nonces: NonceCache;
  idempotency: Idempotency;
  /** Reports unexpected handler failures (bugs of the local cloud), e.g. to its log. */
  onInternalError?: (error: unknown) => void;
}
